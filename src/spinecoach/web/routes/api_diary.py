"""JSON API: pain diary entries and the history of sessions and pain."""

from typing import Any

from fastapi import APIRouter, status

from spinecoach.coaching.diary import history_overview, record_diary_entry
from spinecoach.records import PainEntryRecord
from spinecoach.web.deps import ClockDep, PersonDep, RepositoryDep
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.schemas import PainDiaryEntry, error_responses

router = APIRouter(
    prefix="/api",
    tags=["pain and history"],
    route_class=JsonBodyRoute,
    responses=error_responses(400),
)

JsonDict = dict[str, Any]


def pain_json(entry: PainEntryRecord) -> JsonDict:
    """Return a pain entry as the API shows it."""
    return {
        "id": entry.id,
        "recorded_at": entry.recorded_at.isoformat(),
        "score": entry.score,
        "region": entry.region.value if entry.region else None,
        "kind": entry.kind.value if entry.kind else None,
        "context": entry.context.value,
        "note": entry.note,
        "session_id": entry.session_id,
    }


@router.post(
    "/pain",
    summary="Add a pain diary entry",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(422),
)
def post_pain(
    body: PainDiaryEntry, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> JsonDict:
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
    return pain_json(entry)


@router.get("/history", summary="Sessions, pain diary, streak and this week's count")
def get_history(repository: RepositoryDep, person: PersonDep, clock: ClockDep) -> JsonDict:
    """Return every session with pain before and after, the diary, the streak and the week."""
    overview = history_overview(repository, person, clock.now())
    return {
        "sessions": [summary.to_dict() for summary in overview.sessions],
        "diary": [pain_json(entry) for entry in overview.diary],
        "streak_days": overview.streak_days,
        "sessions_this_week": overview.sessions_this_week,
    }
