"""A routine ready to play: exercises in order, each with a concrete dose."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from spinecoach.catalog.schema import Exercise, PositionInfo
from spinecoach.catalog.vocabulary import Movement, Place, Side


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise of a routine with the repetitions and hold time chosen for today."""

    exercise: Exercise
    position: PositionInfo
    repetitions: int
    hold_seconds: int

    @property
    def sides(self) -> tuple[Side | None, ...]:
        """Return the sides in the order they are done; (None,) when both work together."""
        return self.exercise.sides_in_order

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape used by the CLI and the stored session snapshot."""
        return {
            "exercise": self.exercise.id,
            "name": self.exercise.name,
            "position": self.position.id.value,
            "repetitions": self.repetitions,
            "hold_seconds": self.hold_seconds,
            "sides": self.exercise.dose.sides.value,
        }


@dataclass(frozen=True)
class DoseProgress:
    """Why a planned stretch has its dose: where it started and the sessions that moved it."""

    exercise: str
    start: tuple[int, int]  # the (repetitions, hold seconds) it started at
    good_sessions: tuple[int, ...]  # ids of the good sessions of it that counted
    pain_rises: tuple[int, ...]  # ids of the sessions after which pain made it step back
    not_counted: tuple[int, ...]  # ids of sessions with it done that could not raise it

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape used by `plan --json`."""
        return {
            "exercise": self.exercise,
            "starting_dose": {"repetitions": self.start[0], "hold_seconds": self.start[1]},
            "good_sessions": list(self.good_sessions),
            "pain_rises": list(self.pain_rises),
            "not_counted": list(self.not_counted),
        }


class LeftOutReason(StrEnum):
    """Why the planner left an exercise out of a routine."""

    PLACE = "place"  # it is done somewhere else than where the person is
    AVOID = "avoid"  # it involves a movement the person avoids
    PAIN = "pain"  # pain got worse during it, or another version of it, in the last week
    TIME = "time"  # it did not fit in the minutes


@dataclass(frozen=True)
class LeftOut:
    """One exercise the planner left out and why, as data: each front end words it."""

    exercise: Exercise
    reason: LeftOutReason
    movements: tuple[Movement, ...] = ()  # avoid: what it involves that the person avoids
    pain_day: date | None = None  # pain: the day pain got worse
    pain_during: Exercise | None = None  # pain: the exercise it got worse during
    stand_in: Exercise | None = None  # place: its version for this place, planned instead
    minutes: float | None = None  # time: the minutes it did not fit in

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape used by `plan --json`: the reason and what it depends on."""
        shape: dict[str, Any] = {"exercise": self.exercise.id, "reason": self.reason.value}
        if self.reason is LeftOutReason.PLACE:
            shape["places"] = [place.value for place in self.exercise.places]
            shape["stand_in"] = self.stand_in.id if self.stand_in else None
        elif self.reason is LeftOutReason.AVOID:
            shape["movements"] = [movement.value for movement in self.movements]
        elif self.reason is LeftOutReason.PAIN:
            shape["pain_worse_on"] = self.pain_day.isoformat() if self.pain_day else None
            shape["pain_worse_during"] = self.pain_during.id if self.pain_during else None
        else:
            shape["minutes"] = self.minutes
        return shape


@dataclass(frozen=True)
class Routine:
    """An ordered list of planned exercises; notes and left_out say why it is what it is."""

    id: str
    name: str
    items: tuple[PlannedExercise, ...]
    rest_seconds: int = 10
    notes: tuple[str, ...] = field(default=())
    # Each exercise the planner could have planned but left out, with the reason as data.
    left_out: tuple[LeftOut, ...] = field(default=())
    # One entry per planned stretch that earlier sessions moved or touched, for `plan --json`.
    progress: tuple[DoseProgress, ...] = field(default=())

    @property
    def places(self) -> frozenset[Place]:
        """Return the places where every stretch of the routine can be done (none: mixed)."""
        common = frozenset(Place)
        for item in self.items:
            common &= frozenset(item.exercise.places)
        return common

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape used by the CLI and the stored session snapshot."""
        return {
            "id": self.id,
            "name": self.name,
            "rest_seconds": self.rest_seconds,
            "exercises": [item.to_dict() for item in self.items],
            "notes": list(self.notes),
            "left_out": [entry.to_dict() for entry in self.left_out],
            "progress": [entry.to_dict() for entry in self.progress],
        }
