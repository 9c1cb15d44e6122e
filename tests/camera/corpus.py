"""A corpus of joint files for the form check: the figures' own poses, then spoiled on purpose.

Each base file is what `spinecoach figure EXERCISE --pose POSE -o FILE.json` writes (every key
pose of every exercise, each side). Variants add what a camera does to it: noise, a turned,
tilted, scaled and moved body, a true mirror image, left and right labels swapped (all, or one
pair), missing, invisible, null, NaN and infinite joints, objects instead of lists, names that
are not landmarks, points that coincide. Each case is also checked with every side and pose
option the exercise accepts. Reproducible: one seeded generator.
"""

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spinecoach.figures.landmarks import landmark_file
from spinecoach.figures.library import key_pose, pose_file, pose_files, swap_side_names
from spinecoach.figures.skeleton import pose_points

Joints = dict[str, Any]


@dataclass(frozen=True)
class Case:
    """One joint file to judge for one exercise, with the check's options."""

    label: str
    exercise: str
    joints: Joints
    options: dict[str, str] = field(default_factory=dict)


def figure_joints(exercise_id: str, pose: str, side: str | None) -> dict[str, list[float]]:
    """Return a key pose's joints as `figure -o FILE.json` writes them (4 decimals)."""
    points = pose_points(key_pose(exercise_id, pose, side))
    return {joint: [round(float(v), 4) for v in xyz] for joint, xyz in points.items()}


def _rotation(axis: tuple[float, float, float], angle: float) -> list[list[float]]:
    x, y, z = axis
    c, s, t = math.cos(angle), math.sin(angle), 1 - math.cos(angle)
    return [
        [t * x * x + c, t * x * y - s * z, t * x * z + s * y],
        [t * x * y + s * z, t * y * y + c, t * y * z - s * x],
        [t * x * z - s * y, t * y * z + s * x, t * z * z + c],
    ]


def _apply(matrix: list[list[float]], xyz: list[float]) -> list[float]:
    return [sum(row[i] * xyz[i] for i in range(3)) for row in matrix]


def camera_view(joints: Joints, rng: random.Random) -> Joints:
    """Turn the body about the vertical, tilt it a little, scale it and move it."""
    yaw = _rotation((0.0, 1.0, 0.0), rng.uniform(0, 2 * math.pi))
    heading = rng.uniform(0, 2 * math.pi)
    tilt = _rotation((math.cos(heading), 0.0, math.sin(heading)), math.radians(rng.uniform(0, 4)))
    scale, shift = rng.uniform(0.8, 1.25), [rng.uniform(-3, 3) for _ in range(3)]
    moved = {}
    for name, xyz in joints.items():
        turned = _apply(yaw, _apply(tilt, xyz[:3]))
        moved[name] = [v * scale + d for v, d in zip(turned, shift, strict=True)] + xyz[3:]
    return moved


def noisy(joints: Joints, rng: random.Random, metres: float) -> Joints:
    """Add Gaussian noise of this size to every coordinate."""
    return {n: [v + rng.gauss(0, metres) for v in xyz[:3]] + xyz[3:] for n, xyz in joints.items()}


def swap_labels(joints: Joints) -> Joints:
    """Exchange left and right names, positions kept: a mirrored image's labels."""
    return {swap_side_names(name): xyz for name, xyz in joints.items()}


def mirror_image(joints: Joints) -> Joints:
    """Reflect the body through a plane and swap labels: the same stretch to the other side."""
    return swap_labels({name: [-xyz[0], *xyz[1:]] for name, xyz in joints.items()})


def _landmarks() -> list[str]:
    return list(landmark_file().landmarks)


