"""Safety rules: red-flag screening and pain rules; pure functions that cite their sources."""

from spinecoach.safety.loader import default_screening, load_screening
from spinecoach.safety.pain import (
    IMPROVEMENT_TAKES_TIME,
    PAIN_RULES_COVER,
    NextPlanAdjustment,
    PainEntry,
    PersistentPainCheck,
    PersistentPainReason,
    SessionPainCheck,
    check_during_session,
    check_persistent_pain,
    next_plan_adjustment,
    pain_score,
)
from spinecoach.safety.screening import (
    OUTCOME_MESSAGES,
    Outcome,
    ScreeningResult,
    emergency_so_far,
    evaluate,
)


def covered_source_ids() -> set[str]:
    """Return the ids of every article passage the screening data and pain rules implement."""
    covered = set(PAIN_RULES_COVER)
    for item in default_screening().items:
        covered.update(item.covers)
    return covered


__all__ = [
    "IMPROVEMENT_TAKES_TIME",
    "OUTCOME_MESSAGES",
    "NextPlanAdjustment",
    "Outcome",
    "PainEntry",
    "PersistentPainCheck",
    "PersistentPainReason",
    "ScreeningResult",
    "SessionPainCheck",
    "check_during_session",
    "check_persistent_pain",
    "covered_source_ids",
    "default_screening",
    "emergency_so_far",
    "evaluate",
    "load_screening",
    "next_plan_adjustment",
    "pain_score",
]
