import json
import math
from dataclasses import replace

import numpy as np
import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.figures.animation import start_pose_name
from spinecoach.figures.form import (
    Landmark,
    cannot_see,
    check_form,
    parse_landmarks,
    report_to_dict,
)
from spinecoach.figures.library import key_pose, pose_files
from spinecoach.figures.measures import clean
from spinecoach.figures.skeleton import Pose, Root, Vector, pose_points
from tests.figures.conftest import Held

EXERCISES = list(pose_files())
Points = dict[str, Vector]


def verdict(exercise_id: str, points: Points) -> str:
    return check_form(exercise_id, points).verdict


def swap_labels(points: Points) -> Points:
    """Left and right names exchanged, positions kept: a mirrored camera image."""
    swapped = {}
    for name, value in points.items():
        twin = name.replace("left", "@").replace("right", "left").replace("@", "right")
        swapped[twin] = value
    return swapped


def test_every_held_pose_satisfies_its_own_rules(held: Held) -> None:
    report = check_form(held.exercise, held.points, side=held.side, pose=held.pose)

    assert [(r.rule, r.value) for r in report.rules if r.result != "pass"] == []
    assert (report.verdict, report.correction, report.mirrored) == ("pass", None, False)


def test_every_held_pose_fails_every_other_exercise(held: Held) -> None:
    others = [e for e in EXERCISES if e != held.exercise]

    passing = [exercise_id for exercise_id in others if verdict(exercise_id, held.points) == "pass"]

    assert passing == []


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_start_position_does_not_pass_for_the_stretch(exercise_id: str) -> None:
    start = pose_points(key_pose(exercise_id, start_pose_name(exercise_id)))

    assert verdict(exercise_id, start) == "fix"


def test_a_sagging_bridge_is_told_to_lift_and_an_arched_one_to_lower() -> None:
    held = key_pose("hip-bridge", "held")
    hips = {"left_hip": {"flexion": 30}, "right_hip": {"flexion": 30}}
    sagging = replace(held, angles={**held.angles, **hips})
    hips = {"left_hip": {"flexion": -25}, "right_hip": {"flexion": -25}}
    arched = replace(held, angles={**held.angles, **hips})

    low = check_form("hip-bridge", pose_points(sagging))
    high = check_form("hip-bridge", pose_points(arched))

    assert low.verdict == high.verdict == "fix"
    assert low.rules[1].result == "too-high" and low.correction is not None
    assert low.correction.startswith("Lift your hips")
    assert high.rules[1].result == "too-low" and high.correction is not None
    assert high.correction.startswith("Lower your hips")


def test_upright_kneeling_and_standing_never_pass_a_lying_exercise() -> None:
    kneeling = pose_points(
        Pose({"left_knee": {"flexion": 90}, "right_knee": {"flexion": 90}}, Root())
    )
    standing = pose_points(Pose({}, Root()))

    for body in (kneeling, standing):
        for exercise_id in ("hip-bridge", "knee-to-chest", "cat-cow", "childs-pose"):
            report = check_form(exercise_id, body)
            assert report.verdict == "fix", exercise_id
            assert report.rules[0].result != "pass", exercise_id
    assert check_form("hip-bridge", kneeling).correction == (
        "Lie on your back with your knees bent and feet flat on the floor."
    )


def test_a_mirrored_cat_is_seen_as_cat_and_never_passes_as_cow() -> None:
    cat = pose_points(key_pose("cat-cow", "cat"))
    mirrored = swap_labels(cat)

    seen = check_form("cat-cow", mirrored)
    as_cow = check_form("cat-cow", mirrored, pose="cow")

    assert (seen.pose, seen.verdict, seen.mirrored) == ("cat", "pass", True)
    assert as_cow.verdict == "fix"


def test_a_mirrored_twist_keeps_its_side() -> None:
    left = pose_points(key_pose("seated-back-twist", "held", "left"))

    report = check_form("seated-back-twist", swap_labels(left))

    assert (report.side, report.verdict, report.mirrored) == ("left", "pass", True)


def test_a_landmark_no_rule_needs_may_be_missing_or_not_a_number() -> None:
    points: dict[str, object] = {
        k: list(v) for k, v in pose_points(key_pose("hip-bridge", "held")).items()
    }
    del points["left_pinky"]
    points["right_thumb"] = [float("nan"), 0.0, 0.0]
    points["mouth_left"] = None

    report = check_form("hip-bridge", parse_landmarks(points))

    assert report.verdict == "pass"


