"""Judge a body seen by a camera against an exercise's form rules: a verdict and one correction.

Input is MediaPipe Pose's 33 landmarks (see poses/_landmarks.yaml), each optionally with a
visibility; the rules are data in each poses file. The steps, kept small so that a port to
another language gives the same JSON:
  1. Keep the landmarks seen (present, finite, visibility >= min_visibility); add derived points.
  2. If left and right look swapped (a mirrored camera image), swap them back and say so.
  3. For each checked pose and side, measure every rule; a rule whose landmarks are not all
     seen is "unseen". Keep the pose and side with most rules passed (then fewest unseen;
     file order breaks ties).
  4. Verdict: "unseen" if any rule is, else "pass" if all pass, else "fix". The correction is
     "I can't see your ..." or the first failing rule's advice (rules are listed by importance).
Values are rounded to one decimal, never "-0".
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np

from spinecoach.errors import InvalidInputError
from spinecoach.figures.landmarks import body_part, landmark_file, sources
from spinecoach.figures.library import check_side, pose_file, side_words
from spinecoach.figures.measures import (
    UNITS,
    Coincide,
    clean,
    compute,
    derive,
    extra_points,
    handedness,
    swap_sides,
)
from spinecoach.figures.poses import Rule

Result = Literal["pass", "too-low", "too-high", "unseen"]
Verdict = Literal["pass", "fix", "unseen"]
SIDES = ("left", "right")
SHAPES = "[x, y, z], [x, y, z, visibility] or {x, y, z, visibility}"


@dataclass(frozen=True)
class Landmark:
    """One landmark in metres (y up) and how sure the camera is of it (1 when not given)."""

    x: float
    y: float
    z: float
    visibility: float = 1.0


@dataclass(frozen=True)
class RuleResult:
    """One rule on one body: the value measured, the verdict and what to change."""

    rule: str
    check: str
    measure: str
    value: float | None
    unit: str
    at_least: float | None
    at_most: float | None
    result: Result
    correction: str | None


@dataclass(frozen=True)
class FormReport:
    """The whole answer: which pose and side fit, the verdict and the one correction to give."""

    exercise: str
    pose: str
    side: str | None
    verdict: Verdict
    mirrored: bool
    unseen: list[str]
    correction: str | None
    rules: list[RuleResult]


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError
    return float(value) if math.isfinite(value) else None


def _landmark(name: str, value: object) -> Landmark | None:
    """Return one landmark, None when it is not seen (null or not finite); raise if malformed."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        value = [value.get("x"), value.get("y"), value.get("z"), value.get("visibility", 1.0)]
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) not in (3, 4):
        raise InvalidInputError(f"joints.{name}: expected {SHAPES}")
    try:
        numbers = [_number(part) for part in value]
    except TypeError:
        raise InvalidInputError(f"joints.{name}: expected {SHAPES} with numbers") from None
    visibility = numbers[3] if len(numbers) == 4 else 1.0
    if visibility is None or not 0.0 <= visibility <= 1.0:
        raise InvalidInputError(f"joints.{name}: visibility must be between 0 and 1")
    x, y, z = numbers[:3]
    if x is None or y is None or z is None:
        return None
    return Landmark(x, y, z, visibility)


def parse_landmarks(data: object) -> dict[str, Landmark]:
    """Read {name: landmark}; names that are not landmarks are ignored, unseen ones dropped."""
    if not isinstance(data, Mapping):
        raise InvalidInputError("joints: expected a mapping of landmark name to [x, y, z]")
    known = set(landmark_file().landmarks)
    parsed = {str(name): _landmark(str(name), value) for name, value in data.items()}
    return {name: mark for name, mark in parsed.items() if mark is not None and name in known}


def _seen(landmarks: Mapping[str, Landmark | Sequence[float]]) -> dict[str, np.ndarray]:
    threshold = landmark_file().min_visibility
    known = set(landmark_file().landmarks)
    seen: dict[str, np.ndarray] = {}
    for name, mark in landmarks.items():
        if name not in known:
            continue
        if not isinstance(mark, Landmark):
            mark = Landmark(*(float(v) for v in mark))
        if mark.visibility >= threshold:
            seen[name] = np.array([mark.x, mark.y, mark.z])
    return seen


