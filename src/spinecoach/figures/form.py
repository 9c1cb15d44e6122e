"""Check a body against an exercise's form rules, measured on 3-D points.

Every measure is an angle between 3-D vectors or a distance divided by the body's leg length,
and signs come from the body's own axes (hip line, spine), so the verdict does not depend on
where the camera stands or where the person is in the room.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import ArrayLike

from spinecoach.errors import InvalidInputError
from spinecoach.figures.library import check_side, pose_file, side_words
from spinecoach.figures.poses import Rule
from spinecoach.figures.skeleton import Vector

Points = Mapping[str, np.ndarray]
UNITS = {"angle": "degrees", "bend": "degrees", "curve": "degrees", "turn": "degrees"}
UNITS["distance"] = "leg lengths"
SIDES = ("left", "right")


@dataclass(frozen=True)
class RuleResult:
    """The verdict of one rule on one pose: what was measured and what to change."""

    rule: str
    pose: str
    side: str | None
    check: str
    value: float
    unit: str
    at_least: float | None
    at_most: float | None
    passed: bool
    correction: str


def parse_joints(data: object) -> dict[str, Vector]:
    """Validate a mapping of joint name to [x, y, z]; raise InvalidInputError naming the joint."""
    if not isinstance(data, Mapping):
        raise InvalidInputError("joints: expected a mapping of joint name to [x, y, z]")
    joints: dict[str, Vector] = {}
    for name, value in data.items():
        numbers = list(value) if isinstance(value, Sequence) and not isinstance(value, str) else []
        if len(numbers) != 3 or not all(
            isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n)
            for n in numbers
        ):
            raise InvalidInputError(f"joints.{name}: expected three finite numbers [x, y, z]")
        joints[str(name)] = (float(numbers[0]), float(numbers[1]), float(numbers[2]))
    return joints


def leg_length(points: Mapping[str, ArrayLike]) -> float:
    """Return the mean hip-knee-ankle length of both legs, the body's unit of size."""
    total = 0.0
    for side in ("left", "right"):
        hip, knee, ankle = (
            np.asarray(points[f"{side}_{name}"]) for name in ("hip", "knee", "ankle")
        )
        total += float(np.linalg.norm(knee - hip) + np.linalg.norm(ankle - knee))
    return total / 2


def _point(points: Points, name: str) -> np.ndarray:
    if name in points:
        return points[name]
    base = name.removesuffix("_center")
    if base != name:
        # A centre is the midpoint of the left and right points of that name.
        centre: np.ndarray = (_point(points, f"left_{base}") + _point(points, f"right_{base}")) / 2
        return centre
    raise InvalidInputError(f"joints: missing {name!r}, which the form rules need")


def _unit(vector: np.ndarray, what: str) -> np.ndarray:
    length = float(np.linalg.norm(vector))
    if length < 1e-9:
        raise InvalidInputError(f"joints: the points of {what} coincide")
    unit: np.ndarray = vector / length
    return unit


def _angle(u: np.ndarray, v: np.ndarray, what: str) -> float:
    cosine = float(np.dot(_unit(u, what), _unit(v, what)))
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


def _signed(u: np.ndarray, v: np.ndarray, axis: np.ndarray, what: str) -> float:
    """Return the angle turning u to v about axis (right-hand rule), both seen along the axis."""
    axis = _unit(axis, what)
    u = _unit(u - np.dot(u, axis) * axis, what)
    v = _unit(v - np.dot(v, axis) * axis, what)
    return math.degrees(math.atan2(float(np.dot(axis, np.cross(u, v))), float(np.dot(u, v))))


def measure(rule: Rule, points: Points, side: str | None) -> float:
    """Return the rule's measure for a body: degrees, or leg lengths for a distance."""
    named = [_point(points, side_words(name, side)) for name in rule.points]
    what = rule.id
    if rule.measure in ("angle", "bend"):
        a, b, c = named
        angle = _angle(a - b, c - b, what)
        return angle if rule.measure == "angle" else 180.0 - angle
    if rule.measure == "distance":
        a, b = named
        legs = {
            f"{s}_{n}": _point(points, f"{s}_{n}") for s in SIDES for n in ("hip", "knee", "ankle")
        }
        return float(np.linalg.norm(a - b)) / leg_length(legs)
    if rule.measure == "curve":
        # The body's left axis: turning about it, positive bends toward the belly (flexion).
        a, b, c = named
        left = _point(points, "left_hip") - _point(points, "right_hip")
        return _signed(b - a, c - b, left, what)
    # turn: how far the second line is turned from the first about the trunk, toward `toward`.
    a, b, c, d = named
    axis = (c + d) / 2 - (a + b) / 2
    toward_left = _signed(b - a, d - c, axis, what)
    return toward_left if side_words(rule.toward or "left", side) == "left" else -toward_left


def _judge(rule: Rule, pose: str, points: Points, side: str | None) -> RuleResult:
    value = measure(rule, points, side)
    passed = (rule.at_least is None or value >= rule.at_least) and (
        rule.at_most is None or value <= rule.at_most
    )
    return RuleResult(
        rule=rule.id,
        pose=pose,
        side=side,
        check=side_words(rule.check, side),
        value=round(value, 2),
        unit=UNITS[rule.measure],
        at_least=rule.at_least,
        at_most=rule.at_most,
        passed=passed,
        correction=side_words(rule.correction, side),
    )


def check_form(
    exercise_id: str,
    joints: Mapping[str, Sequence[float]],
    *,
    side: str | None = None,
    pose: str | None = None,
) -> list[RuleResult]:
    """Judge a body against an exercise's form rules.

    With no pose (or, for a one-sided exercise, no side) given, every checked pose and side is
    tried and the results that fit best are returned, so a camera need not know them.
    """
    poses = pose_file(exercise_id)
    sides = [check_side(poses, side)] if side is not None or poses.drawn_side is None else []
    sides = sides or list(SIDES)
    checks = [check for check in poses.form if pose is None or check.pose == pose]
    if not checks:
        known = ", ".join(check.pose for check in poses.form)
        raise InvalidInputError(f"{exercise_id} has no form rules for {pose!r}; known: {known}")
    points = {name: np.asarray(value, dtype=float) for name, value in joints.items()}
    candidates = [
        [_judge(rule, check.pose, points, which) for rule in check.rules]
        for check in checks
        for which in sides
    ]
    return max(candidates, key=lambda results: sum(result.passed for result in results))


def results_to_dict(results: Sequence[RuleResult]) -> dict[str, object]:
    """Return the JSON shape of a form check: overall verdict, then every rule's result."""
    return {
        "passed": all(result.passed for result in results),
        "rules": [asdict(result) for result in results],
    }
