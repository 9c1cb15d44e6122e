"""JSON API: the red-flag questions, answering them, and the latest outcome."""

from typing import Any

from fastapi import APIRouter, status

from spinecoach.coaching.safety_gate import safety_gate, submit_screening
from spinecoach.safety.loader import default_screening
from spinecoach.safety.screening_json import questions_to_dict, result_to_dict
from spinecoach.web.answers_records import LatestScreening, ScreeningOutcome, ScreeningQuestions
from spinecoach.web.deps import ClockDep, PersonDep, RepositoryDep
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.schemas import ScreeningAnswers, error_responses

router = APIRouter(
    prefix="/api/screening",
    tags=["safety screen"],
    route_class=JsonBodyRoute,
    responses=error_responses(400),
)


@router.get("", summary="The screening questions", response_model=ScreeningQuestions)
def get_questions() -> dict[str, Any]:
    """Return every question in order with its kind; all must be answered."""
    return questions_to_dict(default_screening())


@router.post(
    "",
    summary="Answer the screening",
    status_code=status.HTTP_201_CREATED,
    response_model=ScreeningOutcome,
    responses=error_responses(422),
)
def post_answers(
    body: ScreeningAnswers, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> dict[str, Any]:
    """Record a complete set of answers and return what to do: emergency, see a doctor, or go."""
    return result_to_dict(submit_screening(repository, person, body.answers, clock.now()))


@router.get("/latest", summary="Whether the person may stretch now")
def get_latest(repository: RepositoryDep, person: PersonDep, clock: ClockDep) -> LatestScreening:
    """Return the latest screening still valid (30 days), or screen_due when there is none."""
    gate = safety_gate(repository, person, clock.now())
    return LatestScreening(
        outcome=gate.outcome,
        taken_at=gate.taken_at.isoformat() if gate.taken_at else None,
        screen_due=gate.screen_due,
    )
