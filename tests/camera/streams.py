"""Synthetic landmark streams from the figures' own motion, spoiled as a real camera would.

A stream is a person doing an exercise exactly as the figures move (figures/animation.py's
pose_at over the exercise's repetition phases), sampled at a camera's frame rate and turned
into the 33 landmarks the pose model gives. Spoilers then add noise, drop frames, hide joints,
mirror the image, and walk the person across the frame. A fault (joint angles off by some
degrees for the whole stream) makes a person who does the movement with a mistake.
"""

import math
import random
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spinecoach.catalog.loader import default_catalog
from spinecoach.figures.animation import pose_at, start_pose_name, target_pose_name
from spinecoach.figures.landmarks import landmark_file
from spinecoach.figures.skeleton import Pose, pose_points
from tests.camera.corpus import camera_view, mirror_image, swap_labels

FPS = 8  # the low end of a laptop running the pose model: a stricter test than 30
REST_SECONDS = 2.0
Frame = dict[str, list[float]] | None
Fault = tuple[tuple[str, str, float], ...]  # (joint, degree of freedom, degrees added)


@dataclass(frozen=True)
class Stream:
    """Frames (landmarks or None) at their times, for one exercise on one side."""

    exercise: str
    side: str | None
    repetitions: int
    times: list[float]
    frames: list[Frame]

    def with_frames(self, frames: list[Frame]) -> "Stream":
        return replace(self, frames=frames)

    def as_args(self) -> dict[str, Any]:
        return {"exercise": self.exercise, "side": self.side, "times": self.times}


def session_phases(exercise_id: str, repetitions: int, hold_seconds: float) -> list[Any]:
    """Return (cue kind, seconds): get ready, the repetitions, then rest in the start position."""
    phases: list[tuple[str, float]] = [("prepare", REST_SECONDS)]
    for _ in range(repetitions):
        for phase in default_catalog().exercise(exercise_id).repetition:
            phases.append((phase.kind.value, phase.seconds or hold_seconds))
    return [*phases, ("rest", REST_SECONDS)]


def _with_fault(pose: Pose, fault: Fault) -> Pose:
    angles = {joint: dict(dofs) for joint, dofs in pose.angles.items()}
    for joint, dof, degrees in fault:
        angles.setdefault(joint, {})[dof] = angles.get(joint, {}).get(dof, 0.0) + degrees
    return Pose(angles, pose.root)


@cache
def _moment(
    exercise_id: str, side: str | None, start: str, kind: str, length: float, offset: float
) -> Pose:
    """Return the pose `offset` seconds into one phase begun in `start`: the same in every rep."""
    return pose_at(exercise_id, offset, [(kind, length)], side=side, start=start)


@cache
def _motion(
    exercise_id: str, side: str | None, repetitions: int, hold_seconds: float, fault: Fault
) -> tuple[tuple[float, ...], tuple[tuple[tuple[float, ...], ...], ...]]:
    phases = session_phases(exercise_id, repetitions, hold_seconds)
    total = sum(seconds for _, seconds in phases)
    times = tuple(i / FPS for i in range(int(total * FPS) + 1))
    names = landmark_file().landmarks
    frames = []
    current, elapsed, index = start_pose_name(exercise_id), 0.0, 0
    for t in times:
        # pose_at over the whole session, one phase at a time, so later repetitions are reused.
        while index < len(phases) - 1 and t >= elapsed + phases[index][1]:
            current, elapsed = (
                target_pose_name(exercise_id, phases[index][0]),
                elapsed + phases[index][1],
            )
            index += 1
        kind, length = phases[index]
        pose = _moment(exercise_id, side, current, kind, length, round(t - elapsed, 6))
        points = pose_points(_with_fault(pose, fault))
        frames.append(tuple(tuple(float(v) for v in points[name]) for name in names))
    return times, tuple(frames)


