"""The first terminal session asks a name once, after the safety screen; Enter skips it."""

from collections.abc import Callable
from pathlib import Path

import pytest

from spinecoach.safety.loader import default_screening
from tests.cli.conftest import rows
from tests.cli.terminal import Terminal

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("function_rated")]
QUESTIONS = list(default_screening().items)


@pytest.mark.usefixtures("screened")
def test_the_first_session_asks_a_name_and_year_once_and_keeps_them(
    terminal: Callable[[str], Terminal], db_file: Path
) -> None:
    pane = terminal("session desk-break --no-voice")
    pane.wait_for("Your name (Enter to skip)")
    pane.keys("Maria Lopez", "Enter")
    pane.wait_for("Your year of birth")
    pane.keys("3000", "Enter")
    pane.wait_for("3000 is not a year of birth")
    pane.keys("1961", "Enter")
    pane.wait_for("How much does your back hurt right now?")
    pane.keys("C-c")
    pane.wait_for("EXIT=")

    again = terminal("session desk-break --no-voice")
    shown = again.wait_for("How much does your back hurt right now?")
    again.keys("C-c")

    assert rows(db_file, "select name, birth_year from people") == [("Maria Lopez", 1961)]
    assert "Your name" not in shown


def test_the_name_comes_after_the_safety_questions_and_enter_skips_it(
    terminal: Callable[[str], Terminal], db_file: Path
) -> None:
    pane = terminal("session desk-break --no-voice")
    for number, item in enumerate(QUESTIONS, 1):
        shown = pane.wait_for(f"{number}/{len(QUESTIONS)}. ", timeout=60)
        assert "Your name" not in shown
        pane.keys("y" if item.kind.value == "acknowledgement" else "n", "Enter")
    pane.wait_for("Your name (Enter to skip)")

    pane.keys("Enter")
    shown = pane.wait_for("How much does your back hurt right now?")
    pane.keys("C-c")

    assert "Your year of birth" not in shown
    assert rows(db_file, "select name, profile_asked_at is not null from people") == [(None, 1)]
    assert rows(db_file, "select outcome from screenings") == [("go",)]
