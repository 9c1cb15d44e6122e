import itertools

import numpy as np
import pytest

from spinecoach.catalog.loader import load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.errors import InvalidInputError
from spinecoach.figures.animation import (
    between,
    blend,
    ease,
    pose_at,
    pose_for_cue,
    start_pose_name,
)
from spinecoach.figures.library import key_pose, pose_file
from spinecoach.figures.motion import preview_phases
from spinecoach.figures.skeleton import SURFACE_RADIUS, Pose, Vector, pose_points
from spinecoach.timeline import CueKind, compile_timeline

EXERCISES = list(load_catalog().exercises)


def gap(a: Pose, b: Pose) -> float:
    """Return the largest distance, in metres, between the same point in two poses."""
    pa, pb = pose_points(a), pose_points(b)
    return max(float(np.linalg.norm(np.array(pa[n]) - np.array(pb[n]))) for n in pa)


def test_a_cue_moves_from_the_previous_key_pose_to_its_own() -> None:
    start = key_pose("knee-to-chest", "start", "left")
    knee_in = key_pose("knee-to-chest", "knee-in", "left")

    assert gap(pose_for_cue("knee-to-chest", "inhale", 0.0, side="left"), start) < 1e-9
    assert gap(pose_for_cue("knee-to-chest", "inhale", 1.0, side="left"), knee_in) < 1e-9
    middle = pose_for_cue("knee-to-chest", "inhale", 0.5, side="left")
    assert gap(middle, start) > 0.1
    assert gap(middle, knee_in) > 0.1


def test_hold_keeps_the_held_pose_throughout() -> None:
    held = key_pose("hip-bridge", "held")

    for fraction in (0.0, 0.3, 1.0):
        assert gap(pose_for_cue("hip-bridge", "hold", fraction), held) < 1e-9


def test_cat_cow_starts_from_the_table_then_flows_from_cat() -> None:
    table = key_pose("cat-cow", "table")
    cat = key_pose("cat-cow", "cat")

    first = pose_for_cue("cat-cow", "inhale", 0.0, repetition=1)
    later = pose_for_cue("cat-cow", "inhale", 0.0, repetition=2)

    assert gap(first, table) < 1e-9
    assert gap(later, cat) < 1e-9


@pytest.mark.parametrize("kind", ["prepare", "instruction", "rest", "switch_side", "finish"])
def test_cues_without_movement_show_the_start_position(kind: str) -> None:
    start = key_pose("childs-pose", "table")

    assert gap(pose_for_cue("childs-pose", kind, 0.7), start) < 1e-9


def test_pose_at_follows_the_phase_durations() -> None:
    phases = [("inhale", 4.0), ("hold", 20.0), ("exhale", 4.0)]

    halfway_in = pose_at("knee-to-chest", 2.0, phases, side="right")
    holding = pose_at("knee-to-chest", 15.0, phases, side="right")
    after = pose_at("knee-to-chest", 40.0, phases, side="right")

    assert gap(halfway_in, pose_for_cue("knee-to-chest", "inhale", 0.5, side="right")) < 1e-9
    assert gap(holding, key_pose("knee-to-chest", "held", "right")) < 1e-9
    assert gap(after, key_pose("knee-to-chest", "start", "right")) < 1e-9


def test_easing_starts_and_ends_gently() -> None:
    assert ease(0.0) == 0.0
    assert ease(1.0) == 1.0
    assert ease(0.5) == pytest.approx(0.5)
    assert ease(0.05) < 0.05 < 0.95 < ease(0.95)


def test_blend_interpolates_root_and_angles() -> None:
    lying = key_pose("hip-bridge", "start")
    up = key_pose("hip-bridge", "held")

    middle = blend(lying, up, 0.5)

    assert middle.root.pitch == pytest.approx((lying.root.pitch + up.root.pitch) / 2)
    assert middle.angles["neck"]["flexion"] == pytest.approx(12.0)


def test_unknown_cue_kind_or_phase_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="cue kind must be one of"):
        pose_for_cue("cat-cow", "jump", 0.5)
    with pytest.raises(InvalidInputError, match="cat-cow has no hold phase"):
        pose_for_cue("cat-cow", "hold", 0.5)
    with pytest.raises(InvalidInputError, match="must not be negative"):
        pose_at("cat-cow", 1.0, [("inhale", -1.0)])


