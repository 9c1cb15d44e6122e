"""Alerts a clinician sees, worked out from the patient's records each time (never kept in memory).

The rules follow the clinic-alert thresholds in the project's safety notes, modelled on
Medbridge Pathways' published ones: critical for any red-flag answer on the safety screen.
This part records the red-flag alerts; the dashboard's other rules (pain rising, sessions
stopped for pain, days without a session) come with it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from spinecoach.records import ScreeningOutcome, ScreeningRecord

RED_FLAG_RULE = (
    "a red-flag answer on the safety screen (emergency or see a doctor): critical, call the "
    "patient today"
)


@dataclass(frozen=True, slots=True)
class Alert:
    """Something in a patient's records a clinician should act on, with the rule that raised it."""

    kind: str
    severity: str
    rule: str
    raised_at: datetime
    detail: str


def red_flag_alerts(screenings: Iterable[ScreeningRecord]) -> list[Alert]:
    """Return a critical alert for each screening that answered emergency or see a doctor."""
    return [
        Alert(
            kind="red-flag",
            severity="critical",
            rule=RED_FLAG_RULE,
            raised_at=screening.taken_at,
            detail=(
                "the screen said to get emergency care"
                if screening.outcome is ScreeningOutcome.EMERGENCY
                else "the screen said to see a doctor before stretching"
            ),
        )
        for screening in screenings
        if screening.outcome is not ScreeningOutcome.GO
    ]
