"""One articulated 3-D body: joints with anatomical angles, forward kinematics to named points.

Body frame (every joint frame in the standing rest pose): x points forward (anterior), y up
(toward the head), z to the person's right. The world: y is up and the floor is y = 0.
In the rest pose the person stands with arms hanging and palms facing backward, so that one
positive "flexion" means the same anatomical movement on both sides of the body.
Points are named after MediaPipe Pose's 33 landmarks where one exists; spine points
(sacrum, mid_spine, neck_base, skull_base) and pelvis, head_center, head_top are our own.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.spatial.transform import Rotation

Vector = tuple[float, float, float]
Angles = Mapping[str, Mapping[str, float]]
Side = Literal["left", "right"]
Part = Literal["left", "right", "centre"]


def other_side(side: str) -> Side:
    """Return the opposite side: "right" for "left", "left" for "right"."""
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Dof:
    """One degree of freedom: an axis of the joint frame, a sign and the allowed range."""

    axis: Literal["x", "y", "z"]
    sign: float
    low: float
    high: float


@dataclass(frozen=True)
class Joint:
    """A rotating joint sitting at `offset` (metres) in its parent's frame."""

    name: str
    parent: str
    offset: Vector
    dofs: Mapping[str, Dof]


@dataclass(frozen=True)
class Root:
    """Where the pelvis is in the world and which way it faces (degrees, metres).

    yaw turns about the vertical, pitch leans the body back (90 = lying on the back, -90 = face
    down), roll tips it toward the person's right. y is not given: the body is set on the floor.
    """

    yaw: float = 0.0
    pitch: float = 0.0
    roll: float = 0.0
    x: float = 0.0
    z: float = 0.0


@dataclass(frozen=True)
class Piece:
    """A drawn stroke through consecutive points, with the body's thickness there (metres)."""

    points: tuple[str, ...]
    width: float


@dataclass(frozen=True)
class BodyPart:
    """A group of pieces drawn in one colour, in the order listed (the chest over the belly)."""

    name: str
    part: Part
    pieces: tuple[Piece, ...]


# Sizes of an adult about 1.70 m tall (rounded anthropometric proportions).
LUMBAR, THORACIC, NECK = 0.20, 0.27, 0.09
THIGH, SHIN, UPPER_ARM, FOREARM = 0.43, 0.42, 0.29, 0.26
HIP_HALF_WIDTH, SHOULDER_HALF_WIDTH = 0.09, 0.18
HEAD_RADIUS = 0.105
Range = tuple[float, float]


def _spine(name: str, parent: str, offset: Vector, bend: Range, side: Range, turn: Range) -> Joint:
    """Return a spine joint: positive flexion bends forward, side_bend and rotation go right."""
    dofs = {
        "flexion": Dof("z", -1.0, *bend),
        "side_bend": Dof("x", 1.0, *side),
        "rotation": Dof("y", -1.0, *turn),
    }
    return Joint(name, parent, offset, dofs)


def _mirror(offset: Vector, side: Side) -> Vector:
    """Return a left-side offset, or its mirror image across the midline for the right."""
    x, y, z = offset
    return (x, y, z if side == "left" else -z)


def _limb_joints(side: Side) -> list[Joint]:
    # Abduction and internal rotation point away from / toward the midline, so they flip sign.
    out = 1.0 if side == "left" else -1.0

    def joint(name: str, parent: str, offset: Vector, **dofs: Dof) -> Joint:
        parent_name = parent if parent in ("pelvis", "thoracic") else f"{side}_{parent}"
        return Joint(f"{side}_{name}", parent_name, _mirror(offset, side), dofs)

    return [
        joint(
            "hip",
            "pelvis",
            (0.0, 0.0, -HIP_HALF_WIDTH),
            flexion=Dof("z", 1.0, -30, 140),
            abduction=Dof("x", out, -30, 50),
            rotation=Dof("y", -out, -45, 45),
        ),
        joint("knee", "hip", (0.0, -THIGH, 0.0), flexion=Dof("z", -1.0, -5, 160)),
        joint("ankle", "knee", (0.0, -SHIN, 0.0), flexion=Dof("z", 1.0, -80, 30)),
        joint(
            "shoulder",
            "thoracic",
            (-0.01, THORACIC - 0.03, -SHOULDER_HALF_WIDTH),
            flexion=Dof("z", 1.0, -60, 180),
            abduction=Dof("x", out, -40, 180),
            rotation=Dof("y", -out, -90, 90),
        ),
        joint("elbow", "shoulder", (0.0, -UPPER_ARM, 0.0), flexion=Dof("z", 1.0, 0, 150)),
        joint("wrist", "elbow", (0.0, -FOREARM, 0.0), flexion=Dof("z", -1.0, -90, 80)),
    ]