def _judge(rule: Rule, points: Mapping[str, np.ndarray], side: str | None) -> RuleResult:
    names = [side_words(name, side) for name in rule.points]
    needed = set().union(*(sources(name) for name in names), extra_points(rule.measure))
    value: float | None = None
    if needed <= set(points):
        try:
            value = compute(rule.measure, [points[name] for name in names], points)
        except Coincide:
            value = None
    if (
        value is not None
        and rule.measure == "turn"
        and side_words(rule.toward or "", side) == "right"
    ):
        value = -value
    result: Result = "unseen"
    correction = None
    if value is not None:
        result = "pass"
        if rule.at_least is not None and value < rule.at_least:
            result, correction = "too-low", rule.too_low
        elif rule.at_most is not None and value > rule.at_most:
            result, correction = "too-high", rule.too_high
    return RuleResult(
        rule=rule.id,
        check=side_words(rule.check, side),
        measure=rule.measure,
        value=None if value is None else clean(value, rule.measure),
        unit=UNITS.get(rule.measure, "degrees"),
        at_least=rule.at_least,
        at_most=rule.at_most,
        result=result,
        correction=None if correction is None else side_words(correction, side),
    )


def _unseen_landmarks(
    rules: Sequence[Rule],
    results: Sequence[RuleResult],
    seen: Mapping[str, object],
    side: str | None,
) -> list[str]:
    missing: list[str] = []
    for rule, result in zip(rules, results, strict=True):
        needed = [
            landmark
            for name in [side_words(name, side) for name in rule.points]
            for landmark in [*sorted(sources(name)), *extra_points(rule.measure)]
        ]
        # Seen, but all in one place, so nothing can be measured: as good as not seen.
        blurred = result.result == "unseen" and all(landmark in seen for landmark in needed)
        for landmark in needed:
            if (blurred or landmark not in seen) and landmark not in missing:
                missing.append(landmark)
    return missing


def cannot_see(landmarks: Sequence[str]) -> str:
    """Return "I can't see your knees." (or "... your knees and hands.") for unseen landmarks."""
    words: list[str] = []
    for name in landmarks:
        word = landmark_file().parts[body_part(name)]
        if word not in words:
            words.append(word)
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"I can't see your {listed}."


def check_form(
    exercise_id: str,
    landmarks: Mapping[str, Landmark | Sequence[float]],
    *,
    side: str | None = None,
    pose: str | None = None,
) -> FormReport:
    """Judge landmarks against an exercise's form rules (see the module's steps).

    Without a pose (or, for a one-sided exercise, a side) every checked pose and side is tried
    and the one that fits best is reported, so a camera need not know them.
    """
    poses = pose_file(exercise_id)
    sides = [check_side(poses, side)] if side is not None or poses.drawn_side is None else []
    sides = sides or list(SIDES)
    checks = [check for check in poses.form if pose is None or check.pose == pose]
    if not checks:
        known = ", ".join(check.pose for check in poses.form)
        raise InvalidInputError(f"{exercise_id} has no form rules for {pose!r}; known: {known}")
    seen = _seen(landmarks)
    mirrored = handedness(derive(seen)) < 0
    if mirrored:
        seen = swap_sides(seen)
    points = derive(seen)
    reports = []
    for check in checks:
        for which in sides:
            results = [_judge(rule, points, which) for rule in check.rules]
            unseen = _unseen_landmarks(check.rules, results, seen, which)
            failed = [r for r in results if r.result in ("too-low", "too-high")]
            verdict: Verdict = "unseen" if unseen else ("fix" if failed else "pass")
            advice = cannot_see(unseen) if unseen else (failed[0].correction if failed else None)
            reports.append(
                FormReport(
                    exercise_id, check.pose, which, verdict, mirrored, unseen, advice, results
                )
            )
    # max keeps the first of equals, so file order breaks ties.
    return max(reports, key=_score)


def _score(report: FormReport) -> tuple[int, int]:
    passed = sum(r.result == "pass" for r in report.rules)
    return passed, -sum(r.result == "unseen" for r in report.rules)


def report_to_dict(report: FormReport) -> dict[str, object]:
    """Return the JSON shape of a form check, the same in every port."""
    return asdict(report)
