"""JSON API: pain diary entries and the history of sessions and pain."""

from typing import Any

from fastapi import APIRouter, status

from spinecoach.coaching.diary import history_overview, record_diary_entry
from spinecoach.reports.history import diary_to_dict
from spinecoach.web.answers_records import HistoryAnswer, PainEntry
from spinecoach.web.deps import ClockDep, PersonDep, RepositoryDep
from spinecoach.web.json_body import JsonBodyRoute
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
    summary="Sessions, pain diary, streak and this week's count",
    response_model=HistoryAnswer,
)
def get_history(repository: RepositoryDep, person: PersonDep, clock: ClockDep) -> dict[str, Any]:
    """Return every session with pain before and after, the diary, the streak and the week."""
    return history_overview(repository, person, clock.now()).to_dict()