def test_the_body_never_jumps_between_cues_of_a_compiled_timeline() -> None:
    catalog = load_catalog()
    items = tuple(
        PlannedExercise(e, catalog.position(e.position), 2, 10 if e.dose.hold_seconds else 0)
        for e in catalog.exercises.values()
    )
    cues = compile_timeline(Routine("all", "All six", items))
    playing = [cue for cue in cues if cue.exercise is not None]

    for before, after in itertools.pairwise(playing):
        if before.exercise != after.exercise or after.kind is CueKind.SWITCH_SIDE:
            continue
        assert before.exercise is not None
        side = before.side.value if before.side else None
        end = pose_for_cue(
            before.exercise, before.kind, 1.0, side=side, repetition=before.repetition or 1
        )
        side = after.side.value if after.side else None
        begin = pose_for_cue(
            after.exercise, after.kind, 0.0, side=side, repetition=after.repetition or 1
        )
        assert gap(end, begin) < 1e-9, f"{before.exercise}: {before.kind} -> {after.kind}"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_supporting_points_stay_near_the_floor_while_moving(exercise_id: str) -> None:
    poses = pose_file(exercise_id)
    sides = ["left"] if poses.drawn_side else [None]
    for side, (a, b) in itertools.product(sides, itertools.pairwise(poses.poses)):
        both = set(a.supports) & set(b.supports)
        for fraction in (0.25, 0.5, 0.75):
            points = pose_points(between(exercise_id, a.name, b.name, fraction, side))
            for name in both:
                lift = points[name][1] - SURFACE_RADIUS[name]
                # Contacts are solved for, so nothing that supports the body floats off.
                assert lift < 0.04, f"{a.name}->{b.name} at {fraction}: {name}"


def _points_during(exercise_id: str, kind: str, side: str | None = None) -> list[dict[str, Vector]]:
    return [
        pose_points(pose_for_cue(exercise_id, kind, fraction, side=side))
        for fraction in (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0)
    ]


def _travel(frames: list[dict[str, Vector]], name: str) -> float:
    first = np.array(frames[0][name])
    return max(float(np.linalg.norm(np.array(frame[name]) - first)) for frame in frames)


def test_childs_pose_sits_back_with_knees_and_hands_kept_in_place() -> None:
    frames = _points_during("childs-pose", "exhale")

    hips_back = frames[0]["pelvis"][0] - frames[-1]["pelvis"][0]

    assert abs(hips_back) > 0.2  # the hips travel back toward the heels
    for name in ("left_knee", "right_knee", "left_foot_index", "right_foot_index"):
        assert _travel(frames, name) < 0.03, name
    for name in ("left_index", "right_index"):
        assert _travel(frames, name) < 0.04, name


def test_cat_cow_keeps_knees_and_hands_on_their_spots() -> None:
    for kind in ("inhale", "exhale"):
        frames = [
            pose_points(pose_for_cue("cat-cow", kind, f, repetition=2)) for f in (0, 0.3, 0.6, 1)
        ]
        for name in ("left_knee", "right_knee", "left_index", "right_index"):
            assert _travel(frames, name) < 0.04, (kind, name)


@pytest.mark.parametrize("side", ["left", "right"])
def test_knee_to_chest_hands_hold_the_knee_while_it_comes_in(side: str) -> None:
    frames = [
        pose_points(pose_for_cue("knee-to-chest", kind, f, side=side))
        for kind, f in (("inhale", 0.75), ("inhale", 0.9), ("hold", 0.5), ("exhale", 0.25))
    ]

    for frame in frames:
        for hand in ("left_wrist", "right_wrist"):
            gap = np.linalg.norm(np.array(frame[hand]) - np.array(frame[f"{side}_knee"]))
            # The pose file asks for 0.15 m; a straight arm may trail the knee by 2 cm more.
            assert gap < 0.17, (hand, gap)


def test_the_floor_twist_keeps_the_leg_crossed_through_the_whole_loop() -> None:
    phases = preview_phases("spinal-torsion")
    total = sum(seconds for _, seconds in phases)

    for step in range(40):
        pose = pose_at("spinal-torsion", total * step / 40, phases, side="left")
        assert pose.angles["left_knee"]["flexion"] > 90, step
        assert pose.angles["left_hip"]["flexion"] > 120, step


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_preview_loop_starts_and_ends_in_the_start_position(exercise_id: str) -> None:
    phases = preview_phases(exercise_id)
    total = sum(seconds for _, seconds in phases)
    start = key_pose(exercise_id, start_pose_name(exercise_id))

    first = pose_at(exercise_id, 0.0, phases, start=start_pose_name(exercise_id))
    last = pose_at(exercise_id, total, phases, start=start_pose_name(exercise_id))

    assert phases[0][0] == "prepare"
    assert gap(first, start) < 1e-9
    assert gap(last, start) < 1e-9
