"""Whether an exercise result is one the session's planned routine could have produced."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spinecoach.catalog.vocabulary import Sides
from spinecoach.errors import OutsidePlanError
from spinecoach.store.result_batches import NewResult

# Hold seconds are sums of timeline durations, in floats in Python and in the browser: a hair
# over the plan is rounding, not a longer hold.
HOLD_TOLERANCE_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class ItemLimits:
    """The most one planned item can produce: its exercise, repetitions and held seconds."""

    exercise: str
    repetitions: int
    hold_seconds: float


def item_limits(entry: Mapping[str, Any]) -> ItemLimits:
    """Return the limits of one item of a stored routine (Routine.to_dict's `exercises`).

    Repetitions are counted per side, as playback counts them, and playback reports at most
    what the item's cues hold, however often the person repeats it (playback.py).
    """
    sides = 2 if entry.get("sides") == Sides.EACH.value else 1
    repetitions = int(entry["repetitions"]) * sides
    held = repetitions * float(entry["hold_seconds"])
    return ItemLimits(str(entry["exercise"]), repetitions, held)


def result_outside_plan(item: NewResult, routine: Mapping[str, Any]) -> OutsidePlanError | None:
    """Say which field of a result the stored routine could not have produced, or None.

    The position must be one of the routine's, the exercise the one planned there, and the
    counts (the player's and the camera's) no more than that item's repetitions and holds.
    """
    planned = routine.get("exercises")
    items = planned if isinstance(planned, list) else []
    if not 0 <= item.position < len(items):
        return OutsidePlanError(
            f"position {item.position} is not in this session's routine, which has "
            f"positions 0 to {len(items) - 1}",
            field="position",
        )
    limits = item_limits(items[item.position])
    if item.exercise_id != limits.exercise:
        return OutsidePlanError(
            f"exercise {item.exercise_id!r} is not the one planned at position "
            f"{item.position} ({limits.exercise})",
            field="exercise",
        )
    counts = [("repetitions_done", float(item.repetitions_done), float(limits.repetitions))]
    counts.append(("hold_seconds", item.hold_seconds_actual, limits.hold_seconds))
    if item.camera is not None:
        counts.append(("reps_seen", float(item.camera.reps_seen), float(limits.repetitions)))
        counts.append(("good_form_seconds", item.camera.good_form_seconds, limits.hold_seconds))
    for field, value, most in counts:
        tolerance = 0.0 if field in ("repetitions_done", "reps_seen") else HOLD_TOLERANCE_SECONDS
        if value > most + tolerance:
            return OutsidePlanError(
                f"{field} {value:g} is more than position {item.position} "
                f"({limits.exercise}) can give: at most {most:g}",
                field=field,
            )
    return None
