"""The terminal figure: the current pose in braille, drawn from the figures' projection."""

import pytest

from spinecoach.cli.player_countdown import FONT_ROWS, big_rows, largest_scale
from spinecoach.cli.player_figure import (
    BRAILLE_BLANK,
    FRACTION_STEPS,
    FigureKey,
    figure_caption,
    figure_key,
    figure_text,
)
from spinecoach.figures.drawings import view_words
from spinecoach.timeline import CueKind, compile_timeline
from tests.cli.player_demo import short_routine

CUES = compile_timeline(short_routine(2))


def dots(text: str) -> int:
    """Return how many braille dots are raised in the text."""
    return sum(bin(ord(c) - BRAILLE_BLANK).count("1") for c in text if ord(c) > BRAILLE_BLANK)


@pytest.mark.parametrize("size", [(30, 9), (46, 14)])
def test_figure_fits_its_box_in_braille_characters(size: tuple[int, int]) -> None:
    width, height = size

    lines = figure_text(FigureKey("hip-bridge", CueKind.HOLD, None, 1, 0), width, height).plain

    rows = lines.split("\n")
    assert len(rows) == height and all(len(row) == width for row in rows)
    assert set(lines) <= {" ", "\n"} | {chr(BRAILLE_BLANK + n) for n in range(256)}
    assert dots(lines) > width  # a body, not a speck


def test_figure_follows_the_timeline_from_start_position_to_knee_drawn_in() -> None:
    inhale = next(cue for cue in CUES if cue.kind is CueKind.INHALE)
    start, end = figure_key(inhale, 0.0, None), figure_key(inhale, inhale.duration, None)
    assert start is not None and end is not None

    drawn = [figure_text(key, 40, 12).plain for key in (start, end)]

    assert (start.step, end.step) == (0, FRACTION_STEPS)
    assert drawn[0] != drawn[1]


def test_figure_during_a_rest_shows_the_next_exercise_and_nothing_at_the_end() -> None:
    rest = next(cue for cue in CUES if cue.kind is CueKind.REST)

    assert figure_key(rest, 1.0, "cat-cow") == FigureKey("cat-cow", CueKind.PREPARE, None, 1, 0)
    assert figure_key(CUES[-1], 1.0, None) is None


def test_left_and_right_sides_are_drawn_as_mirror_poses() -> None:
    left = figure_text(FigureKey("knee-to-chest", CueKind.HOLD, "left", 1, 12), 40, 12).plain
    right = figure_text(FigureKey("knee-to-chest", CueKind.HOLD, "right", 1, 12), 40, 12).plain

    assert left != right


def test_countdown_digits_are_more_than_three_rows_tall_and_grow_with_room() -> None:
    small = big_rows("15", largest_scale("15", 28, 7))
    large = big_rows("15", largest_scale("15", 60, 20))

    assert len(small) == FONT_ROWS > 3
    assert len(large) > len(small)
    assert max(len(row) for row in large) <= 60


def test_countdown_shows_minutes_and_seconds_with_a_colon() -> None:
    rows = big_rows("1:05", 1)

    assert len(rows) == FONT_ROWS
    assert max(len(row) for row in rows) == 2 * (3 + 1 + 3 + 3 + 3)


def test_countdown_keeps_its_size_from_ten_down_to_nine() -> None:
    assert largest_scale("9", 40, 20) == largest_scale("10", 40, 20)


def test_caption_names_the_view_and_the_colours_only_when_they_fit() -> None:
    seen = view_words("spinal-torsion")

    assert figure_caption("hip-bridge", 40).endswith("Darker blue: your left.")
    assert figure_caption("spinal-torsion", len(seen) // 2) == seen
