"""Prompts and messages break between words at any terminal width, never where the edge falls."""

from collections.abc import Callable

import pytest

from spinecoach.cli.wrapping import fit
from spinecoach.safety.loader import default_screening
from tests.cli.terminal import Terminal

WIDTHS = [60, 80, 120]
QUESTIONS = list(default_screening().items)


def full_rows(pane: Terminal, columns: int) -> list[str]:
    """Return rows that reach the right edge: there the terminal, not we, broke the line."""
    return [row for row in pane.history() if len(row) >= columns]


@pytest.mark.parametrize("columns", WIDTHS)
def test_every_screening_question_and_the_verdict_fit_between_words(
    terminal: Callable[..., Terminal], columns: int
) -> None:
    pane = terminal("screen", columns=columns, lines=40)

    for number, item in enumerate(QUESTIONS, 1):
        pane.wait_for(f"{number}/{len(QUESTIONS)}. ", timeout=60)
        pane.keys("y" if item.kind.value == "acknowledgement" else "n", "Enter")
    pane.wait_for("EXIT=0", timeout=60)

    assert "OK to start" in "\n".join(pane.history())
    assert full_rows(pane, columns) == []


@pytest.mark.slow
@pytest.mark.usefixtures("screened", "named")
@pytest.mark.parametrize("columns", WIDTHS)
def test_the_activity_check_offer_fits_between_words(
    terminal: Callable[..., Terminal], columns: int
) -> None:
    pane = terminal("session desk-break --no-voice", columns=columns)

    pane.wait_for("[Y/n]")

    assert full_rows(pane, columns) == []
    assert "activity check" in " ".join(pane.history())


@pytest.mark.parametrize(
    ("text", "columns", "room_after", "expected"),
    [
        ("one two three four", 12, 0, "one two\nthree four"),
        ("one two three four", 12, 8, "one two\nthree\nfour"),
        ("first\nsecond line here", 10, 0, "first\nsecond\nline here"),
        ("unbreakablewordthatislong", 10, 0, "unbreakablewordthatislong"),
    ],
)
def test_fit_breaks_only_between_words_and_leaves_room_for_the_suffix(
    text: str, columns: int, room_after: int, expected: str
) -> None:
    assert fit(text, columns=columns, room_after=room_after) == expected