JOINTS: tuple[Joint, ...] = (
    # Lumbar rotation is small; most of a twist happens in the thoracic spine.
    _spine("lumbar", "pelvis", (-0.03, 0.06, 0.0), (-30, 60), (-25, 25), (-10, 10)),
    _spine("thoracic", "lumbar", (0.0, LUMBAR, 0.0), (-25, 45), (-25, 25), (-40, 40)),
    _spine("neck", "thoracic", (0.0, THORACIC, 0.0), (-50, 50), (-40, 40), (-70, 70)),
    Joint("head", "neck", (0.0, NECK, 0.0), {"flexion": Dof("z", -1.0, -25, 25)}),
    *_limb_joints("left"),
    *_limb_joints("right"),
)
JOINT_BY_NAME: Mapping[str, Joint] = {joint.name: joint for joint in JOINTS}
# Where each joint frame's origin is, as a named point.
_ORIGIN_NAMES = {"lumbar": "sacrum", "thoracic": "mid_spine", "neck": "neck_base"}
_ORIGIN_NAMES |= {"head": "skull_base"}


def _landmarks() -> dict[str, tuple[str, Vector]]:
    """Return the points that are not joint origins: (frame, offset in that frame)."""
    points: dict[str, tuple[str, Vector]] = {
        "head_center": ("head", (0.02, 0.10, 0.0)),
        "head_top": ("head", (0.0, 0.20, 0.0)),
        "nose": ("head", (0.12, 0.08, 0.0)),
        # Centre of the face disc drawn on the head, so which way the head faces shows.
        "face": ("head", (0.065, 0.095, 0.0)),
    }
    for side in ("left", "right"):
        head = {
            "eye_inner": (0.095, 0.11, -0.015),
            "eye": (0.09, 0.11, -0.033),
            "eye_outer": (0.08, 0.11, -0.05),
            "ear": (0.0, 0.09, -0.075),
        }
        for name, offset in head.items():
            points[f"{side}_{name}"] = ("head", _mirror(offset, side))
        # MediaPipe names the mouth corners the other way round: mouth_left, mouth_right.
        points[f"mouth_{side}"] = ("head", _mirror((0.095, 0.04, -0.025), side))
        feet = {"heel": (-0.03, -0.05, 0.0), "foot_index": (0.15, -0.05, 0.0)}
        for name, offset in feet.items():
            points[f"{side}_{name}"] = (f"{side}_ankle", offset)
        # Palms face backward, so the thumb is toward the midline (+z for the left hand).
        hand = {"index": (0.0, -0.10, 0.01), "pinky": (0.0, -0.09, -0.02)}
        hand |= {"thumb": (0.02, -0.06, 0.03)}
        for name, offset in hand.items():
            points[f"{side}_{name}"] = (f"{side}_wrist", _mirror(offset, side))
    return points


LANDMARKS: Mapping[str, tuple[str, Vector]] = _landmarks()
POINT_NAMES: tuple[str, ...] = (
    "pelvis",
    *(_ORIGIN_NAMES.get(joint.name, joint.name) for joint in JOINTS),
    *LANDMARKS,
)


def _limb(side: Side, kind: str, width: float, end_width: float) -> BodyPart:
    chain = ("hip", "knee", "ankle") if kind == "leg" else ("shoulder", "elbow", "wrist")
    end = ("heel", "ankle", "foot_index") if kind == "leg" else ("wrist", "index")
    return BodyPart(
        f"{side}_{kind}",
        side,
        (
            Piece(tuple(f"{side}_{name}" for name in chain), width),
            Piece(tuple(f"{side}_{name}" for name in end), end_width),
        ),
    )


BODY_PARTS: tuple[BodyPart, ...] = (
    BodyPart(
        "trunk",
        "centre",
        (
            # Drawn as one outline swept along the spine (figures/outline.py); the width is
            # what occlusion tests use where strokes overlap.
            Piece(("pelvis", "sacrum", "mid_spine", "neck_base"), 0.30),
            Piece(("neck_base", "skull_base"), 0.09),
        ),
    ),
    BodyPart("head", "centre", (Piece(("head_center",), 2 * HEAD_RADIUS),)),
    _limb("left", "leg", 0.10, 0.06),
    _limb("right", "leg", 0.10, 0.06),
    _limb("left", "arm", 0.075, 0.055),
    _limb("right", "arm", 0.075, 0.055),
)
# The trunk's surface lies closer to the spine at the back than its drawn width suggests.
_TRUNK_REACH = {"pelvis": 0.08, "sacrum": 0.07, "mid_spine": 0.08, "neck_base": 0.06}


