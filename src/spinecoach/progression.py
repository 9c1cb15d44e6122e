"""Grow or ease each stretch's dose from that stretch's own sessions, never from the others'."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from spinecoach.catalog.routine import DoseProgress
from spinecoach.catalog.schema import Exercise
from spinecoach.catalog.vocabulary import Experience
from spinecoach.safety.pain import NextPlanAdjustment, next_plan_adjustment
from spinecoach.words import plural

# The rule rests on ACSM's public guidance on static stretching (2021): hold a stretch 10 to 30
# seconds, 2 to 4 times, for about a minute in all (per side). So a stretch grows by its hold:
# one HOLD_STEP_SECONDS step after every GOOD_SESSIONS_PER_STEP good sessions of THAT stretch,
# up to the exercise's longest safe hold. Repetitions never grow: when a longer hold would take
# the stretch past SECONDS_PER_STRETCH in all, it is done fewer times (never fewer than the
# exercise's minimum). A stretch without a hold (cat and cow) grows by one repetition a step.
# A pain rise of 2 or more (the NPRS MCID, see safety/pain.py) takes each stretch done in that
# session one step back: a hold 5 s shorter, or at the shortest hold one repetition fewer (a
# repetition given up for a longer hold is not given back), so a step back is never longer in
# any way. A stretch never done keeps its starting dose.
HOLD_STEP_SECONDS = 5
GOOD_SESSIONS_PER_STEP = 2
SECONDS_PER_STRETCH = 60
# People who already stretch start one or two steps up.
STARTING_STEP = {Experience.NEW: 0, Experience.SOME: 1, Experience.REGULAR: 2}
NOT_COUNTED_WHY = "demo, not finished or a pain score missing"


@dataclass(frozen=True)
class PastSession:
    """What the planner needs to know about one earlier session.

    exercises are the ones done in it (not skipped); planned are the ones its routine held.
    completed and speed default to the cautious reading: a session not known to have been
    played through at normal speed never raises a dose.
    """

    day: date
    exercises: tuple[str, ...]
    pain_before: int | None = None
    pain_after: int | None = None
    pain_worse_during: str | None = None
    completed: bool = False
    speed: float = 1.0
    session_id: int | None = None
    planned: tuple[str, ...] = ()

    @property
    def counts_for_progression(self) -> bool:
        """Return whether it can raise a dose: played through, at normal speed, pain known."""
        return (
            self.completed
            and self.speed == 1.0
            and self.pain_before is not None
            and self.pain_after is not None
        )

    @property
    def adjustment(self) -> NextPlanAdjustment:
        """Return how the pain around this session changes the next plan."""
        return next_plan_adjustment(self.pain_before, self.pain_after, self.pain_worse_during)

    def eases(self, exercise_id: str) -> bool:
        """Say whether pain getting worse around this session steps the stretch back.

        Only the stretches done in it, or the one in progress when pain got worse, step back.
        When none is known, every stretch it planned does (or every stretch, if the plan is not
        known either): being gentler is always safe.
        """
        if not self.adjustment.step_back:
            return False
        involved = set(self.exercises)
        if self.pain_worse_during is not None:
            involved.add(self.pain_worse_during)
        if not involved:
            return not self.planned or exercise_id in self.planned
        return exercise_id in involved


class Dosage(NamedTuple):
    """Repetitions and hold seconds (0 for a stretch without a hold)."""

    repetitions: int
    hold_seconds: int


def starting_dose(exercise: Exercise, experience: Experience) -> Dosage:
    """Return the dose a stretch starts at: its default, a step or two up for the experienced."""
    hold = exercise.dose.hold_seconds
    dosage = Dosage(exercise.dose.repetitions.default, 0 if hold is None else hold.default)
    for _ in range(STARTING_STEP[experience]):
        dosage = raised(exercise, dosage)
    return dosage


def raised(exercise: Exercise, dosage: Dosage) -> Dosage:
    """Return the dose one step up: a longer hold, done fewer times once past a minute in all."""
    reps, hold = exercise.dose.repetitions, exercise.dose.hold_seconds
    if hold is None:
        return Dosage(min(reps.maximum, dosage.repetitions + 1), 0)
    if dosage.hold_seconds >= hold.maximum:
        return dosage
    longer = min(hold.maximum, dosage.hold_seconds + HOLD_STEP_SECONDS)
    fitting = max(reps.minimum, SECONDS_PER_STRETCH // longer)
    return Dosage(min(dosage.repetitions, fitting), longer)


def eased(exercise: Exercise, dosage: Dosage) -> Dosage:
    """Return the dose one step down: a shorter hold, or at the shortest one time fewer."""
    reps, hold = exercise.dose.repetitions, exercise.dose.hold_seconds
    if hold is not None and dosage.hold_seconds > hold.minimum:
        shorter = max(hold.minimum, dosage.hold_seconds - HOLD_STEP_SECONDS)
        return Dosage(dosage.repetitions, shorter)
    return Dosage(max(reps.minimum, dosage.repetitions - 1), dosage.hold_seconds)


@dataclass(frozen=True)
class Move:
    """One change of a stretch's dose: from which dose, which way, and the sessions behind it."""

    before: Dosage
    raised: bool
    because: tuple[PastSession, ...]


