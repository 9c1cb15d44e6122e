"""Plan a routine that fits the place, the minutes available, the person's limits and history."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.catalog.schema import Exercise, RoutineEntry
from spinecoach.catalog.vocabulary import Experience, Movement, Place, Position, SpineRegion
from spinecoach.errors import CatalogError, NothingFitsError
from spinecoach.progression import (
    HOLD_STEP_SECONDS,
    PastSession,
    StretchProgress,
    progress_note,
    stretch_progress,
)
from spinecoach.timeline import compile_timeline, total_seconds
from spinecoach.words import plural

# The id of a plan made from the whole catalogue rather than from one of its routines.
CUSTOM_ROUTINE_ID = "custom"
# An exercise during which pain got worse stays out of plans for a week, then is offered again.
DROP_DAYS = 7
# Free plans go from chair to floor to hands and knees so the person gets down only once.
POSITION_ORDER = (
    Position.SITTING_IN_CHAIR,
    Position.SITTING_ON_FLOOR,
    Position.LYING_ON_BACK,
    Position.HANDS_AND_KNEES,
)


@dataclass(frozen=True)
class Constraints:
    """What the person told us: where they are, how long they have, what to avoid."""

    place: Place | None = None
    minutes: float | None = None
    avoid: frozenset[Movement] = field(default_factory=frozenset)
    regions: frozenset[SpineRegion] = field(default_factory=frozenset)
    experience: Experience = Experience.NEW
    routine: str | None = None


def _recently_dropped(history: Sequence[PastSession], today: date) -> dict[str, date]:
    dropped: dict[str, date] = {}
    for session in history:
        if today - session.day < timedelta(days=DROP_DAYS):
            for exercise_id in session.adjustment.drop_exercises:
                dropped[exercise_id] = max(session.day, dropped.get(exercise_id, session.day))
    return dropped


def _exclusion_reason(
    exercise: Exercise, constraints: Constraints, dropped: dict[str, date]
) -> str | None:
    if constraints.place is not None and constraints.place not in exercise.places:
        places = " or ".join(place.value for place in exercise.places)
        return f"needs a {places}, not a {constraints.place.value} (place)"
    clash = sorted(set(exercise.movements) & constraints.avoid)
    if clash:
        return f"involves {', '.join(m.value for m in clash)} (avoid)"
    if exercise.id in dropped:
        return f"your pain got worse during it on {dropped[exercise.id].isoformat()} (pain rule)"
    return None


def _shrink(items: list[PlannedExercise]) -> list[PlannedExercise] | None:
    """Return the routine one step shorter: fewer repetitions first, then shorter holds."""
    for index, item in enumerate(items):
        if item.repetitions > item.exercise.dose.repetitions.minimum:
            return [
                *items[:index],
                replace(item, repetitions=item.repetitions - 1),
                *items[index + 1 :],
            ]
    for index, item in enumerate(items):
        hold = item.exercise.dose.hold_seconds
        if hold is not None and item.hold_seconds > hold.minimum:
            shorter = max(hold.minimum, item.hold_seconds - HOLD_STEP_SECONDS)
            return [*items[:index], replace(item, hold_seconds=shorter), *items[index + 1 :]]
    return None


def _seconds(routine: Routine) -> float:
    return total_seconds(compile_timeline(routine))


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


def plan(
    constraints: Constraints,
    history: Sequence[PastSession],
    today: date,
    catalog: Catalog,
) -> Routine:
    """Plan today's routine; raise NothingFitsError saying which constraint excluded what."""
    template = catalog.routine(constraints.routine) if constraints.routine else None
    if template is not None:
        candidates = [catalog.exercise(entry.exercise) for entry in template.exercises]
        limit = constraints.minutes if constraints.minutes is not None else template.max_minutes
        routine_id, name, rest = template.id, template.name, template.rest_seconds
    else:
        candidates = sorted(
            catalog.exercises.values(), key=lambda ex: POSITION_ORDER.index(ex.position)
        )
        limit, routine_id, name, rest = constraints.minutes, CUSTOM_ROUTINE_ID, "Your routine", 10

    dropped = _recently_dropped(history, today)
    notes: list[str] = []
    kept: list[Exercise] = []
    for exercise in candidates:
        reason = _exclusion_reason(exercise, constraints, dropped)
        if reason:
            notes.append(f"{exercise.name} left out: {reason}.")
        else:
            kept.append(exercise)
    if not kept:
        raise NothingFitsError("No exercise fits.\n" + "\n".join(notes))

    overrides = {entry.exercise: entry for entry in template.exercises} if template else {}
    progress = {ex.id: stretch_progress(ex, history, constraints.experience) for ex in kept}
    items = [_planned(progress[ex.id], catalog, overrides.get(ex.id)) for ex in kept]
    # When time is short, exercises for the painful region are the last to go.
    priority = sorted(
        kept, key=lambda ex: (bool(constraints.regions & set(ex.spine_regions)), -kept.index(ex))
    )
    routine = Routine(routine_id, name, tuple(items), rest)
    while limit is not None and _seconds(routine) > limit * 60:
        shorter = _shrink(list(routine.items))
        if shorter is None:
            if len(routine.items) == 1:
                raise NothingFitsError(
                    f"Nothing fits in {plural(limit, 'minute')}: the shortest possible "
                    f"{routine.items[0].exercise.name} takes {_minutes(_seconds(routine))}."
                    + ("\n" + "\n".join(notes) if notes else "")
                )
            victim = next(ex for ex in priority if any(i.exercise is ex for i in routine.items))
            notes.append(
                f"{victim.name} left out: does not fit in {plural(limit, 'minute')} (minutes)."
            )
            items = [i for i in items if i.exercise is not victim]
            routine = Routine(routine_id, name, tuple(items), rest)
        else:
            routine = Routine(routine_id, name, tuple(shorter), rest)
    # A dose the routine itself fixes does not follow the person's progress.
    fixed = {
        exercise_id
        for exercise_id, entry in overrides.items()
        if entry.repetitions is not None or entry.hold_seconds is not None
    }
    moved = [
        progress[item.exercise.id]
        for item in routine.items
        if progress[item.exercise.id].has_history and item.exercise.id not in fixed
    ]
    notes.extend(progress_note(stretch) for stretch in moved)
    records = tuple(stretch.record() for stretch in moved)
    return replace(routine, notes=tuple(notes), progress=records)