def test_a_needed_landmark_that_is_missing_gives_cant_see_not_a_verdict() -> None:
    points = dict(pose_points(key_pose("hip-bridge", "held")))
    del points["left_knee"]

    report = check_form("hip-bridge", points)

    assert report.verdict == "unseen"
    assert report.unseen == ["left_knee"]
    assert report.correction == "I can't see your knees."
    assert {r.result for r in report.rules if r.rule in ("hips-in-line", "knees-bent")} == {
        "unseen"
    }


def test_a_needed_landmark_with_low_visibility_counts_as_unseen() -> None:
    points = {
        name: Landmark(*xyz, visibility=0.2 if "ankle" in name else 0.9)
        for name, xyz in pose_points(key_pose("hip-bridge", "held")).items()
    }

    report = check_form("hip-bridge", points)

    assert report.verdict == "unseen"
    assert report.correction == "I can't see your ankles."
    assert set(report.unseen) == {"left_ankle", "right_ankle"}


def test_cant_see_lists_body_parts_in_plain_words() -> None:
    assert cannot_see(["left_knee", "right_knee", "left_heel", "nose"]) == (
        "I can't see your knees, feet and head."
    )


def test_corrections_name_the_side_being_stretched() -> None:
    knee_in = key_pose("knee-to-chest", "held", "right")
    loose = replace(knee_in, angles={**knee_in.angles, "right_hip": {"flexion": 80}})

    report = check_form("knee-to-chest", pose_points(loose), side="right")

    failed = next(r for r in report.rules if r.rule == "knee-drawn-in")
    assert failed.result == "too-low"
    assert failed.correction == "Draw your right knee a little closer to your chest."
    assert failed.check == "The right hip folds so the knee comes toward the chest."


def test_without_a_side_the_side_that_fits_is_reported() -> None:
    right = pose_points(key_pose("seated-back-twist", "held", "right"))

    report = check_form("seated-back-twist", right)

    assert (report.side, report.verdict) == ("right", "pass")


def test_a_twist_to_the_wrong_side_fails_the_turn_rule() -> None:
    left = pose_points(key_pose("spinal-torsion", "held", "left"))

    report = check_form("spinal-torsion", left, side="right")

    turn = next(r for r in report.rules if r.rule == "chest-turned")
    assert turn.result == "too-low" and turn.value is not None and turn.value < -25
    assert turn.correction is not None and "to the right" in turn.correction


def test_distances_are_in_leg_lengths_so_body_size_does_not_matter() -> None:
    held = pose_points(key_pose("childs-pose", "held"))
    taller = {name: (1.2 * x, 1.2 * y, 1.2 * z) for name, (x, y, z) in held.items()}

    values = [r.value for r in check_form("childs-pose", taller).rules]

    assert values == pytest.approx([r.value for r in check_form("childs-pose", held).rules])


def test_values_are_rounded_and_never_negative_zero() -> None:
    assert math.copysign(1.0, clean(-0.04, "curve")) == 1.0
    assert clean(-0.004, "distance") == 0.0 and clean(0.126, "distance") == 0.13
    assert clean(12.345, "angle") == 12.3


