"""Poses between key poses, in step with the timeline's cues.

A key pose is tied to the cue kind it ends (inhale, exhale, hold, release) or to `prepare`
(the start position). During a cue the body moves from the pose the previous phase of the
repetition ended in to the pose this cue ends in; the fraction of the cue elapsed says how far.
The compiled timeline's cue durations are the source of truth: players pass a cue's kind and
the fraction elapsed (`pose_for_cue`), or a list of (kind, seconds) and a time (`pose_at`).
"""

from collections.abc import Sequence
from dataclasses import fields

import numpy as np

from spinecoach.catalog.loader import default_catalog
from spinecoach.errors import InvalidInputError
from spinecoach.figures.contacts import limb_of, place, reach
from spinecoach.figures.library import (
    anchor_points,
    find_key_pose,
    key_pose,
    key_pose_points,
    pose_file,
    swap_side_names,
)
from spinecoach.figures.skeleton import Pose, Root, pose_points

MOVING_CUES = frozenset({"inhale", "exhale", "hold", "release"})
STILL_CUES = frozenset({"prepare", "instruction", "rest", "switch_side", "finish"})
# A still phase is drawn once whatever its length; a session's start takes a minute at most.
MAX_STILL_START_SECONDS = 60.0


def ease(fraction: float) -> float:
    """Return a smooth step: slow at the start and end of a movement, as a person moves."""
    t = min(1.0, max(0.0, fraction))
    return t * t * (3.0 - 2.0 * t)


def blend(start: Pose, end: Pose, fraction: float) -> Pose:
    """Return the pose a fraction of the way from start to end (joint angles and root)."""
    names = set(start.angles) | set(end.angles)
    angles: dict[str, dict[str, float]] = {}
    for name in names:
        a, b = start.angles.get(name, {}), end.angles.get(name, {})
        angles[name] = {
            dof: a.get(dof, 0.0) + (b.get(dof, 0.0) - a.get(dof, 0.0)) * fraction
            for dof in set(a) | set(b)
        }
    root = Root(
        **{
            f.name: getattr(start.root, f.name)
            + (getattr(end.root, f.name) - getattr(start.root, f.name)) * fraction
            for f in fields(Root)
        }
    )
    return Pose(angles, root)


REACH_SHARE = 0.7  # of a move spent reaching for a hold; the rest of it holds on


def _touch_share(fraction: float) -> float:
    """Return how firmly a hand holds during a move: reaching at first, then holding on."""
    return ease(min(1.0, fraction / REACH_SHARE))


def between(exercise_id: str, start: str, end: str, fraction: float, side: str | None) -> Pose:
    """Return the pose a fraction of the way (already eased) from one key pose to another.

    Angles are blended, then the anchor is put back and every contact is solved for: points
    resting on the floor in both poses stay on their path, and a hand that holds a knee in one
    pose reaches it over most of the move and holds it for the part nearest that pose.
    """
    a, b = key_pose(exercise_id, start, side), key_pose(exercise_id, end, side)
    anchor = anchor_points(exercise_id, side)
    pose = place(blend(a, b, fraction), anchor)
    if fraction <= 0.0 or fraction >= 1.0:
        return a if fraction <= 0.0 else b
    poses = pose_file(exercise_id)
    mirrored = side is not None and side != poses.drawn_side
    name = swap_side_names if mirrored else (lambda text: text)
    first, second = find_key_pose(poses, start), find_key_pose(poses, end)
    pa, pb = key_pose_points(exercise_id, start, side), key_pose_points(exercise_id, end, side)
    now = pose_points(pose)
    targets: dict[str, np.ndarray] = {}
    for point in {name(p) for p in set(first.supports) & set(second.supports)} - set(anchor):
        if limb_of(point) is not None:
            targets[point] = (
                np.array(pa[point]) + (np.array(pb[point]) - np.array(pa[point])) * fraction
            )
    holds = [(t, 1.0 - _touch_share(fraction), pa) for t in first.touches]
    holds += [(t, _touch_share(1.0 - fraction), pb) for t in second.touches]
    for touch, weight, key in holds:
        point, target = name(touch.point), name(touch.target)
        held_at = np.array(now[target]) + np.array(key[point]) - np.array(key[target])
        free_at = np.array(pa[point]) + (np.array(pb[point]) - np.array(pa[point])) * fraction
        targets[point] = free_at + (held_at - free_at) * weight
    return place(reach(pose, targets), anchor) if targets else pose


def start_pose_name(exercise_id: str) -> str:
    """Return the name of the exercise's start position (its `prepare` key pose)."""
    return next(p.name for p in pose_file(exercise_id).poses if p.cue == "prepare")


