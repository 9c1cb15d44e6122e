"""Plan a routine that fits the place, the minutes available, the person's limits and history."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import LeftOut, LeftOutReason, PlannedExercise, Routine
from spinecoach.catalog.schema import Exercise, RoutineEntry, RoutineTemplate
from spinecoach.catalog.vocabulary import Experience, Movement, Place, Position, SpineRegion
from spinecoach.errors import CatalogError, NothingFitsError
from spinecoach.fitting import NoExerciseFitsError, places_that_fit, recently_dropped, why_left_out
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


def _stand_ins(
    kept: list[Exercise], left_out: list[LeftOut]
) -> tuple[list[Exercise], list[LeftOut]]:
    """Keep a version for another place only where the article's stretch itself is left out.

    A chair version stands in for its floor stretch on a chair, or when the floor stretch
    involves something avoided; where the floor stretch is planned, its versions are not. A
    version is an alternative, never expected: it is reported as left out only when it could
    have stood in but for a reason of its own (on a chair, it involves something avoided).
    """
    planned = {exercise.id for exercise in kept}
    kept = [e for e in kept if e.adapted_from is None or e.adapted_from.exercise not in planned]
    by_family = {exercise.family: exercise for exercise in kept if exercise.adapted_from}
    article_reason = {i.exercise.id: i.reason for i in left_out if i.exercise.adapted_from is None}
    reported = []
    for item in left_out:
        if item.exercise.adapted_from is not None:
            if item.reason in (LeftOutReason.PLACE, article_reason.get(item.exercise.family)):
                continue
            if item.exercise.family in planned:
                continue
        elif item.reason is LeftOutReason.PLACE and item.exercise.id in by_family:
            item = replace(item, stand_in=by_family[item.exercise.id])
        reported.append(item)
    return kept, reported


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
    prescribed: RoutineTemplate | None = None,
) -> Routine:
    """Plan today's routine; when nothing fits, raise NoExerciseFitsError with what and why.

    prescribed, a clinician's programme as a template, takes the place of any routine chosen:
    its stretches in its order at its doses, fitted to the place and minutes but never above.
    """
    if prescribed is not None:
        template: RoutineTemplate | None = prescribed
    else:
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

    dropped = recently_dropped(history, today)
    place, avoid = constraints.place, constraints.avoid
    kept: list[Exercise] = []
    left_out: list[LeftOut] = []
    for exercise in candidates:
        reason = why_left_out(exercise, place, avoid, dropped, catalog)
        if reason:
            left_out.append(reason)
        else:
            kept.append(exercise)
    if template is None:
        kept, left_out = _stand_ins(kept, left_out)
    if not kept:
        # A template is not bound to a place: any place where a free plan fits is a way out.
        leaving_out = [place] if template is None and place is not None else []
        elsewhere = places_that_fit(avoid, dropped, catalog, leaving_out)
        raise NoExerciseFitsError(place, template.name if template else None, left_out, elsewhere)

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
                )
            victim = next(ex for ex in priority if any(i.exercise is ex for i in routine.items))
            left_out.append(LeftOut(victim, LeftOutReason.TIME, minutes=limit))
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
    notes = tuple(progress_note(stretch) for stretch in moved)
    records = tuple(stretch.record() for stretch in moved)
    # A version that stood in but did not fit in the minutes stands in for nothing.
    planned = {item.exercise.id for item in routine.items}
    left_out = [
        replace(item, stand_in=None) if item.stand_in and item.stand_in.id not in planned else item
        for item in left_out
    ]
    return replace(routine, notes=notes, left_out=tuple(left_out), progress=records)


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
    left_out: tuple[LeftOut, ...]  # each exercise the constraints now exclude, and why


def remaining_within(
    routine: Routine,
    start: int,
    constraints: Constraints,
    history: Sequence[PastSession],
    today: date,
    catalog: Catalog,
) -> Remaining:
    """Return the routine from position `start` on without what the constraints exclude now.

    Used to resume: what the person avoids today wins over what was planned before. Raise
    NothingFitsError when nothing is left, or when the minutes given are fewer than it takes.
    """
    dropped = recently_dropped(history, today)
    kept: list[PlannedExercise] = []
    positions: list[int] = []
    left_out: list[LeftOut] = []
    for position, item in enumerate(routine.items[start:], start=start):
        reason = why_left_out(item.exercise, constraints.place, constraints.avoid, dropped, catalog)
        if reason:
            left_out.append(reason)
        else:
            kept.append(item)
            positions.append(position)
    if not kept:
        names = ", ".join(item.exercise.name for item in left_out)
        raise NothingFitsError(
            f"nothing left of the interrupted session fits what you chose now ({names})",
            field="resume",
        )
    rest = replace(routine, items=tuple(kept), notes=(), left_out=tuple(left_out))
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
