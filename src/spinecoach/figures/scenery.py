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


def _axes(frames: Sequence[Mapping[str, Vector]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the footprint's centre and its long and short floor directions, scaled to reach."""
    flat = np.array([(p[0], p[2]) for frame in frames for p in frame.values()])
    centre = flat.mean(axis=0)
    # The long direction of the body's spread on the floor (principal axis): mats lie along it.
    _, vectors = np.linalg.eigh(np.cov((flat - centre).T))
    long_axis, short_axis = vectors[:, 1], vectors[:, 0]
    along, across = (flat - centre) @ long_axis, (flat - centre) @ short_axis
    middle = (
        centre
        + long_axis * (along.max() + along.min()) / 2
        + short_axis * (across.max() + across.min()) / 2
    )
    half_long = (along.max() - along.min()) / 2
    half_short = (across.max() - across.min()) / 2
    lift = np.array([middle[0], 0.0, middle[1]])
    long3 = np.array([long_axis[0], 0.0, long_axis[1]]) * half_long
    short3 = np.array([short_axis[0], 0.0, short_axis[1]]) * half_short
    return lift, long3, short3


def _grow(axis: np.ndarray, by: float, at_least: float = 0.0) -> np.ndarray:
    length = float(np.linalg.norm(axis))
    unit = axis / length if length > 1e-9 else np.array([1.0, 0.0, 0.0])
    grown: np.ndarray = unit * max(length + by, at_least)
    return grown


def _rectangle(centre: np.ndarray, a: np.ndarray, b: np.ndarray, y: float) -> tuple[Vector, ...]:
    corners = [centre + a + b, centre + a - b, centre - a - b, centre - a + b]
    return tuple((float(c[0]), y, float(c[2])) for c in corners)


def _ellipse(centre: np.ndarray, a: np.ndarray, b: np.ndarray, y: float) -> tuple[Vector, ...]:
    angles = np.linspace(0.0, 2 * np.pi, 36, endpoint=False)
    ring = [centre + a * np.cos(t) + b * np.sin(t) for t in angles]
    return tuple((float(c[0]), y, float(c[2])) for c in ring)


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
    """Return the shapes of the props, back to front; frames[0] is the pose that sits or lies.

    The floor is a soft shadow round the body rather than a slab whose far edge would cut
    across the figure; a mat is a real mat (at least 1.8 m by 0.6 m) lying along the body.
    """
    shapes: list[Shape] = []
    # The body rests on y = 0: the mat's top when there is a mat, else the floor.
    floor = -MAT_THICKNESS if "mat" in props else 0.0
    centre, long_axis, short_axis = _axes(frames)
    if "floor" in props:
        a, b = _grow(long_axis, 0.3), _grow(short_axis, 0.3, 0.45)
        shapes.append(Shape("floor", _ellipse(centre, a, b, floor), True))
    if "mat" in props:
        a, b = _grow(long_axis, 0.1, 0.9), _grow(short_axis, 0.06, 0.3)
        # The underside first: the band it shows below the top is the mat's thickness.
        shapes.append(Shape("mat-edge", _rectangle(centre, a, b, floor), True))
        shapes.append(Shape("mat", _rectangle(centre, a, b, 0.0), True))
    if "chair" in props:
        shapes += _chair(frames[0])
    return shapes


def mirror_shape(shape: Shape, normal: Vector) -> Shape:
    """Return a shape reflected in the vertical plane through the origin with this normal."""
    n = np.array(normal)
    reflected = [np.array(p) - 2 * float(np.dot(p, n)) * n for p in shape.points]
    return Shape(shape.style, tuple(_as_vector(p) for p in reflected), shape.closed)
