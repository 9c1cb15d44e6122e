"""Props in 3-D (floor, mat, chair), shaped and placed around the body they support."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from spinecoach.figures.skeleton import SURFACE_RADIUS, Vector

Prop = Literal["floor", "mat", "chair"]
MAT_THICKNESS = 0.015
SEAT_DEPTH, SEAT_WIDTH, SEAT_THICKNESS, BACKREST_HEIGHT = 0.44, 0.46, 0.04, 0.45


@dataclass(frozen=True)
class Shape:
    """A flat polygon (closed) or a line (open) in world metres, with a style name."""

    style: str
    points: tuple[Vector, ...]
    closed: bool


def _as_vector(array: np.ndarray) -> Vector:
    return (float(array[0]), float(array[1]), float(array[2]))


def _footprint(frames: Sequence[Mapping[str, Vector]], margin: float) -> tuple[float, ...]:
    xs = [p[0] for frame in frames for p in frame.values()]
    zs = [p[2] for frame in frames for p in frame.values()]
    return (min(xs) - margin, max(xs) + margin, min(zs) - margin, max(zs) + margin)


def _quad(x0: float, x1: float, z0: float, z1: float, y: float) -> tuple[Vector, ...]:
    return ((x0, y, z0), (x1, y, z0), (x1, y, z1), (x0, y, z1))


def seat_height(frame: Mapping[str, Vector]) -> float:
    """Return the height of a seat under the sitting body: just below the hips and thighs."""
    return min(frame[name][1] for name in ("left_hip", "right_hip")) - SURFACE_RADIUS["left_hip"]


def _chair(frame: Mapping[str, Vector]) -> list[Shape]:
    """Build a plain four-legged chair under the pelvis, facing the way the thighs point."""
    hips = (np.array(frame["left_hip"]) + np.array(frame["right_hip"])) / 2
    knees = (np.array(frame["left_knee"]) + np.array(frame["right_knee"])) / 2
    forward = knees - hips
    forward[1] = 0.0
    forward /= np.linalg.norm(forward)
    lateral = np.array([-forward[2], 0.0, forward[0]])
    top = seat_height(frame)
    # People sit near the front of the seat, so the backrest is well behind the hips.
    back_centre = np.array([hips[0], top, hips[2]]) - forward * 0.24
    corners = {
        (depth, across): back_centre
        + forward * depth * SEAT_DEPTH
        + lateral * across * SEAT_WIDTH / 2
        for depth in (0, 1)
        for across in (-1, 1)
    }
    shapes = []
    for (depth, _), corner in corners.items():
        foot = corner.copy()
        foot[1] = 0.0
        style = "chair-leg-back" if depth == 0 else "chair-leg"
        shapes.append(Shape(style, (_as_vector(corner), _as_vector(foot)), False))
    up = np.array([0.0, 1.0, 0.0])
    seat = [corners[(0, -1)], corners[(1, -1)], corners[(1, 1)], corners[(0, 1)]]
    front = [corners[(1, -1)], corners[(1, 1)], corners[(1, 1)] - up * SEAT_THICKNESS]
    front.append(corners[(1, -1)] - up * SEAT_THICKNESS)
    back = [corners[(0, -1)], corners[(0, 1)], corners[(0, 1)] + up * BACKREST_HEIGHT]
    back.append(corners[(0, -1)] + up * BACKREST_HEIGHT)
    backrest = Shape("chair-back", tuple(_as_vector(c) for c in back), True)
    shapes.insert(0, backrest)
    shapes.append(Shape("chair-seat", tuple(_as_vector(c) for c in seat), True))
    shapes.append(Shape("chair-seat", tuple(_as_vector(c) for c in front), True))
    return shapes


def prop_shapes(props: Sequence[Prop], frames: Sequence[Mapping[str, Vector]]) -> list[Shape]:
    """Return the shapes of the props, back to front; frames[0] is the pose that sits or lies."""
    shapes: list[Shape] = []
    # The body rests on y = 0: the mat's top when there is a mat, else the floor.
    floor = -MAT_THICKNESS if "mat" in props else 0.0
    if "floor" in props:
        x0, x1, z0, z1 = _footprint(frames, 0.15)
        shapes.append(Shape("floor", _quad(x0, x1, z0, z1, floor), True))
    if "mat" in props:
        x0, x1, z0, z1 = _footprint(frames, 0.08)
        shapes.append(Shape("mat", _quad(x0, x1, z0, z1, 0.0), True))
        edge = ((x0, 0.0, z1), (x1, 0.0, z1), (x1, floor, z1), (x0, floor, z1))
        shapes.append(Shape("mat-edge", edge, True))
    if "chair" in props:
        shapes += _chair(frames[0])
    return shapes
