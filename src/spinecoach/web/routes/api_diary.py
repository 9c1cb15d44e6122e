"""JSON API: pain diary entries and the history of sessions and pain."""

from typing import Any

from fastapi import APIRouter, status

from spinecoach.coaching.diary import PAGE_SIZE, history_page, record_diary_entry
from spinecoach.reports.history import diary_to_dict
from spinecoach.web.answers_records import HistoryAnswer, PainEntry
from spinecoach.web.deps import ClockDep, PersonDep, RepositoryDep
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.paging import CursorQuery, LimitQuery, api_page_at
from spinecoach.web.schemas import PainDiaryEntry, error_responses

router = APIRouter(
    prefix="/api",
    tags=["pain and history"],
    route_class=JsonBodyRoute,
    responses=error_responses(400),
)


@router.post(
    "/pain",
    summary="Add a pain diary entry",
    status_code=status.HTTP_201_CREATED,
    response_model=PainEntry,
    responses=error_responses(422),
)
def post_pain(
    body: PainDiaryEntry, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> dict[str, Any]:
    """Append a 0-10 pain score given outside a session."""
    entry = record_diary_entry(
        repository,
        person,
        body.score,
        clock.now(),
        region=body.region.value if body.region else None,
        kind=body.kind.value if body.kind else None,
        note=body.note or None,
    )
    return diary_to_dict(entry)


@router.get(
    "/history",
    summary="A page of sessions and of the pain diary, the streak and this week's count",
    response_model=HistoryAnswer,
    responses=error_responses(422),
)
def get_history(
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
    limit: LimitQuery = PAGE_SIZE,
    sessions_before: CursorQuery = None,
    sessions_after: CursorQuery = None,
    diary_before: CursorQuery = None,
    diary_after: CursorQuery = None,
) -> dict[str, Any]:
    """Return the latest sessions and diary entries (or those before or after a cursor).

    Each list is oldest first; sessions_page and diary_page say whether there are older or
    newer ones and give the cursor to pass as sessions_before, diary_after, and so on.
    """
    return history_page(
        repository,
        person.id,
        clock.now(),
        sessions=api_page_at("sessions", sessions_before, sessions_after),
        diary=api_page_at("diary", diary_before, diary_after),
        limit=limit,
    ).to_dict()
