"""Shared helpers: the held poses of every exercise, each side drawn."""

from dataclasses import dataclass

import pytest

from spinecoach.figures.library import held_pose_names, key_pose, pose_files
from spinecoach.figures.skeleton import Vector, pose_points


@dataclass(frozen=True)
class Held:
    """One held (checked) key pose of one exercise on one side, with its 3-D points."""

    exercise: str
    pose: str
    side: str | None
    points: dict[str, Vector]

    @property
    def label(self) -> str:
        return "-".join(part for part in (self.exercise, self.pose, self.side) if part)


def sides_of(exercise_id: str) -> list[str | None]:
    return ["left", "right"] if pose_files()[exercise_id].drawn_side else [None]


def all_held() -> list[Held]:
    return [
        Held(exercise_id, pose, side, pose_points(key_pose(exercise_id, pose, side)))
        for exercise_id in pose_files()
        for pose in held_pose_names(exercise_id)
        for side in sides_of(exercise_id)
    ]


HELD = all_held()


@pytest.fixture(params=HELD, ids=[held.label for held in HELD])
def held(request: pytest.FixtureRequest) -> Held:
    """Each held pose of each exercise and side in turn."""
    value: Held = request.param
    return value
