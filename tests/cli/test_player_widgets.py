import pytest

from spinecoach.catalog.vocabulary import Side
from spinecoach.cli.player_widgets import (
    breath_at,
    circle_rows,
    countdown_digits,
    format_clock,
    pacer_label,
    pacer_size,
    where_text,
)
from spinecoach.timeline import Breath, Cue, CueKind
from tests.cli.player_demo import short_routine

HOLD = Cue(
    at=10,
    duration=10,
    kind=CueKind.HOLD,
    text="Hold gently.",
    exercise="knee-to-chest",
    side=Side.LEFT,
    repetition=2,
    breaths=(Breath(0, 4, CueKind.INHALE), Breath(4, 6, CueKind.EXHALE)),
)


def filled(rows: list[str]) -> int:
    return sum(len(row) - row.count(" ") for row in rows)


def test_inside_a_hold_the_pacer_follows_the_breath_segments() -> None:
    assert breath_at(HOLD, 1.0) == (CueKind.INHALE, 0.25)
    assert breath_at(HOLD, 7.0) == (CueKind.EXHALE, 0.5)
    assert breath_at(HOLD, 10.0) == (CueKind.EXHALE, 1.0)


def test_inhale_and_exhale_cues_use_their_own_kind() -> None:
    inhale = Cue(0, 4, CueKind.INHALE, "Breathe in.")
    exhale = Cue(4, 4, CueKind.EXHALE, "Breathe out.")

    assert breath_at(inhale, 1.0) == (CueKind.INHALE, 0.25)
    assert breath_at(exhale, 3.0) == (CueKind.EXHALE, 0.75)
    assert pacer_label(breath_at(inhale, 1.0)) == "Breathe in"
    assert pacer_label(breath_at(exhale, 1.0)) == "Breathe out"


def test_cues_without_breathing_show_easy_breathing() -> None:
    rest = Cue(0, 10, CueKind.REST, "Rest.")

    assert breath_at(rest, 3.0) is None
    assert pacer_label(None) == "Breathe easily"


def test_the_pacer_grows_while_breathing_in_and_shrinks_while_breathing_out() -> None:
    growing = [pacer_size((CueKind.INHALE, f / 10)) for f in range(11)]
    shrinking = [pacer_size((CueKind.EXHALE, f / 10)) for f in range(11)]

    assert growing == sorted(growing) and growing[0] == 0 and growing[-1] == 1
    assert shrinking == sorted(shrinking, reverse=True)


def test_a_bigger_pacer_fills_more_of_the_circle() -> None:
    small, large = circle_rows(0.1, 30, 7), circle_rows(0.9, 30, 7)

    assert len(small) == len(large) == 7
    assert 0 < filled(small) < filled(large)
    assert max(len(row) for row in large) <= 30


def test_where_line_names_side_and_repetition_of_the_dose() -> None:
    item = short_routine(repetitions=3).items[0]

    assert where_text(HOLD, item) == "Left side · repetition 2 of 3"
    assert where_text(Cue(0, 5, CueKind.PREPARE, "Get down."), item) == "Get into position"


@pytest.mark.parametrize(
    ("seconds", "digits", "clock"),
    [(9.2, "10", "0:10"), (0.0, "0", "0:00"), (59.5, "1:00", "1:00"), (75.0, "1:15", "1:15")],
)
def test_countdowns_round_up_to_whole_seconds(seconds: float, digits: str, clock: str) -> None:
    assert countdown_digits(seconds) == digits
    assert format_clock(seconds) == clock
