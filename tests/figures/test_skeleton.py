import numpy as np
import pytest

from spinecoach.figures.measures import leg_length
from spinecoach.figures.skeleton import (
    JOINT_BY_NAME,
    POINT_NAMES,
    SURFACE_RADIUS,
    Root,
    forward_kinematics,
    mirror_angles,
)

# MediaPipe Pose's 33 landmarks; the camera analyser will compare against these names.
MEDIAPIPE = [
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
    "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip",
    "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
    "right_heel", "left_foot_index", "right_foot_index",
]  # fmt: skip


def point(points: dict[str, tuple[float, float, float]], name: str) -> np.ndarray:
    return np.array(points[name])


def test_every_mediapipe_landmark_is_a_named_point() -> None:
    assert len(MEDIAPIPE) == 33

    missing = [name for name in MEDIAPIPE if name not in POINT_NAMES]

    assert missing == []
    assert {"sacrum", "mid_spine", "neck_base"} <= set(POINT_NAMES)


def test_standing_body_is_adult_sized_and_stands_on_the_floor() -> None:
    points = forward_kinematics({}, Root())

    lowest = min(points[name][1] - radius for name, radius in SURFACE_RADIUS.items())
    assert lowest == pytest.approx(0.0)
    assert 1.6 < points["head_top"][1] < 1.85
    assert points["left_shoulder"][1] > points["left_elbow"][1] > points["left_wrist"][1]
    assert points["left_hip"][2] < 0 < points["right_hip"][2]  # z points to the right
    assert 0.8 < leg_length(points) < 0.9


def test_hip_flexion_brings_the_knee_forward_on_either_side() -> None:
    points = forward_kinematics(
        {"left_hip": {"flexion": 90}, "right_hip": {"flexion": 90}}, Root(), on_floor=False
    )

    for side in ("left", "right"):
        thigh = point(points, f"{side}_knee") - point(points, f"{side}_hip")
        assert thigh[0] == pytest.approx(0.43, abs=1e-6)  # forward
        assert thigh[1] == pytest.approx(0.0, abs=1e-6)


def test_knee_flexion_bends_the_shin_backward() -> None:
    points = forward_kinematics({"left_knee": {"flexion": 90}}, Root(), on_floor=False)

    shin = point(points, "left_ankle") - point(points, "left_knee")

    assert shin[0] == pytest.approx(-0.42, abs=1e-6)


def test_abduction_moves_each_limb_away_from_the_midline() -> None:
    points = forward_kinematics(
        {"left_shoulder": {"abduction": 90}, "right_shoulder": {"abduction": 90}},
        Root(),
        on_floor=False,
    )

    assert points["left_wrist"][2] < points["left_shoulder"][2] - 0.5
    assert points["right_wrist"][2] > points["right_shoulder"][2] + 0.5


def test_spine_flexion_bends_forward_and_rotation_turns_the_chest_right() -> None:
    bent = forward_kinematics({"lumbar": {"flexion": 40}}, Root(), on_floor=False)
    turned = forward_kinematics({"thoracic": {"rotation": 40}}, Root(), on_floor=False)

    assert bent["neck_base"][0] > 0.1
    # Turning right brings the left shoulder forward and the right one back.
    assert turned["left_shoulder"][0] > 0.05 > -0.05 > turned["right_shoulder"][0]


def test_mirror_angles_give_the_mirror_image_body() -> None:
    angles = {
        "left_hip": {"flexion": 110, "abduction": 12, "rotation": -20},
        "right_knee": {"flexion": 60},
        "thoracic": {"rotation": 30, "side_bend": 10, "flexion": 5},
        "left_shoulder": {"flexion": 40, "abduction": 30, "rotation": 15},
    }

    original = forward_kinematics(angles, Root(), on_floor=False)
    mirrored = forward_kinematics(mirror_angles(angles), Root(), on_floor=False)

    for name, (x, y, z) in original.items():
        twin = name.replace("left", "@").replace("right", "left").replace("@", "right")
        assert mirrored[twin] == pytest.approx((x, y, -z), abs=1e-9), name


def test_lying_on_the_back_puts_the_face_up_and_the_body_on_the_floor() -> None:
    points = forward_kinematics({}, Root(yaw=180, pitch=90))

    assert points["nose"][1] > points["head_center"][1]
    assert points["sacrum"][1] - SURFACE_RADIUS["sacrum"] == pytest.approx(0.0, abs=0.02)
    assert points["head_top"][0] > points["pelvis"][0] + 0.6  # head to the right


def test_unknown_joint_or_movement_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown joint 'left_tail'"):
        forward_kinematics({"left_tail": {"flexion": 10}}, Root())
    with pytest.raises(ValueError, match="left_knee has no abduction"):
        forward_kinematics({"left_knee": {"abduction": 10}}, Root())


def test_every_joint_range_includes_standing_upright() -> None:
    for joint in JOINT_BY_NAME.values():
        for name, dof in joint.dofs.items():
            assert dof.low <= 0 <= dof.high, f"{joint.name}.{name}"
