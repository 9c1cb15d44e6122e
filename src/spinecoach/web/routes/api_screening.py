"""JSON API: the red-flag questions, answering them, and the latest outcome."""

from typing import Any

from fastapi import APIRouter, status

from spinecoach.coaching.safety_gate import safety_gate, submit_screening
from spinecoach.safety.loader import default_screening
from spinecoach.safety.screening import ScreeningResult
from spinecoach.web.deps import ClockDep, PersonDep, RepositoryDep
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.schemas import ScreeningAnswers, error_responses

router = APIRouter(
    prefix="/api/screening",
    tags=["safety screen"],
    route_class=JsonBodyRoute,
    responses=error_responses(400),
)

JsonDict = dict[str, Any]


def result_json(result: ScreeningResult) -> JsonDict:
    """Return a screening result as the API and the pages describe it."""
    return {
        "outcome": result.outcome.value,
        "message": result.message,
        "rules_version": result.rules_version,
        "doctor_acknowledged": result.doctor_acknowledged,
        "triggered": [{"id": item.id, "reason": item.reason} for item in result.triggered],
        "reminders": [{"id": item.id, "reason": item.reason} for item in result.reminders],
        "watch_for": [{"id": item.id, "reason": item.reason} for item in result.watch_for],
    }


@router.get("", summary="The screening questions")
def get_questions() -> JsonDict:
    """Return every question in order with its kind; all must be answered."""
    questionnaire = default_screening()
    return {
        "version": questionnaire.version,
        "items": [
            {
                "id": item.id,
                "question": item.question,
                "kind": item.kind.value,
                "outcome": item.outcome.value if item.outcome else None,
            }
            for item in questionnaire.items
        ],
    }


@router.post(
    "",
    summary="Answer the screening",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(422),
)
def post_answers(
    body: ScreeningAnswers, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> JsonDict:
    """Record a complete set of answers and return what to do: emergency, see a doctor, or go."""
    return result_json(submit_screening(repository, person, body.answers, clock.now()))


@router.get("/latest", summary="Whether the person may stretch now")
def get_latest(repository: RepositoryDep, person: PersonDep, clock: ClockDep) -> JsonDict:
    """Return the latest screening still valid (30 days), or screen_due when there is none."""
    gate = safety_gate(repository, person, clock.now())
    return {
        "outcome": gate.outcome.value if gate.outcome else None,
        "taken_at": gate.taken_at.isoformat() if gate.taken_at else None,
        "screen_due": gate.screen_due,
    }