def spoiled(joints: Joints, rng: random.Random) -> Iterator[tuple[str, Joints]]:
    """Yield the variants of one base file a camera could produce."""
    names = _landmarks()
    yield "exact", joints
    yield "noise", noisy(joints, rng, 0.01)
    yield "big-noise", noisy(joints, rng, 0.06)
    yield "camera", camera_view(noisy(joints, rng, 0.005), rng)
    yield "mirror-image", mirror_image(camera_view(joints, rng))
    yield "labels-swapped", swap_labels(noisy(joints, rng, 0.005))
    left = rng.choice([n for n in names if n.startswith("left_")])
    one_pair = dict(joints)
    one_pair[left], one_pair[swap_side_names(left)] = joints[swap_side_names(left)], joints[left]
    yield f"swapped-{left}", one_pair
    gone = rng.sample(names, rng.randint(1, 4))
    yield "missing-" + "-".join(gone), {n: v for n, v in joints.items() if n not in gone}
    seen = {n: [*xyz[:3], round(rng.uniform(0.5, 1.0), 3)] for n, xyz in joints.items()}
    dim = rng.sample(names, 3)
    yield "invisible", {n: [*v[:3], 0.2] if n in dim else v for n, v in seen.items()}
    yield "visibility-at-threshold", {n: [*v[:3], 0.5] for n, v in seen.items()}
    broken = dict(joints)
    nan, inf, null = rng.sample(names, 3)
    broken[nan] = [math.nan, *joints[nan][1:]]
    broken[inf] = [joints[inf][0], math.inf, joints[inf][2]]
    broken[null] = None
    yield "nan-inf-null", broken
    objects = {n: {"x": v[0], "y": v[1], "z": v[2], "visibility": 0.9} for n, v in joints.items()}
    yield "objects", {**objects, "left_knee": {"x": 0.1, "y": 0.2, "z": 0.3}}
    yield "extra-names", {**joints, "tail": [1, 2, 3], "left_wing": None}


def options_for(exercise_id: str) -> list[dict[str, str]]:
    """Return every option set the exercise accepts: none, each side, each checked pose."""
    poses = pose_file(exercise_id)
    options: list[dict[str, str]] = [{}]
    options += [{"side": s} for s in ("left", "right") if poses.drawn_side]
    options += [{"pose": check.pose} for check in poses.form]
    return options


def sides_of(exercise_id: str) -> list[str | None]:
    return ["left", "right"] if pose_file(exercise_id).drawn_side else [None]


def special_cases(exercise_id: str) -> list[Case]:
    """Return bodies no camera should see but a port must judge alike: nothing, one point."""
    names = _landmarks()
    bodies: dict[str, Joints] = {
        "empty": {},
        "all-at-one-point": {n: [0.5, 0.5, 0.5] for n in names},
        "all-unseen": {n: [0.1, 0.2, 0.3, 0.1] for n in names},
        "hips-only": {"left_hip": [0.1, 0, 0], "right_hip": [-0.1, 0, 0]},
    }
    return [
        Case(f"{exercise_id}/{label}", exercise_id, joints, options)
        for label, joints in bodies.items()
        for options in options_for(exercise_id)
    ]


def corpus(seed: int = 13) -> list[Case]:
    """Return every case: each key pose, side, variant and option set, plus special bodies."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for exercise_id in pose_files():
        for pose in (p.name for p in pose_file(exercise_id).poses):
            for side in sides_of(exercise_id):
                base = figure_joints(exercise_id, pose, side)
                for variant, joints in spoiled(base, rng):
                    label = f"{exercise_id}/{pose}/{side}/{variant}"
                    cases += [Case(label, exercise_id, joints, o) for o in options_for(exercise_id)]
        cases += special_cases(exercise_id)
    return cases


# Malformed input: both must refuse it with the same message.
MALFORMED: list[Any] = [
    [1, 2, 3],
    "not a mapping",
    {"left_knee": [1, 2]},
    {"left_knee": [1, "2", 3]},
    {"left_knee": [1, True, 3]},
    {"nose": "1,2,3"},
    {"nose": 7},
    {"nose": [1, 2, 3, 1.5]},
    {"nose": [1, 2, 3, math.nan]},
    {"nose": {"x": 1, "y": 2}},
    {"nose": {"x": 1, "y": 2, "z": 3, "visibility": None}},
    {"sacrum": [1, 2]},
]
