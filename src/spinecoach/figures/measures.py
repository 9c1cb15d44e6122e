"""Measures of a body seen by a camera: angles, bends, curves, turns, tilts, distances.

Every measure is computed from 3-D points in metres with y up. Angles come from the body's
own lines, distances are divided by the leg length, and only tilt, facing and height refer to
gravity (the y axis), so where the person is, which way they face and how tall they are never
changes a value. Written to be ported line by line (the browser runs the same steps).
"""

import math
from collections.abc import Mapping

import numpy as np

from spinecoach.figures.landmarks import landmark_file

Points = Mapping[str, np.ndarray]
UP = np.array([0.0, 1.0, 0.0])
LEG_POINTS = tuple(
    f"{side}_{name}" for side in ("left", "right") for name in ("hip", "knee", "ankle")
)
UNITS = {"distance": "leg lengths", "height": "leg lengths"}


class Coincide(ValueError):
    """The points of a measure coincide, so no direction can be found."""


def derive(points: Points) -> dict[str, np.ndarray]:
    """Return the points plus every derived point whose sources are all present."""
    known = dict(points)
    for point in landmark_file().derived:
        if all(name in known for name in point.mean):
            known[point.name] = np.mean([known[name] for name in point.mean], axis=0)
    return known


def dot(u: np.ndarray, v: np.ndarray) -> float:
    """Return the dot product of two 3-vectors, summed left to right.

    numpy's dot goes through BLAS, which fuses multiply-adds on some CPUs; spelled out, every
    machine and the browser's port round the same way.
    """
    return float(u[0] * v[0] + u[1] * v[1] + u[2] * v[2])


def cross(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Return the cross product of two 3-vectors, spelled out for the same reason as dot."""
    return np.array(
        [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
    )


def norm(vector: np.ndarray) -> float:
    """Return a 3-vector's length."""
    return math.sqrt(dot(vector, vector))


def leg_length(points: Points) -> float:
    """Return the mean hip-knee-ankle length of both legs, the body's unit of size."""
    total = 0.0
    for side in ("left", "right"):
        hip, knee, ankle = (
            np.asarray(points[f"{side}_{name}"]) for name in ("hip", "knee", "ankle")
        )
        total += norm(knee - hip) + norm(ankle - knee)
    if total < 1e-9:
        raise Coincide("the legs have no length")  # every leg point in one place
    return total / 2


def _unit(vector: np.ndarray) -> np.ndarray:
    length = norm(vector)
    if length < 1e-9:
        raise Coincide("points coincide")
    unit: np.ndarray = vector / length
    return unit


def angle_between(u: np.ndarray, v: np.ndarray) -> float:
    """Return the angle between two vectors in degrees, 0 to 180."""
    cosine = dot(_unit(u), _unit(v))
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


def signed_angle(u: np.ndarray, v: np.ndarray, axis: np.ndarray) -> float:
    """Return the angle turning u to v about axis (right-hand rule), both seen along the axis."""
    axis = _unit(axis)
    u = _unit(u - dot(u, axis) * axis)
    v = _unit(v - dot(v, axis) * axis)
    return math.degrees(math.atan2(dot(axis, cross(u, v)), dot(u, v)))


def forward(points: Points) -> np.ndarray:
    """Return the direction the chest faces: spine up crossed with the hips' line to the right."""
    spine = points["mid_shoulder"] - points["mid_hip"]
    return _unit(cross(spine, points["right_hip"] - points["left_hip"]))


def handedness(points: Points) -> float:
    """Return > 0 when left and right labels fit the body, < 0 when swapped, 0 when unsure.

    A real body's nose is in front of its ears and its bent knees point forward; with left and
    right labels swapped (a mirrored camera image) the computed front points backward instead.
    """
    needed = ("mid_hip", "mid_shoulder", "left_hip", "right_hip")
    if not all(name in points for name in needed):
        return 0.0
    try:
        front = forward(points)
    except Coincide:
        return 0.0
    cues = 0.0
    if "nose" in points and "mid_ear" in points:
        cues += dot(points["nose"] - points["mid_ear"], front)
    for side in ("left", "right"):
        hip, knee, ankle = (points.get(f"{side}_{name}") for name in ("hip", "knee", "ankle"))
        if hip is not None and knee is not None and ankle is not None:
            cues += dot(knee - (hip + ankle) / 2, front)
    return cues


def swap_sides(points: Points) -> dict[str, np.ndarray]:
    """Return the points with every left and right label exchanged."""
    swapped: dict[str, np.ndarray] = {}
    for name, value in points.items():
        for one, other in (("left", "right"), ("right", "left")):
            if name.startswith(f"{one}_"):
                name = f"{other}_" + name.removeprefix(f"{one}_")
                break
            if name.endswith(f"_{one}"):
                name = name.removesuffix(f"_{one}") + f"_{other}"
                break
        swapped[name] = value
    return swapped


def compute(measure: str, named: list[np.ndarray], points: Points) -> float:
    """Return one measure of named points: degrees, or leg lengths for distance and height."""
    if measure in ("angle", "bend"):
        a, b, c = named
        angle = angle_between(a - b, c - b)
        return angle if measure == "angle" else 180.0 - angle
    if measure == "distance":
        a, b = named
        return norm(a - b) / leg_length(points)
    if measure == "height":
        a, b = named
        return float(b[1] - a[1]) / leg_length(points)
    if measure == "tilt":
        a, b = named
        return angle_between(b - a, UP)
    if measure == "facing":
        a, b, left, right = named
        return angle_between(cross(b - a, right - left), UP)
    if measure == "curve":
        # Turning about the body's left axis: positive bends toward the belly (flexion).
        a, b, c = named
        return signed_angle(b - a, c - b, points["left_hip"] - points["right_hip"])
    # turn: how far the second line is turned from the first about the trunk, toward the left.
    a, b, c, d = named
    return signed_angle(b - a, d - c, (c + d) / 2 - (a + b) / 2)


def extra_points(measure: str) -> tuple[str, ...]:
    """Return the landmarks a measure needs besides its own points (its unit or its axis)."""
    if measure in ("distance", "height"):
        return LEG_POINTS
    if measure == "curve":
        return ("left_hip", "right_hip")
    return ()


def clean(value: float, measure: str) -> float:
    """Round degrees to 0.1 and leg lengths to 0.01, never to "-0", the same in every port."""
    rounded = round(value, 2 if measure in UNITS else 1)
    return 0.0 if rounded == 0 else rounded
