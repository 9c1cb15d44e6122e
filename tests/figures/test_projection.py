from spinecoach.figures.drawings import scene
from spinecoach.figures.library import key_pose
from spinecoach.figures.projection import drawing_for_cue, drawing_of_key_pose
from spinecoach.figures.skeleton import pose_points
from spinecoach.figures.svg import project


def test_a_key_pose_drawing_gives_screen_points_segments_and_outlines_inside_its_box() -> None:
    drawing = drawing_of_key_pose("hip-bridge", "held")

    box = drawing.box
    expected = project(pose_points(key_pose("hip-bridge", "held")), scene("hip-bridge").camera)
    assert drawing.points == expected
    assert {s.role for s in drawing.segments} == {"near", "far", "centre"}
    for outline in drawing.outlines:
        for polygon in outline.polygons:
            for x, y in polygon:
                assert box.x <= x <= box.x + box.width and box.y <= y <= box.y + box.height
    names = {(s.start, s.end) for s in drawing.segments}
    assert ("left_hip", "left_knee") in names and ("left_knee", "left_ankle") in names


def test_drawings_are_in_painting_order_with_the_near_leg_over_the_far_one() -> None:
    drawing = drawing_of_key_pose("knee-to-chest", "held", "left")

    parts = [outline.part for outline in drawing.outlines]

    assert drawing.near == "left"
    assert parts.index("left_leg") > parts.index("right_leg")


def test_a_cue_drawing_moves_with_the_fraction_and_keeps_one_box() -> None:
    start = drawing_for_cue("cat-cow", "inhale", 0.0)
    end = drawing_for_cue("cat-cow", "inhale", 1.0)

    assert start.box == end.box
    assert start.points["nose"][1] != end.points["nose"][1]
    assert end.points == drawing_of_key_pose("cat-cow", "cow").points


def test_the_other_side_is_drawn_as_a_horizontal_flip() -> None:
    left = drawing_of_key_pose("seated-back-twist", "held", "left")
    right = drawing_of_key_pose("seated-back-twist", "held", "right")

    for name, (x, y, depth) in left.points.items():
        twin = name.replace("left", "@").replace("right", "left").replace("@", "right")
        rx, ry, rdepth = right.points[twin]
        assert abs(rx + x) < 1e-6 and abs(ry - y) < 1e-6 and abs(rdepth - depth) < 1e-6, name