def test_unknown_pose_or_side_is_refused() -> None:
    points = pose_points(key_pose("hip-bridge", "held"))

    with pytest.raises(InvalidInputError, match="no form rules for 'top'"):
        check_form("hip-bridge", points, pose="top")
    with pytest.raises(InvalidInputError, match="both sides at once"):
        check_form("hip-bridge", points, side="left")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2, 3], "joints: expected a mapping"),
        ({"left_knee": [1, 2]}, "joints.left_knee: expected [x, y, z]"),
        ({"left_knee": [1, "2", 3]}, "joints.left_knee: expected [x, y, z]"),
        ({"nose": "1,2,3"}, "joints.nose: expected [x, y, z]"),
        ({"nose": [1, 2, 3, 1.5]}, "joints.nose: visibility must be between 0 and 1"),
    ],
)
def test_parse_landmarks_names_the_bad_landmark(data: object, message: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        parse_landmarks(data)

    assert raised.value.user_message.startswith(message)


def test_parse_landmarks_takes_lists_or_objects_and_ignores_other_names() -> None:
    parsed = parse_landmarks(
        {
            "nose": [0, 1.5, -0.25],
            "left_knee": {"x": 1, "y": 2, "z": 3, "visibility": 0.4},
            "sacrum": [0, 1, 0],
            "left_hip": [0, float("inf"), 0],
        }
    )

    assert parsed == {
        "nose": Landmark(0.0, 1.5, -0.25, 1.0),
        "left_knee": Landmark(1.0, 2.0, 3.0, 0.4),
    }


def test_report_has_a_stable_json_shape() -> None:
    report = check_form("hip-bridge", pose_points(key_pose("hip-bridge", "start")))

    shape = json.loads(json.dumps(report_to_dict(report)))

    assert list(shape) == [
        "exercise", "pose", "side", "verdict", "mirrored", "unseen", "correction", "rules",
    ]  # fmt: skip
    assert list(shape["rules"][0]) == [
        "rule", "check", "measure", "value", "unit", "at_least", "at_most", "result",
        "correction",
    ]  # fmt: skip
    assert shape["verdict"] == "fix" and shape["correction"].startswith("Lift your hips")


def _jitter(pose: Pose, rng: np.random.Generator, degrees: float) -> Pose:
    angles = {
        joint: {dof: value + rng.uniform(-degrees, degrees) for dof, value in dofs.items()}
        for joint, dofs in pose.angles.items()
    }
    root = replace(pose.root, pitch=pose.root.pitch + rng.uniform(-degrees, degrees))
    return Pose(angles, root)


def _camera(points: Points, rng: np.random.Generator, *, reflect: bool) -> Points:
    """Turn the body about the vertical, tilt it a little (a camera not level), move and scale."""
    yaw, tilt, heading = (
        rng.uniform(0, 2 * math.pi),
        math.radians(rng.uniform(0, 4)),
        rng.uniform(0, 2 * math.pi),
    )
    axis = np.array([math.cos(heading), 0.0, math.sin(heading)])
    turn = _rotation(np.array([0.0, 1.0, 0.0]), yaw) @ _rotation(axis, tilt)
    scale, shift = rng.uniform(0.8, 1.25), rng.uniform(-3, 3, size=3)
    moved: Points = {}
    for name, xyz in points.items():
        p = np.array(xyz) * (np.array([-1.0, 1.0, 1.0]) if reflect else 1.0)
        x, y, z = turn @ p * scale + shift
        moved[name] = (float(x), float(y), float(z))
    return swap_labels(moved) if reflect else moved


def _rotation(axis: np.ndarray, angle: float) -> np.ndarray:
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    rotation: np.ndarray = np.eye(3) + math.sin(angle) * k + (1 - math.cos(angle)) * k @ k
    return rotation


@pytest.mark.parametrize("seed", range(6))
def test_near_poses_seen_from_any_camera_keep_their_verdict(held: Held, seed: int) -> None:
    """Small pose changes, turns, moves, scales and mirror images never flip a verdict."""
    rng = np.random.default_rng([seed, EXERCISES.index(held.exercise)])
    near = pose_points(_jitter(key_pose(held.exercise, held.pose, held.side), rng, 2.0))
    other_side = {"left": "right", "right": "left", None: None}[held.side]

    for reflect, labels_swapped in ((False, False), (True, False), (False, True)):
        body = _camera(near, rng, reflect=reflect)
        body = swap_labels(body) if labels_swapped else body

        verdicts = {e: check_form(e, body) for e in EXERCISES}

        own = verdicts[held.exercise]
        assert (own.verdict, own.pose) == ("pass", held.pose), own.rules
        # A true mirror image is the same stretch to the other side; swapped labels are undone.
        assert own.side == (other_side if reflect else held.side)
        assert own.mirrored == labels_swapped
        assert [e for e, r in verdicts.items() if r.verdict == "pass"] == [held.exercise]


def test_landmarks_all_in_one_place_are_not_seen_and_never_pass() -> None:
    heap = {name: [0.5, 0.5, 0.5] for name in pose_points(key_pose("hip-bridge", "held"))}

    report = check_form("hip-bridge", parse_landmarks(heap))

    assert report.verdict == "unseen"
    assert {r.result for r in report.rules} == {"unseen"}
    assert report.correction == "I can't see your hips, shoulders, knees and ankles."
