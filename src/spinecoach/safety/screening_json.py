"""The JSON shape of the screening questions and of a result, for `screen --json` and the API."""

from typing import Any

from spinecoach.safety.schema import Questionnaire
from spinecoach.safety.screening import ScreeningResult


def questions_to_dict(questionnaire: Questionnaire) -> dict[str, Any]:
    """Return every question in order with its kind and the outcome a yes leads to."""
    return {
        "version": questionnaire.version,
        "items": [
            {
                "id": item.id,
                "question": item.question,
                "kind": item.kind.value,
                "outcome": item.outcome.value if item.outcome is not None else None,
            }
            for item in questionnaire.items
        ],
    }


def result_to_dict(result: ScreeningResult) -> dict[str, Any]:
    """Return the outcome, its message, and the answers that raised, reminded or warned."""
    return {
        "outcome": result.outcome.value,
        "message": result.message,
        "rules_version": result.rules_version,
        "doctor_acknowledged": result.doctor_acknowledged,
        "triggered": [
            {
                "id": item.id,
                "outcome": item.outcome.value if item.outcome else None,
                "reason": item.reason,
            }
            for item in result.triggered
        ],
        "reminders": [{"id": item.id, "reason": item.reason} for item in result.reminders],
        "watch_for": [{"id": item.id, "reason": item.reason} for item in result.watch_for],
    }
