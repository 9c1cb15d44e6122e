import itertools

import numpy as np
import pytest

from spinecoach.catalog.loader import load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.errors import InvalidInputError
from spinecoach.figures.animation import blend, ease, pose_at, pose_for_cue
from spinecoach.figures.library import key_pose, pose_file
from spinecoach.figures.skeleton import SURFACE_RADIUS, Pose, pose_points
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
            pose = blend(
                key_pose(exercise_id, a.name, side), key_pose(exercise_id, b.name, side), fraction
            )
            points = pose_points(pose)
            for name in both:
                lift = points[name][1] - SURFACE_RADIUS[name]
                # A little lift is allowed: the crossing foot of the floor twist rises as it
                # moves over; nothing that supports the body should float off the floor.
                assert lift < 0.05, f"{a.name}->{b.name} at {fraction}: {name}"
