"""JSON API: the activity scale (PSFS), its entries, whether it is due, and a new entry."""

from typing import Annotated, Any

from fastapi import APIRouter, status
from pydantic import Field, StrictInt

from spinecoach.coaching.function_scale import psfs_offer, save_psfs
from spinecoach.records import PSFS_MAX_ACTIVITIES, PSFS_MAX_ACTIVITY_LENGTH, PsfsRating, PsfsRecord
from spinecoach.reports.function import activities_to_rate, function_change
from spinecoach.web.answers_records import FunctionAnswer, FunctionEntryAnswer
from spinecoach.web.deps import ClockDep, PersonDep, RepositoryDep
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.schemas import Body, error_responses

router = APIRouter(
    prefix="/api",
    tags=["activity scale"],
    route_class=JsonBodyRoute,
    responses=error_responses(400),
)


class ActivityRating(Body):
    """One activity and how well it goes today: 0 not at all, 10 as before the pain."""

    activity: Annotated[str, Field(min_length=1, max_length=PSFS_MAX_ACTIVITY_LENGTH)]
    score: Annotated[StrictInt, Field(ge=0, le=10)]


class FunctionEntry(Body):
    """A filled-in scale: one to five activities, each named once."""

    ratings: Annotated[list[ActivityRating], Field(min_length=1, max_length=PSFS_MAX_ACTIVITIES)]


def entry_json(entry: PsfsRecord) -> dict[str, Any]:
    """Return one entry as the API shows it."""
    return {
        "id": entry.id,
        "taken_at": entry.taken_at.isoformat(),
        "ratings": [{"activity": r.activity, "score": r.score} for r in entry.ratings],
        "mean": round(entry.mean, 2),
    }


@router.get(
    "/function",
    summary="Activity scale entries, whether one is due, and the change",
    response_model=FunctionAnswer,
)
def get_function(repository: RepositoryDep, person: PersonDep, clock: ClockDep) -> dict[str, Any]:
    """Return every entry (oldest first), whether it is due, what to rate, and the change."""
    entries = repository.psfs_entries(person.id)
    change = function_change(entries)
    return {
        "entries": [entry_json(entry) for entry in entries],
        "due": psfs_offer(repository, person, clock.now()) is not None,
        "activities": list(activities_to_rate(entries)),
        "change": None if change is None else change.sentence(),
    }


@router.post(
    "/function",
    summary="Fill in the activity scale",
    status_code=status.HTTP_201_CREATED,
    response_model=FunctionEntryAnswer,
    responses=error_responses(422),
)
def post_function(
    body: FunctionEntry, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> dict[str, Any]:
    """Append a filled-in scale (an activity named twice is refused with 400)."""
    ratings = [PsfsRating(activity=r.activity, score=r.score) for r in body.ratings]
    return entry_json(save_psfs(repository, person, ratings, clock.now()))
