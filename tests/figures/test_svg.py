import math
import os
import re
from pathlib import Path

import pytest
from scipy.spatial.transform import Rotation

from spinecoach.catalog.loader import load_catalog
from spinecoach.figures.animation import start_pose_name
from spinecoach.figures.drawings import figure_svg, scene
from spinecoach.figures.library import held_pose_names, key_pose, pose_file
from spinecoach.figures.motion import animation_svg, preview_phases
from spinecoach.figures.occlusion import STROKES, Projected, outlined, paint_order
from spinecoach.figures.skeleton import pose_points
from spinecoach.figures.svg import BACKGROUND, COLOURS, project
from tests.figures.svg_reading import SVG, drawn_points, parse, view_box

EXERCISES = list(load_catalog().exercises)
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("SPINECOACH_UPDATE_SNAPSHOTS") == "1"
HELD = [(e, pose) for e in EXERCISES for pose in held_pose_names(e)]


@pytest.mark.parametrize(("exercise_id", "pose"), HELD, ids=[f"{e}-{p}" for e, p in HELD])
def test_held_pose_figure_matches_its_snapshot(exercise_id: str, pose: str) -> None:
    """Compare with tests/figures/snapshots; see the README there to update them."""
    snapshot = SNAPSHOTS / f"{exercise_id}-{pose}.svg"

    drawn = figure_svg(exercise_id, pose)

    if UPDATE:
        snapshot.write_text(drawn, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}; run with SPINECOACH_UPDATE_SNAPSHOTS=1"
    assert drawn == snapshot.read_text(encoding="utf-8")


def _figures() -> list[tuple[str, str]]:
    out = []
    for exercise_id in EXERCISES:
        sides = ["left", "right"] if pose_file(exercise_id).drawn_side else [None]
        for side in sides:
            for pose in pose_file(exercise_id).poses:
                out.append(
                    (f"{exercise_id}-{pose.name}-{side}", figure_svg(exercise_id, pose.name, side))
                )
            out.append((f"{exercise_id}-moving-{side}", animation_svg(exercise_id, side)))
    return out


FIGURES = _figures()


@pytest.mark.parametrize(("label", "text"), FIGURES, ids=[label for label, _ in FIGURES])
def test_every_drawn_point_lies_inside_the_view_box(label: str, text: str) -> None:
    root = parse(text)
    box = view_box(root)

    outside = [(x, y) for x, y, reach in drawn_points(root) if not box.holds(x, y, reach)]

    assert outside == []


@pytest.mark.parametrize(("label", "text"), FIGURES, ids=[label for label, _ in FIGURES])
def test_figures_are_accessible_scalable_and_self_contained(label: str, text: str) -> None:
    root = parse(text)

    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and "arm and leg, nearer to you, are drawn in dark blue" in (
        desc.text or ""
    )
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == f"{title.attrib['id']} {desc.attrib['id']}"
    assert "width" not in root.attrib and "height" not in root.attrib
    assert "<script" not in text and "javascript:" not in text
    assert all(ref.startswith("#") for ref in re.findall(r'href="([^"]*)"', text))
    assert "url(" not in text and "http://" not in text.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_animation_loops_one_repetition_in_step_with_its_phases(exercise_id: str) -> None:
    phases = preview_phases(exercise_id)
    total = sum(seconds for _, seconds in phases)

    root = parse(animation_svg(exercise_id))

    animations = list(root.iter(f"{SVG}animate"))
    assert animations
    for animate in animations:
        assert animate.attrib["dur"] == f"{total:.1f}s"
        assert animate.attrib["repeatCount"] == "indefinite"
        keys = [float(k) for k in animate.attrib["keyTimes"].split(";")]
        assert keys[0] == 0.0 and keys[-1] <= 1.0
        assert keys == sorted(keys)
        assert len(keys) == len(animate.attrib["values"].split(";"))


def test_animation_follows_given_timeline_durations() -> None:
    phases = [("inhale", 5.0), ("hold", 30.0), ("exhale", 5.0)]

    root = parse(animation_svg("knee-to-chest", "right", phases))

    assert {a.attrib["dur"] for a in root.iter(f"{SVG}animate")} == {"40.0s"}


def _contrast(colour: str, background: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_body_colours_contrast_with_the_background_and_tell_near_from_far() -> None:
    for colour in COLOURS.values():
        assert _contrast(colour, BACKGROUND) >= 3.0  # WCAG 2.1 non-text contrast
    assert _contrast(COLOURS["near"], COLOURS["far"]) >= 3.0
    assert _contrast(COLOURS["centre"], COLOURS["far"]) >= 2.0


def test_the_nearer_leg_is_painted_over_the_farther_one() -> None:
    camera = scene("knee-to-chest", "left").camera
    projected = project(pose_points(key_pose("knee-to-chest", "held", "left")), camera)

    order = [STROKES[i].part.name for i in paint_order(projected)]

    # Seen from the person's left, the left leg is nearer.
    assert order.index("left_leg") > order.index("right_leg")
    assert order.index("left_arm") > order.index("trunk") > order.index("right_arm")


def _screen_direction(projected: Projected, a: str, b: str) -> float:
    (ax, ay, _), (bx, by, _) = projected[a], projected[b]
    return math.degrees(math.atan2(by - ay, bx - ax))


def _drawn_turn(exercise_id: str, pose: str, side: str) -> float:
    """Return the angle on screen between the drawn shoulder line and hip line."""
    points = pose_points(key_pose(exercise_id, pose, side))
    projected = project(points, scene(exercise_id, side).camera)
    shoulders = _screen_direction(projected, "right_shoulder", "left_shoulder")
    return abs(shoulders - _screen_direction(projected, "right_hip", "left_hip"))


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("exercise_id", ["seated-back-twist", "spinal-torsion"])
def test_twist_figures_show_the_shoulders_turned_against_the_hips(
    exercise_id: str, side: str
) -> None:
    """A twist must read as a twist in the drawing itself, not only in 3-D, to either side."""
    start = _drawn_turn(exercise_id, start_pose_name(exercise_id), side)
    held = _drawn_turn(exercise_id, "held", side)

    assert start < 5.0
    assert held >= 12.0


def test_view_rotation_keeps_up_on_screen_up_for_side_views() -> None:
    camera: Rotation = scene("hip-bridge").camera
    projected = project({"floor": (0.0, 0.0, 0.0), "above": (0.0, 1.0, 0.0)}, camera)

    assert projected["above"][1] < projected["floor"][1]  # SVG y grows downward


def test_a_part_continued_after_another_gets_no_white_ring_where_it_joins() -> None:
    names = [(s.part.name, s.points) for s in STROKES]
    torso = names.index(("trunk", ("pelvis", "sacrum", "mid_spine", "neck_base")))
    neck = names.index(("trunk", ("neck_base", "skull_base")))
    arm = names.index(("left_arm", ("left_shoulder", "left_elbow", "left_wrist")))

    with_outline = outlined([torso, arm, neck])

    assert with_outline == {torso, arm}
