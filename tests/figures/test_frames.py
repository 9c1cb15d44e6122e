"""Compact figure data rebuilds the animated SVG's outlines, and stays small."""

import gzip
import re

import pytest

from spinecoach.figures.frame_outlines import outlines_at
from spinecoach.figures.frames import FigureFrames, figure_frames
from spinecoach.figures.library import pose_files
from spinecoach.figures.motion import SAMPLE_SECONDS, animation_svg
from tests.figures.conftest import sides_of
from tests.figures.svg_reading import SVG, parse

FIGURES = [(e, side) for e in sorted(pose_files()) for side in sides_of(e)]
NUMBER = re.compile(r"-?\d+\.\d")
# A session's phases as the player asks for them: a short start, then one repetition.
PLAYER_PHASES = [("prepare", 0.5), ("inhale", 4.0), ("hold", 1.0), ("exhale", 4.0)]


def smil_tracks(svg: str) -> tuple[list[list[str]], list[str], list[str]]:
    """Return each stroke's path per frame, the face's path and its opacity per frame."""
    root = parse(svg)
    strokes, face, shown = [], [], []
    for path in root.iter(f"{SVG}path"):
        ident = path.attrib.get("id", "")
        animations = {a.attrib["attributeName"]: a for a in path.iter(f"{SVG}animate")}
        if re.search(r"-s\d+$", ident):
            strokes.append(animations["d"].attrib["values"].split(";"))
        elif ident.endswith("-face"):
            face = animations["d"].attrib["values"].split(";")
            shown = animations["opacity"].attrib["values"].split(";")
    return strokes, face, shown


def assert_close(drawn: str, expected: str, within: float) -> None:
    """Assert two path strings have the same commands and numbers no further apart than that."""
    assert NUMBER.sub("#", drawn) == NUMBER.sub("#", expected)
    pairs = zip(NUMBER.findall(drawn), NUMBER.findall(expected), strict=True)
    assert max(abs(float(a) - float(b)) for a, b in pairs) <= within + 1e-9


@pytest.mark.parametrize(("exercise_id", "side"), FIGURES)
def test_at_every_sample_the_outlines_are_those_of_the_animated_svg(
    exercise_id: str, side: str | None
) -> None:
    data = figure_frames(exercise_id, side, every=SAMPLE_SECONDS)  # the SVG's own samples
    strokes, face, shown = smil_tracks(animation_svg(exercise_id, side))

    drawings = [outlines_at(data, seconds) for seconds in data.times]

    assert len(drawings) == len(face)
    for frame, drawing in enumerate(drawings):
        # Joints are stored in tenths: an outline built from a point moved by up to 0.05 cm,
        # written in tenths, may differ by 0.2 cm; the trunk is stored in hundredths.
        for index, path in enumerate(drawing.paths):
            assert_close(path, strokes[index][frame], within=0.2)
        assert_close(drawing.face, face[frame], within=0.1)
        assert drawing.face_shown == (shown[frame] == "1")


def test_between_samples_each_point_moves_in_a_straight_line() -> None:
    data = figure_frames("cat-cow")
    first, second = data.times[1], data.times[2]

    before, middle, after = (
        outlines_at(data, t).face for t in (first, (first + second) / 2, second)
    )

    (x0, y0), (x1, y1), (x2, y2) = (
        tuple(float(n) for n in NUMBER.findall(path)[:2]) for path in (before, middle, after)
    )
    assert (x0, y0) != (x2, y2)
    assert abs(x1 - (x0 + x2) / 2) <= 0.1 and abs(y1 - (y0 + y2) / 2) <= 0.1


def farthest(drawn: FigureFrames, truth: FigureFrames, after: float) -> float:
    """Return how far (cm) the drawing strays from a finely sampled one, from `after` on."""
    worst = 0.0
    for t in (t for t in truth.times if t >= after):
        pairs = zip(outlines_at(drawn, t).paths, outlines_at(truth, t).paths, strict=True)
        for mine, true in pairs:
            numbers = zip(NUMBER.findall(mine), NUMBER.findall(true), strict=True)
            worst = max(worst, *(abs(float(a) - float(b)) for a, b in numbers))
    return worst


@pytest.mark.parametrize("exercise_id", sorted(pose_files()))
def test_the_players_half_second_samples_stray_little_more_than_the_svgs(
    exercise_id: str,
) -> None:
    phases = [("prepare", 0.5), ("inhale", 4.0), ("exhale", 4.0)]
    truth = figure_frames(exercise_id, phases=phases, every=0.1)

    player = farthest(figure_frames(exercise_id, phases=phases), truth, after=1.0)
    svg = farthest(figure_frames(exercise_id, phases=phases, every=SAMPLE_SECONDS), truth, 1.0)

    assert player <= svg + 0.6, f"{player} cm against the SVG's {svg} cm"


def test_before_the_start_and_after_the_end_the_figure_keeps_its_first_and_last_pose() -> None:
    data = figure_frames("hip-bridge", phases=[("prepare", 0.5), ("exhale", 3.0)])

    assert outlines_at(data, -5.0) == outlines_at(data, 0.0)
    assert outlines_at(data, 1000.0) == outlines_at(data, data.times[-1])
    assert outlines_at(data, 0.0) != outlines_at(data, data.times[len(data.times) // 2])


def test_a_hold_is_stored_as_rows_of_zeros() -> None:
    data = figure_frames("knee-to-chest", "left", [*PLAYER_PHASES[:2], ("hold", 30.0)])

    # The first row of the hold stops the movement; the body then stays where it is.
    held = [row for t, row in zip(data.times, data.rows, strict=True) if t > 4.5][1:]

    assert held and all(value == 0 for row in held for value in row)
    assert any(value != 0 for row in data.rows[1:] for value in row)


def test_the_paint_order_changes_in_spans_that_cover_the_whole_motion() -> None:
    data = figure_frames("seated-back-twist")

    starts = [span.start for span in data.spans]

    assert starts[0] == 0.0 and starts == sorted(starts) and starts[-1] <= data.times[-1]
    for span in data.spans:
        filled = [stroke for layer, stroke in span.draw if layer == "fill"]
        assert sorted(filled) == list(range(len(data.strokes)))
        assert [layer for layer, _ in span.draw].count("face") == 1


@pytest.mark.parametrize(("exercise_id", "side"), FIGURES)
def test_a_figure_for_the_player_is_a_few_kilobytes_gzip(
    exercise_id: str, side: str | None
) -> None:
    data = figure_frames(exercise_id, side)
    sent = FigureFrames.model_validate_json(data.model_dump_json()).model_dump_json()

    size = len(gzip.compress(sent.encode()))

    assert size <= 5 * 1024, f"{exercise_id} {side}: {size} bytes gzip"
