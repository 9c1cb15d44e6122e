"""Check a screening recorded elsewhere (a restored backup): does its outcome follow its answers?"""

from collections.abc import Mapping

from spinecoach.errors import InvalidInputError
from spinecoach.safety.loader import DOCTOR_ACKNOWLEDGEMENT_ID
from spinecoach.safety.schema import ItemKind, Questionnaire
from spinecoach.safety.screening import Outcome, evaluate_recorded


def recorded_screening_problem(
    answers: object,
    outcome: str,
    rules_version: str,
    doctor_acknowledged: bool,
    questionnaire: Questionnaire,
) -> str | None:
    """Return why a recorded outcome cannot come from its answers, or None when it can."""
    if not isinstance(answers, Mapping) or not all(
        isinstance(key, str) and isinstance(value, bool) for key, value in answers.items()
    ):
        return "answers: expected an object of true or false answers"
    if rules_version == questionnaire.version:
        return _current_problem(answers, outcome, doctor_acknowledged, questionnaire)
    # Older (or unknown) rules cannot be run again: their questions may have been worded or
    # ranked differently, and only the current file is packaged. What holds across versions:
    # an item id names one warning sign, and an item stays a red flag while it is asked (a
    # version may move it between emergency and see-doctor, or drop it, never make it harmless,
    # since the only other kind is the one doctor acknowledgement). So a "yes" to anything the
    # current rules count as a red flag can never have led to "go" under any version. We do not
    # demand today's urgency: guidelines rank these signs differently (Verhagen et al. 2016).
    if outcome != Outcome.GO.value:
        return None
    for item in questionnaire.items:
        if item.kind is ItemKind.RED_FLAG and answers.get(item.id) is True:
            return (
                f"outcome 'go' cannot follow a yes to {item.id!r}, a warning sign under every "
                f"rules version (this one was answered under {rules_version})"
            )
    return None


def _current_problem(
    answers: Mapping[str, bool],
    outcome: str,
    doctor_acknowledged: bool,
    questionnaire: Questionnaire,
) -> str | None:
    """Return why the outcome differs from what today's rules give for the answers, or None."""
    try:
        result = evaluate_recorded(answers, questionnaire=questionnaire)
    except InvalidInputError as error:
        return f"answers: {error.user_message}"
    if result.outcome.value != outcome:
        return (
            f"outcome {outcome!r} does not match what rules version {questionnaire.version} "
            f"gives for its answers ({result.outcome.value!r})"
        )
    if result.doctor_acknowledged != doctor_acknowledged:
        return (
            f"doctor_acknowledged {str(doctor_acknowledged).lower()} does not match its "
            f"answer to {DOCTOR_ACKNOWLEDGEMENT_ID!r}"
        )
    return None