def phase_kinds(exercise_id: str) -> list[str]:
    """Return the kinds of the phases of one repetition, in order, from the catalogue."""
    return [phase.kind.value for phase in default_catalog().exercise(exercise_id).repetition]


def check_repetition_phases(exercise_id: str, phases: Sequence[tuple[str, float]]) -> None:
    """Raise InvalidInputError unless the phases are one repetition as a session times it.

    A still start may come first, then the exercise's own phases in order: a moving one no
    longer than the catalogue times it, a hold no longer than its longest dose. Drawing costs
    time for every second of movement, so anything more only makes the server work.
    """
    exercise = default_catalog().exercise(exercise_id)  # NotFoundError for an unknown id
    rest = list(phases)
    if rest and rest[0][0] in STILL_CUES:
        _, start = rest.pop(0)
        if start > MAX_STILL_START_SECONDS:
            raise InvalidInputError(
                f"a start lasts at most {MAX_STILL_START_SECONDS:g} s, got {start:g}"
            )
    kinds = [phase.kind.value for phase in exercise.repetition]
    if [kind for kind, _ in rest] != kinds:
        given = ", ".join(kind for kind, _ in rest) or "nothing"
        raise InvalidInputError(
            f"one repetition of {exercise_id} is {', '.join(kinds)} "
            f"(after an optional start), not {given}"
        )
    longest_hold = exercise.dose.hold_seconds.maximum if exercise.dose.hold_seconds else 0
    for (kind, seconds), phase in zip(rest, exercise.repetition, strict=True):
        longest = phase.seconds if phase.seconds is not None else longest_hold
        if seconds > longest:
            raise InvalidInputError(
                f"{kind} lasts at most {longest:g} s in {exercise_id}, got {seconds:g}"
            )


def target_pose_name(exercise_id: str, cue_kind: str) -> str:
    """Return the key pose a cue of this kind ends in (the start position for still cues)."""
    if cue_kind in STILL_CUES:
        return start_pose_name(exercise_id)
    if cue_kind not in MOVING_CUES:
        known = ", ".join(sorted(MOVING_CUES | STILL_CUES))
        raise InvalidInputError(f"cue kind must be one of {known}, got {cue_kind!r}")
    for pose in pose_file(exercise_id).poses:
        if pose.cue == cue_kind:
            return pose.name
    raise InvalidInputError(f"{exercise_id} has no {cue_kind} phase")


def previous_pose_name(exercise_id: str, cue_kind: str, repetition: int = 1) -> str:
    """Return the key pose the body is in when a cue of this kind starts.

    The first phase of the first repetition starts from the start position; any other phase
    starts where the phase before it in the repetition (going round) ended.
    """
    if cue_kind in STILL_CUES:
        return start_pose_name(exercise_id)
    kinds = phase_kinds(exercise_id)
    if cue_kind not in kinds:
        raise InvalidInputError(f"{exercise_id} has no {cue_kind} phase")
    index = kinds.index(cue_kind)
    if index == 0 and repetition <= 1:
        return start_pose_name(exercise_id)
    return target_pose_name(exercise_id, kinds[index - 1])


def pose_for_cue(
    exercise_id: str,
    cue_kind: str,
    fraction: float,
    *,
    side: str | None = None,
    repetition: int = 1,
) -> Pose:
    """Return the body's pose a fraction (0 to 1) of the way through a cue of this kind."""
    end = target_pose_name(exercise_id, cue_kind)
    start = previous_pose_name(exercise_id, cue_kind, repetition)
    if start == end:
        return key_pose(exercise_id, end, side)
    return between(exercise_id, start, end, ease(fraction), side)


def pose_at(
    exercise_id: str,
    seconds: float,
    phases: Sequence[tuple[str, float]],
    *,
    side: str | None = None,
    start: str | None = None,
) -> Pose:
    """Return the pose `seconds` into a list of (cue kind, seconds), starting from `start`.

    `start` names the key pose the body is in before the first cue (the start position by
    default); each cue then moves it to the key pose that cue ends in.
    """
    current = start or start_pose_name(exercise_id)
    find_key_pose(pose_file(exercise_id), current)
    elapsed = 0.0
    for kind, length in phases:
        if length < 0:
            raise InvalidInputError(f"phase seconds must not be negative, got {length}")
        target = target_pose_name(exercise_id, kind)
        if seconds < elapsed + length:
            fraction = (seconds - elapsed) / length if length > 0 else 1.0
            if current == target:
                return key_pose(exercise_id, target, side)
            return between(exercise_id, current, target, ease(fraction), side)
        elapsed += length
        current = target
    return key_pose(exercise_id, current, side)
