"""Whether the person may stretch now, from their latest red-flag screening."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from spinecoach.errors import EmergencyError, ScreeningNeededError, SeeDoctorError
from spinecoach.records import PersonRecord
from spinecoach.safety.screening import Outcome, ScreeningResult, evaluate, screening_due
from spinecoach.store.repository import Repository

EMERGENCY_REFUSAL = (
    "your safety screen found a reason to get urgent help: do not stretch. "
    "Call your emergency number or go to the emergency department now."
)
SEE_DOCTOR_REFUSAL = (
    "your safety screen says to see a doctor before stretching. Once a doctor "
    "has checked you, answer the screen again."
)
SCREEN_DUE_REFUSAL = "no safety screen in the last 30 days: answer the safety questions first."


@dataclass(frozen=True)
class Gate:
    """The latest screening's outcome, or None when a new screen is due before stretching."""

    outcome: Outcome | None
    taken_at: datetime | None

    @property
    def screen_due(self) -> bool:
        """Return whether the questions must be answered before a session."""
        return self.outcome is None


def safety_gate(repository: Repository, person: PersonRecord, now: datetime) -> Gate:
    """Return the outcome of the latest screening still valid now (30 days), if any."""
    latest = repository.latest_screening(person.id)
    if latest is None or screening_due(latest.taken_at, now):
        return Gate(None, latest.taken_at if latest else None)
    return Gate(Outcome(latest.outcome.value), latest.taken_at)


def refuse_unless_safe(outcome: Outcome | None) -> None:
    """Raise an UnsafeRoutineError of the outcome's kind unless it allows stretching.

    Each kind has its own exit code and HTTP status in the adapters, so a script can tell
    "unsafe" from "mistyped".
    """
    if outcome is Outcome.EMERGENCY:
        raise EmergencyError(EMERGENCY_REFUSAL)
    if outcome is Outcome.SEE_DOCTOR:
        raise SeeDoctorError(SEE_DOCTOR_REFUSAL)
    if outcome is None:
        raise ScreeningNeededError(SCREEN_DUE_REFUSAL)


def record_screening(
    repository: Repository,
    person: PersonRecord,
    answers: Mapping[str, bool],
    result: ScreeningResult,
    now: datetime,
) -> None:
    """Append a screening with the answers exactly as given and the outcome they led to."""
    repository.record_screening(
        person.id,
        taken_at=now,
        answers=dict(answers),
        outcome=result.outcome.value,
        rules_version=result.rules_version,
        doctor_acknowledged=result.doctor_acknowledged,
    )


def submit_screening(
    repository: Repository, person: PersonRecord, answers: Mapping[str, bool], now: datetime
) -> ScreeningResult:
    """Score a complete set of answers, record them and return the result."""
    result = evaluate(answers)
    record_screening(repository, person, answers, result, now)
    return result
