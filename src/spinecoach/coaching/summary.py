"""What a person is told when a session ends: what was done, pain, and what happens next."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from spinecoach.catalog.loader import Catalog
from spinecoach.errors import NotFoundError
from spinecoach.fitting import DROP_DAYS
from spinecoach.records import CameraCounts, PersonRecord, SessionStatus
from spinecoach.reports.history import summarise
from spinecoach.safety.pain import (
    IMPROVEMENT_TAKES_TIME,
    LOOKBACK,
    MEANINGFUL_RISE,
    PainEntry,
    check_persistent_pain,
    next_plan_adjustment,
)
from spinecoach.session_outcome import SessionOutcome
from spinecoach.store.repository import Repository

# The outcome, not the status: "completed" for a session whose every stretch was skipped would
# tell the person they did something they did not.
ENDINGS = {
    SessionOutcome.ALL_DONE: "every stretch done",
    SessionOutcome.SOME_DONE: "finished, with some stretches skipped",
    SessionOutcome.NONE_DONE: "finished with every stretch skipped, so it does not count",
    SessionOutcome.STOPPED_PAIN: "stopped because your pain got worse",
    SessionOutcome.QUIT: "stopped early",
    SessionOutcome.IN_PROGRESS: "still in progress",
}
GET_ADVICE_IF_NOT_SETTLING = (
    "If the pain has not settled after a day or two of rest, or it spreads down a leg, see a"
    " doctor or physiotherapist before stretching again."
)


@dataclass(frozen=True)
class SessionSummary:
    """One ended session in plain words, for any front end to show."""

    session_id: int
    routine_name: str
    status: SessionStatus
    ending: str
    done: tuple[str, ...]
    skipped: tuple[str, ...]
    not_reached: tuple[str, ...]
    stopped_during: str | None  # the stretch pain got worse in, when it is known
    counts: bool  # whether it counts for streaks, weeks and progress (session_outcome.py)
    minutes: float
    pain_before: int | None
    pain_after: int | None
    advice: tuple[str, ...]
    # What the camera coach counted, one line per exercise it watched; empty with it off.
    camera: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape the API and `--json` outputs use."""
        return {
            "session_id": self.session_id,
            "routine_name": self.routine_name,
            "status": self.status.value,
            "ending": self.ending,
            "done": list(self.done),
            "skipped": list(self.skipped),
            "not_reached": list(self.not_reached),
            "stopped_during": self.stopped_during,
            "counts": self.counts,
            "minutes": round(self.minutes, 1),
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "advice": list(self.advice),
            "camera": list(self.camera),
        }


def exercise_name(catalog: Catalog, exercise_id: str) -> str:
    """Return a stretch's name, or its id when the catalogue no longer has it."""
    exercise = catalog.exercises.get(exercise_id)
    return exercise.name if exercise else exercise_id


def camera_line(name: str, counts: CameraCounts) -> str:
    """Describe what the camera coach counted in one exercise, in plain words."""
    reps = "repetition" if counts.reps_seen == 1 else "repetitions"
    said = len(counts.corrections)
    corrections = (
        "no correction" if not said else "1 correction" if said == 1 else f"{said} corrections"
    )
    return (
        f"{name}: {counts.reps_seen} {reps} seen, {counts.good_form_seconds:g} s in good form, "
        f"{corrections}"
    )


def what_happens_next(
    status: SessionStatus,
    pain_before: int | None,
    pain_after: int | None,
    stopped_in: str | None,
    name_of: Callable[[str], str] = str,
) -> list[str]:
    """Return what the next plan changes after a session and when to get help."""
    adjustment = next_plan_adjustment(pain_before, pain_after, stopped_in)
    advice: list[str] = []
    for exercise in sorted(adjustment.drop_exercises):
        advice.append(
            f"{name_of(exercise)} is left out of your plans for the next {DROP_DAYS} days."
        )
    if pain_before is not None and pain_after is not None:
        rise = pain_after - pain_before
        if rise >= MEANINGFUL_RISE:
            advice.append(
                f"Your pain went up by {rise} points, so the stretches you did will be gentler"
                " next time (shorter holds, then fewer repetitions)."
            )
    # A stop for pain always gets it, even before any stretch had started: pain got worse.
    if adjustment.step_back or status is SessionStatus.STOPPED_PAIN:
        advice.append(GET_ADVICE_IF_NOT_SETTLING)
    return advice


def summarise_session(
    repository: Repository,
    person: PersonRecord,
    session_id: int,
    catalog: Catalog,
    now: datetime,
) -> SessionSummary:
    """Gather one session's results and pain scores into a summary with advice."""
    session = repository.session(session_id)
    if session is None or session.person_id != person.id:
        raise NotFoundError(f"session {session_id} does not exist", "session")
    results = repository.exercise_results(session_id)
    (joined,) = summarise(
        [session], {session_id: results}, repository.pain_of_session(person.id, session_id)
    )
    before, after = joined.pain_before, joined.pain_after
    stopped_in = joined.pain_worse_during
    advice = what_happens_next(
        session.status, before, after, stopped_in, lambda exercise: exercise_name(catalog, exercise)
    )
    # The pain rule looks back LOOKBACK only: a long diary is not read to end a session.
    recent = repository.pain_entries(person.id, since=now - LOOKBACK)
    persistent = check_persistent_pain([PainEntry(p.recorded_at, p.score) for p in recent], now)
    if persistent.advice:
        advice.append(persistent.advice)
    if not advice:
        advice.append(IMPROVEMENT_TAKES_TIME)
    ending = ENDINGS[joined.outcome]
    if session.demo:
        ending += f" (a demonstration at {session.speed:g} times speed, not counted)"

    def names(exercises: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(exercise_name(catalog, exercise) for exercise in exercises)

    return SessionSummary(
        session_id=session.id,
        routine_name=joined.routine_name,
        status=session.status,
        ending=ending,
        done=names(joined.done),
        skipped=names(joined.skipped),
        not_reached=names(joined.not_reached),
        stopped_during=exercise_name(catalog, stopped_in) if stopped_in else None,
        counts=joined.counts,
        minutes=((session.ended_at or now) - session.started_at).total_seconds() / 60,
        pain_before=before,
        pain_after=after,
        advice=tuple(advice),
        camera=tuple(
            camera_line(exercise_name(catalog, r.exercise_id), r.camera)
            for r in results
            if r.camera
        ),
    )
