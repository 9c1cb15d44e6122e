"""Keep what rests on the floor or holds the body in place while the body moves.

Blending joint angles between two key poses moves every point, including the knees on the mat
and the hands on the floor. Two steps put them back, exactly rather than by hoping:
  place  moves the body sideways so its anchor (say, both knees) stays where it is;
  reach  bends each arm or leg with a contact (hands on the floor, hands on a knee) by a small
         least-squares fit of its joint angles (bounded by their ranges), so the contact point
         reaches its target.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from spinecoach.figures.skeleton import (
    JOINT_BY_NAME,
    LANDMARKS,
    Frames,
    Pose,
    forward_kinematics,
    joint_frames,
    joint_matrix,
)

LIMB_JOINTS = {"arm": ("shoulder", "elbow", "wrist"), "leg": ("hip", "knee", "ankle")}
# The angles a limb may change to reach a contact: swing and lift at the root, bend in between.
FREE = {
    "arm": (("shoulder", "flexion"), ("shoulder", "abduction"), ("elbow", "flexion")),
    "leg": (("hip", "flexion"), ("hip", "abduction"), ("knee", "flexion"), ("ankle", "flexion")),
}
LIMB_OF_POINT = {name: "arm" for name in ("elbow", "wrist", "index", "pinky", "thumb")}
LIMB_OF_POINT |= {name: "leg" for name in ("knee", "ankle", "heel", "foot_index")}
STAY_NEAR = 0.002  # metres of reach traded for each degree away from the blended angle
CLOSE_ENOUGH = 0.003  # metres: a contact this close needs no solving


def limb_of(point: str) -> tuple[str, str] | None:
    """Return (side, limb) of a point a limb can move, e.g. left_index -> (left, arm)."""
    for side in ("left", "right"):
        base = point.removeprefix(f"{side}_")
        if base != point and base in LIMB_OF_POINT:
            return side, LIMB_OF_POINT[base]
    return None


def centre(points: Mapping[str, tuple[float, float, float]], names: Sequence[str]) -> np.ndarray:
    """Return the mean position of the named points."""
    found: np.ndarray = np.mean([points[name] for name in names], axis=0)
    return found


def place(pose: Pose, anchor: Sequence[str]) -> Pose:
    """Return the pose moved over the floor so the anchor's centre is at x = z = 0."""
    x, _, z = centre(forward_kinematics(pose.angles, pose.root), anchor)
    return replace(pose, root=replace(pose.root, x=pose.root.x - x, z=pose.root.z - z))


def _limb_point(pose: Pose, frames: Frames, side: str, limb: str, point: str) -> np.ndarray:
    """Return a point of one limb, recomputed from the limb's parent frame only."""
    chain = [f"{side}_{name}" for name in LIMB_JOINTS[limb]]
    position, rotation = frames[JOINT_BY_NAME[chain[0]].parent]
    for name in chain:
        joint = JOINT_BY_NAME[name]
        position = position + rotation @ np.array(joint.offset)
        rotation = rotation @ joint_matrix(joint, pose.angles.get(name, {}))
        if point == name:
            found: np.ndarray = position
            return found
        frame, offset = LANDMARKS.get(point, ("", (0.0, 0.0, 0.0)))
        if frame == name:
            located: np.ndarray = position + rotation @ np.array(offset)
            return located
    raise ValueError(f"{point} is not on the {side} {limb}")


def fit(
    misses: Callable[[np.ndarray], np.ndarray],
    start: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    steps: int = 8,
) -> np.ndarray:
    """Return angles near `start`, within bounds, that make `misses` small (damped Gauss-Newton).

    A few hand-written steps beat scipy's least_squares here: its set-up costs more than the
    whole fit of four angles, and a player asks for a new pose every frame.
    """
    values = start.astype(float)
    current = misses(values)
    for _ in range(steps):
        jacobian = np.empty((len(current), len(values)))
        for index in range(len(values)):
            nudged = values.copy()
            nudged[index] += 0.1  # degrees
            jacobian[:, index] = (misses(nudged) - current) / 0.1
        normal = jacobian.T @ jacobian + 1e-6 * np.eye(len(values))
        step = np.linalg.solve(normal, -jacobian.T @ current)
        trial = np.clip(values + step, low, high)
        score = misses(trial)
        if float(score @ score) >= float(current @ current):
            break
        values, current = trial, score
        if float(np.abs(step).max()) < 0.05:
            break
    return values


def reach(pose: Pose, targets: Mapping[str, np.ndarray]) -> Pose:
    """Return the pose with limbs bent so each contact point reaches its world target."""
    world = forward_kinematics(pose.angles, pose.root)
    raw = forward_kinematics(pose.angles, pose.root, on_floor=False)
    offset = np.array(world["pelvis"]) - np.array(raw["pelvis"])
    frames = joint_frames(pose.angles, pose.root)
    groups: dict[tuple[str, str], list[str]] = {}
    for point in targets:
        owner = limb_of(point)
        if owner is not None:
            groups.setdefault(owner, []).append(point)
    angles = {joint: dict(dofs) for joint, dofs in pose.angles.items()}
    for (side, limb), points in groups.items():
        free = [(f"{side}_{joint}", dof) for joint, dof in FREE[limb]]
        specs = [JOINT_BY_NAME[joint].dofs[dof] for joint, dof in free]
        low = np.array([spec.low for spec in specs])
        high = np.array([spec.high for spec in specs])
        start = np.clip([angles.get(j, {}).get(d, 0.0) for j, d in free], low + 1e-6, high - 1e-6)
        goal = [np.asarray(targets[point]) - offset for point in points]

        def misses(
            values: np.ndarray,
            free: list[tuple[str, str]] = free,
            points: list[str] = points,
            goal: list[np.ndarray] = goal,
            start: np.ndarray = start,
            side: str = side,
            limb: str = limb,
        ) -> np.ndarray:
            # Only this limb's joints matter to its points: copy just those.
            trial = {
                f"{side}_{joint}": dict(angles.get(f"{side}_{joint}", {}))
                for joint in LIMB_JOINTS[limb]
            }
            for (joint, dof), value in zip(free, values, strict=True):
                trial[joint][dof] = float(value)
            moved = Pose(trial, pose.root)
            errors = [
                _limb_point(moved, frames, side, limb, p) - g
                for p, g in zip(points, goal, strict=True)
            ]
            return np.concatenate([*errors, (values - start) * STAY_NEAR])

        if float(np.abs(misses(start)[: 3 * len(points)]).max()) < CLOSE_ENOUGH:
            continue
        solved = fit(misses, start, low, high)
        for (joint, dof), value in zip(free, solved, strict=True):
            angles.setdefault(joint, {})[dof] = float(value)
    return Pose(angles, pose.root)