@dataclass(frozen=True)
class StretchProgress:
    """A stretch's dose today, where it started, and which of its sessions moved it."""

    exercise: Exercise
    dosage: Dosage
    start: Dosage  # the dose it started at, for the person's experience
    good: tuple[PastSession, ...]  # good sessions of it, oldest first
    eased_by: tuple[PastSession, ...]  # sessions after which it stepped back
    not_counted: tuple[PastSession, ...]  # sessions with it done that could not raise it
    last_move: Move | None
    at_most: bool  # at the exercise's fullest safe dose
    pending: int  # good sessions since it last moved

    @property
    def has_history(self) -> bool:
        """Say whether any session touched this stretch."""
        return bool(self.good or self.eased_by or self.not_counted)

    def record(self) -> DoseProgress:
        """Return the precise data for --json: the starting dose and the sessions behind it."""

        def ids(sessions: Sequence[PastSession]) -> tuple[int, ...]:
            return tuple(s.session_id for s in sessions if s.session_id is not None)

        return DoseProgress(
            self.exercise.id,
            self.start,
            ids(self.good),
            ids(self.eased_by),
            ids(self.not_counted),
        )


def stretch_progress(
    exercise: Exercise, history: Sequence[PastSession], experience: Experience
) -> StretchProgress:
    """Return the stretch's dose from its own good sessions and its own pain rises."""
    start = dosage = starting_dose(exercise, experience)
    good: list[PastSession] = []
    streak: list[PastSession] = []
    eased_by: list[PastSession] = []
    not_counted: list[PastSession] = []
    last_move: Move | None = None
    for session in sorted(history, key=lambda past: past.day):
        # A pain rise steps back even after a demo or an unfinished session: gentler is safe.
        if session.eases(exercise.id):
            eased_by.append(session)
            streak = []
            lower = eased(exercise, dosage)
            if lower != dosage:
                last_move, dosage = Move(dosage, False, (session,)), lower
        elif exercise.id not in session.exercises:
            continue
        elif not session.counts_for_progression:
            not_counted.append(session)
        else:
            good.append(session)
            streak.append(session)
            if len(streak) == GOOD_SESSIONS_PER_STEP:
                higher = raised(exercise, dosage)
                if higher != dosage:
                    last_move, dosage = Move(dosage, True, tuple(streak)), higher
                streak = []
    return StretchProgress(
        exercise,
        dosage,
        start,
        tuple(good),
        tuple(eased_by),
        tuple(not_counted),
        last_move,
        at_most=raised(exercise, dosage) == dosage,
        pending=len(streak),
    )


def _labels(sessions: Sequence[PastSession]) -> str:
    """Name sessions for a note: "session 4", "sessions 1 and 2", or their days."""
    if all(s.session_id is not None for s in sessions):
        names = [str(s.session_id) for s in sessions]
        prefix = "session " if len(names) == 1 else "sessions "
    else:
        names, prefix = [s.day.isoformat() for s in sessions], ""
    return prefix + (names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}")


def _changed(now: Dosage, before: Dosage) -> str:
    """Say what a move changed: the hold, or else the number of repetitions."""
    if now.hold_seconds != before.hold_seconds:
        way = "raised" if now.hold_seconds > before.hold_seconds else "lowered"
        return f"hold {way} to {now.hold_seconds} s"
    way = "raised" if now.repetitions > before.repetitions else "lowered"
    return f"{way} to {plural(now.repetitions, 'repetition')}"


def progress_note(progress: StretchProgress) -> str:
    """Say in plain words why this stretch has today's dose; for stretches with a history."""
    name, now, move = progress.exercise.name, progress.dosage, progress.last_move
    limit = ", its safe maximum," if progress.at_most else ""
    if move is not None:
        why = (
            f"after {plural(len(move.because), 'good session')} of it ({_labels(move.because)})"
            if move.raised
            else f"because your pain got worse in {_labels(move.because)}"
        )
        note = f"{name}: {_changed(now, move.before)}{limit if move.raised else ''} {why}."
        if (
            now.hold_seconds != move.before.hold_seconds
            and now.repetitions != move.before.repetitions
        ):
            # Longer holds come with fewer repetitions, so the stretch stays near a minute.
            note += f" Done {now.repetitions} times instead of {move.before.repetitions}."
    elif progress.at_most:
        note = f"{name}: already at its safe maximum."
    else:
        note = f"{name}: starting dose kept."
    if progress.pending and not progress.at_most:
        counted = progress.good[-progress.pending :]
        when = "since" if move is not None else "so far"
        more = GOOD_SESSIONS_PER_STEP - progress.pending
        note += (
            f" {plural(progress.pending, 'good session')} of it {when} ({_labels(counted)}):"
            f" {more} more and it grows."
        )
    if progress.not_counted:
        count = plural(len(progress.not_counted), "session")
        note += f" {count} with it not counted ({NOT_COUNTED_WHY})."
    return note
