"""A routine ready to play: exercises in order, each with a concrete dose."""

from dataclasses import dataclass, field
from typing import Any

from spinecoach.catalog.schema import Exercise, PositionInfo
from spinecoach.catalog.vocabulary import Place, Side


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


@dataclass(frozen=True)
class Routine:
    """An ordered list of planned exercises; notes say why the planner chose what it did."""

    id: str
    name: str
    items: tuple[PlannedExercise, ...]
    rest_seconds: int = 10
    notes: tuple[str, ...] = field(default=())
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
            "progress": [entry.to_dict() for entry in self.progress],
        }