def _planned(
    progress: StretchProgress, catalog: Catalog, entry: RoutineEntry | None
) -> PlannedExercise:
    exercise = progress.exercise
    repetitions, hold_seconds = progress.dosage
    if entry is not None and entry.repetitions is not None:
        repetitions = entry.repetitions
    if entry is not None and entry.hold_seconds is not None:
        hold_seconds = entry.hold_seconds
    return PlannedExercise(exercise, catalog.position(exercise.position), repetitions, hold_seconds)


@dataclass(frozen=True)
class Remaining:
    """The rest of a routine as allowed now: what to play and where each item was planned."""

    routine: Routine
    positions: tuple[int, ...]  # the planned position of each item of `routine`
    left_out: tuple[str, ...]  # one note per exercise the constraints now exclude


def remaining_within(
    routine: Routine,
    start: int,
    constraints: Constraints,
    history: Sequence[PastSession],
    today: date,
) -> Remaining:
    """Return the routine from position `start` on without what the constraints exclude now.

    Used to resume: what the person avoids today wins over what was planned before. Raise
    NothingFitsError when nothing is left, or when the minutes given are fewer than it takes.
    """
    dropped = _recently_dropped(history, today)
    kept: list[PlannedExercise] = []
    positions: list[int] = []
    left_out: list[str] = []
    for position, item in enumerate(routine.items[start:], start=start):
        reason = _exclusion_reason(item.exercise, replace(constraints, routine=None), dropped)
        if reason:
            left_out.append(f"{item.exercise.name} left out of the resumed session: {reason}.")
        else:
            kept.append(item)
            positions.append(position)
    if not kept:
        raise NothingFitsError(
            "nothing left of the interrupted session fits what you chose now ("
            + " ".join(left_out)
            + ")",
            field="resume",
        )
    rest = replace(routine, items=tuple(kept), notes=tuple(left_out))
    limit = constraints.minutes
    if limit is not None and _seconds(rest) > limit * 60:
        raise NothingFitsError(
            f"the rest of the interrupted session takes {_minutes(_seconds(rest))}, "
            f"more than the {limit:g} minutes you have",
            field="minutes",
        )
    return Remaining(rest, tuple(positions), tuple(left_out))


def routine_from_dict(data: Mapping[str, object], catalog: Catalog) -> Routine:
    """Rebuild a routine from its stored snapshot (Routine.to_dict), e.g. to resume a session."""
    try:
        entries = data["exercises"]
        if not isinstance(entries, list):
            raise TypeError("'exercises' is not a list")
        items = tuple(
            PlannedExercise(
                catalog.exercise(str(entry["exercise"])),
                catalog.position(catalog.exercise(str(entry["exercise"])).position),
                int(entry["repetitions"]),
                int(entry["hold_seconds"]),
            )
            for entry in entries
        )
        rest = data.get("rest_seconds", 10)
        return Routine(str(data["id"]), str(data["name"]), items, int(str(rest)))
    except (KeyError, TypeError, ValueError) as error:
        raise CatalogError(f"stored routine snapshot is not readable: {error}") from error