def _thickness() -> dict[str, float]:
    radius: dict[str, float] = {}
    for part in BODY_PARTS:
        for piece in part.pieces:
            for point in piece.points:
                radius[point] = max(radius.get(point, 0.0), piece.width / 2)
    return radius | _TRUNK_REACH


# How far the body's surface reaches around each drawn point; keeps the body above the floor.
SURFACE_RADIUS: Mapping[str, float] = _thickness()


def _turn(axis: str, degrees: float) -> np.ndarray:
    """Return the 3x3 matrix turning about one axis (right-hand rule)."""
    c, s = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
    if axis == "x":
        return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])
    if axis == "y":
        return np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def joint_matrix(joint: Joint, angles: Mapping[str, float]) -> np.ndarray:
    """Return the joint's rotation matrix for anatomical angles: flexion, sideways, then twist."""
    unknown = set(angles) - set(joint.dofs)
    if unknown:
        raise ValueError(f"{joint.name} has no {sorted(unknown)[0]}; it has {sorted(joint.dofs)}")
    euler = {"z": 0.0, "x": 0.0, "y": 0.0}
    for name, dof in joint.dofs.items():
        euler[dof.axis] += dof.sign * angles.get(name, 0.0)
    # Intrinsic Z, then X, then Y; plain matrices are ten times faster than scipy's Rotation here.
    matrix: np.ndarray = _turn("z", euler["z"]) @ _turn("x", euler["x"]) @ _turn("y", euler["y"])
    return matrix


def joint_rotation(joint: Joint, angles: Mapping[str, float]) -> Rotation:
    """Return the joint's rotation for anatomical angles: flexion, then sideways, then twist."""
    return Rotation.from_matrix(joint_matrix(joint, angles))


def root_rotation(root: Root) -> Rotation:
    """Return the pelvis orientation in the world: yaw, then lean back, then roll."""
    return Rotation.from_euler("YZX", [root.yaw, root.pitch, root.roll], degrees=True)


# Each joint's position and rotation matrix in the world.
Frames = dict[str, tuple[np.ndarray, np.ndarray]]


def joint_frames(angles: Angles, root: Root) -> Frames:
    """Return each joint's position and orientation in the world, the pelvis not yet lifted."""
    unknown = set(angles) - set(JOINT_BY_NAME)
    if unknown:
        raise ValueError(f"unknown joint {sorted(unknown)[0]!r}")
    pelvis = _turn("y", root.yaw) @ _turn("z", root.pitch) @ _turn("x", root.roll)
    frames: Frames = {"pelvis": (np.array([root.x, 0.0, root.z]), pelvis)}
    for joint in JOINTS:  # parents come before children in JOINTS
        parent_position, parent_rotation = frames[joint.parent]
        position = parent_position + parent_rotation @ np.array(joint.offset)
        frames[joint.name] = (
            position,
            parent_rotation @ joint_matrix(joint, angles.get(joint.name, {})),
        )
    return frames


def forward_kinematics(angles: Angles, root: Root, *, on_floor: bool = True) -> dict[str, Vector]:
    """Return every named point in world metres; with on_floor the lowest surface touches y=0."""
    frames = joint_frames(angles, root)
    points: dict[str, np.ndarray] = {"pelvis": frames["pelvis"][0]}
    for joint in JOINTS:
        points[_ORIGIN_NAMES.get(joint.name, joint.name)] = frames[joint.name][0]
    for name, (frame, offset) in LANDMARKS.items():
        position, rotation = frames[frame]
        points[name] = position + rotation @ np.array(offset)
    lift = 0.0
    if on_floor:
        lift = -min(points[name][1] - radius for name, radius in SURFACE_RADIUS.items())
    return {name: (float(p[0]), float(p[1] + lift), float(p[2])) for name, p in points.items()}


def mirror_angles(angles: Angles) -> dict[str, dict[str, float]]:
    """Return the mirror-image pose: left and right swapped, spine side bend and twist reversed."""
    mirrored: dict[str, dict[str, float]] = {}
    for name, dofs in angles.items():
        if name.startswith("left_"):
            target = "right_" + name.removeprefix("left_")
        elif name.startswith("right_"):
            target = "left_" + name.removeprefix("right_")
        else:
            target = name
        flip = {"side_bend", "rotation"} if target in _ORIGIN_NAMES else set()
        mirrored[target] = {dof: -v if dof in flip else v for dof, v in dofs.items()}
    return mirrored


@dataclass(frozen=True)
class Pose:
    """A whole-body pose: degrees for each joint's degrees of freedom, and the pelvis placement."""

    angles: Angles
    root: Root


def pose_points(pose: Pose) -> dict[str, Vector]:
    """Return the world position of every named point of a pose, resting on the floor."""
    return forward_kinematics(pose.angles, pose.root)
