import json
from dataclasses import replace

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

from spinecoach.errors import InvalidInputError
from spinecoach.figures.animation import start_pose_name
from spinecoach.figures.form import check_form, parse_joints, results_to_dict
from spinecoach.figures.library import key_pose, pose_files
from spinecoach.figures.skeleton import pose_points
from tests.figures.conftest import HELD, Held

EXERCISES = list(pose_files())


def verdict(exercise_id: str, points: dict[str, tuple[float, float, float]]) -> bool:
    return all(result.passed for result in check_form(exercise_id, points))


def test_every_held_pose_satisfies_its_own_rules(held: Held) -> None:
    results = check_form(held.exercise, held.points, side=held.side, pose=held.pose)

    failing = [(r.rule, r.value) for r in results if not r.passed]
    assert failing == []


def test_every_held_pose_fails_every_other_exercise(held: Held) -> None:
    others = [e for e in EXERCISES if e != held.exercise]

    passing = [exercise_id for exercise_id in others if verdict(exercise_id, held.points)]

    assert passing == []


def test_the_rules_alone_tell_the_held_poses_apart() -> None:
    recognised = {held.label: [e for e in EXERCISES if verdict(e, held.points)] for held in HELD}

    assert recognised == {held.label: [held.exercise] for held in HELD}


def test_cat_and_cow_have_opposite_spine_curves() -> None:
    cat = pose_points(key_pose("cat-cow", "cat"))
    cow = pose_points(key_pose("cat-cow", "cow"))

    cat_on_cow_rules = check_form("cat-cow", cat, pose="cow")
    cow_on_cat_rules = check_form("cat-cow", cow, pose="cat")
    cat_curve = next(r for r in check_form("cat-cow", cat, pose="cat") if r.rule == "back-rounded")
    cow_curve = next(r for r in check_form("cat-cow", cow, pose="cow") if r.rule == "back-dipped")

    assert cat_curve.value > 0 > cow_curve.value
    assert not next(r for r in cat_on_cow_rules if r.rule == "back-dipped").passed
    assert not next(r for r in cow_on_cat_rules if r.rule == "back-rounded").passed


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_start_position_does_not_pass_for_the_stretch(exercise_id: str) -> None:
    start = pose_points(key_pose(exercise_id, start_pose_name(exercise_id)))

    assert not verdict(exercise_id, start)


def test_verdicts_do_not_depend_on_where_the_body_is_or_faces(held: Held) -> None:
    rng = np.random.default_rng(20261124)
    names = list(held.points)
    original = np.array([held.points[n] for n in names])
    expected = [(r.rule, r.passed, r.value) for e in EXERCISES for r in check_form(e, held.points)]

    for _ in range(5):
        turn = Rotation.random(rng=rng)
        shift = rng.uniform(-3.0, 3.0, size=3)
        moved = turn.apply(original) + shift
        points = {n: tuple(float(v) for v in p) for n, p in zip(names, moved, strict=True)}

        actual = [(r.rule, r.passed, r.value) for e in EXERCISES for r in check_form(e, points)]

        assert [(rule, ok) for rule, ok, _ in actual] == [(rule, ok) for rule, ok, _ in expected]
        assert [v for _, _, v in actual] == pytest.approx([v for _, _, v in expected], abs=0.05)


def test_distances_are_measured_in_leg_lengths_so_body_size_does_not_matter() -> None:
    held = pose_points(key_pose("childs-pose", "held"))
    taller = {name: tuple(1.2 * v for v in point) for name, point in held.items()}

    results = check_form("childs-pose", taller)

    assert [r.value for r in results] == pytest.approx(
        [r.value for r in check_form("childs-pose", held)], abs=0.01
    )


def test_a_low_bridge_gets_told_to_lift_the_hips() -> None:
    lying = pose_points(key_pose("hip-bridge", "start"))

    results = check_form("hip-bridge", lying)

    (failed,) = [r for r in results if not r.passed]
    assert failed.rule == "hips-in-line"
    assert failed.value < 165
    assert failed.correction.startswith("Lift your hips a little higher")


def test_corrections_name_the_side_being_stretched() -> None:
    knee_in = key_pose("knee-to-chest", "held", "right")
    loose = replace(knee_in, angles={**knee_in.angles, "right_hip": {"flexion": 80}})

    results = check_form("knee-to-chest", pose_points(loose), side="right")

    failed = next(r for r in results if r.rule == "knee-drawn-in")
    assert not failed.passed
    assert failed.correction == "Draw your right knee a little closer to your chest."
    assert failed.check == "The right hip folds so the knee comes toward the chest."


def test_without_a_side_the_side_that_fits_is_reported() -> None:
    right = pose_points(key_pose("seated-back-twist", "held", "right"))

    results = check_form("seated-back-twist", right)

    assert {r.side for r in results} == {"right"}
    assert all(r.passed for r in results)


def test_a_twist_to_the_wrong_side_fails_the_turn_rule() -> None:
    left = pose_points(key_pose("spinal-torsion", "held", "left"))

    results = check_form("spinal-torsion", left, side="right")

    turn = next(r for r in results if r.rule == "chest-turned")
    assert not turn.passed
    assert turn.value < -25
    assert "to the right" in turn.correction


def test_a_missing_joint_is_named() -> None:
    points = dict(pose_points(key_pose("hip-bridge", "held")))
    del points["left_knee"]

    with pytest.raises(InvalidInputError, match="missing 'left_knee'"):
        check_form("hip-bridge", points)


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
        ({"left_knee": [1, 2]}, "joints.left_knee: expected three finite numbers"),
        ({"left_knee": [1, "2", 3]}, "joints.left_knee: expected three finite numbers"),
        ({"nose": [1, float("nan"), 3]}, "joints.nose: expected three finite numbers"),
        ({"nose": "1,2,3"}, "joints.nose: expected three finite numbers"),
    ],
)
def test_parse_joints_names_the_bad_joint(data: object, message: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        parse_joints(data)

    assert raised.value.user_message.startswith(message)


def test_parse_joints_accepts_json_shaped_points() -> None:
    assert parse_joints({"nose": [0, 1.5, -0.25]}) == {"nose": (0.0, 1.5, -0.25)}


def test_results_have_a_json_shape_with_an_overall_verdict() -> None:
    results = check_form("hip-bridge", pose_points(key_pose("hip-bridge", "start")))

    shape = results_to_dict(results)

    assert shape["passed"] is False
    assert json.loads(json.dumps(shape))["rules"][0]["rule"] == "hips-in-line"