def stream(
    exercise_id: str,
    side: str | None = None,
    *,
    repetitions: int | None = None,
    hold_seconds: float = 3.0,
    fault: Fault = (),
) -> Stream:
    """Return a person doing the exercise as the figures do, every landmark fully visible."""
    count = repetitions or default_catalog().exercise(exercise_id).dose.repetitions.default
    times, frames = _motion(exercise_id, side, count, hold_seconds, fault)
    names = landmark_file().landmarks
    landmarks: list[Frame] = [
        {name: [*xyz, 1.0] for name, xyz in zip(names, frame, strict=True)} for frame in frames
    ]
    return Stream(exercise_id, side, count, list(times), landmarks)


def _each(frames: list[Frame], change: Any) -> list[Frame]:
    return [None if frame is None else change(frame) for frame in frames]


def noise(s: Stream, rng: random.Random, metres: float = 0.01) -> Stream:
    """Shake every coordinate of every frame by Gaussian noise of this size."""
    return s.with_frames(
        _each(
            s.frames,
            lambda f: {n: [*(v + rng.gauss(0, metres) for v in p[:3]), p[3]] for n, p in f.items()},
        )
    )


def drop(s: Stream, rng: random.Random, share: float) -> Stream:
    """Lose this share of frames: the model found nobody in them."""
    return s.with_frames([None if rng.random() < share else f for f in s.frames])


def seen_from(s: Stream, rng: random.Random) -> Stream:
    """Put the camera somewhere else: the whole stream turned, tilted, scaled and moved."""
    seed = rng.random()  # one camera for the whole stream: the same draws for every frame
    return s.with_frames(_each(s.frames, lambda f: camera_view(f, random.Random(seed))))


def walk_across(s: Stream, metres: float = 2.0, degrees: float = 30.0) -> Stream:
    """Move the person across the frame over the stream, turning slowly as they go."""
    end = s.times[-1] or 1.0
    frames: list[Frame] = []
    for t, frame in zip(s.times, s.frames, strict=True):
        if frame is None:
            frames.append(None)
            continue
        share = t / end
        angle = math.radians(degrees * (share - 0.5))
        c, si, dx = math.cos(angle), math.sin(angle), metres * (share - 0.5)
        frames.append(
            {
                n: [c * p[0] + si * p[2] + dx, p[1], -si * p[0] + c * p[2], p[3]]
                for n, p in frame.items()
            }
        )
    return s.with_frames(frames)


def mirrored_labels(s: Stream) -> Stream:
    """Swap every left and right label (a mirrored camera image's labels)."""
    return s.with_frames(_each(s.frames, swap_labels))


def mirror(s: Stream) -> Stream:
    """Reflect the person: the same stretch done to the other side."""
    other = {"left": "right", "right": "left", None: None}[s.side]
    return replace(s.with_frames(_each(s.frames, mirror_image)), side=other)


def hide(s: Stream, names: list[str], start: float, end: float, visibility: float = 0.2) -> Stream:
    """Make these landmarks barely visible from start to end seconds."""

    def dim(t: float, frame: dict[str, list[float]]) -> dict[str, list[float]]:
        if not start <= t < end:
            return frame
        return {n: [*p[:3], visibility] if n in names else p for n, p in frame.items()}

    return s.with_frames(
        [None if f is None else dim(t, f) for t, f in zip(s.times, s.frames, strict=True)]
    )


def flicker(s: Stream, rng: random.Random, share: float = 0.02) -> Stream:
    """Let single landmarks drop below the visibility threshold for one frame now and then."""
    return s.with_frames(
        _each(
            s.frames,
            lambda f: {n: [*p[:3], 0.3] if rng.random() < share else p for n, p in f.items()},
        )
    )


def leave(s: Stream, start: float, end: float) -> Stream:
    """The person leaves the frame from start to end seconds: no landmarks at all."""
    return s.with_frames(
        [None if start <= t < end else f for t, f in zip(s.times, s.frames, strict=True)]
    )
