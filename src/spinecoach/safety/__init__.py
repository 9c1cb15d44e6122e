"""Safety rules: red-flag screening and pain rules; pure functions that cite their sources.

Names load on first use, so code that needs only the pain rules (the planner) does not build
the screening questionnaire's models at import time.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "default_screening": "loader",
    "load_screening": "loader",
    "OUTCOME_MESSAGES": "screening",
    "Outcome": "screening",
    "ScreeningResult": "screening",
    "emergency_so_far": "screening",
    "evaluate": "screening",
    **{
        name: "pain"
        for name in (
            "IMPROVEMENT_TAKES_TIME",
            "PAIN_RULES_COVER",
            "NextPlanAdjustment",
            "PainEntry",
            "PersistentPainCheck",
            "PersistentPainReason",
            "SessionPainCheck",
            "check_during_session",
            "check_persistent_pain",
            "next_plan_adjustment",
            "pain_score",
        )
    },
}


def __getattr__(name: str) -> Any:
    """Import a public name from the module that holds it, on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'spinecoach.safety' has no attribute {name!r}")
    return getattr(import_module(f"spinecoach.safety.{_HOMES[name]}"), name)


def covered_source_ids() -> set[str]:
    """Return the ids of every article passage the screening data and pain rules implement."""
    from spinecoach.safety.loader import default_screening
    from spinecoach.safety.pain import PAIN_RULES_COVER

    covered = set(PAIN_RULES_COVER)
    for item in default_screening().items:
        covered.update(item.covers)
    return covered


__all__ = [
    "IMPROVEMENT_TAKES_TIME",
    "OUTCOME_MESSAGES",
    "PAIN_RULES_COVER",
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
