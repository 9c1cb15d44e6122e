"""A terminal session offers the activity scale (PSFS) first when it is due, in a real tmux."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run, rows
from tests.cli.terminal import Terminal

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("screened", "named")]


def test_the_first_session_offers_the_scale_and_saves_the_answers(
    terminal: Callable[[str], Terminal], db_file: Path
) -> None:
    pane = terminal("session desk-break --no-voice --speed 25")
    pane.wait_for("Time for the activity check")
    pane.keys("y", "Enter")
    pane.wait_for("Activity 1")
    pane.keys("putting on socks", "Enter")
    pane.wait_for("Activity 2")
    pane.keys("Enter")
    pane.wait_for("How well can you do 'putting on socks' today?")
    pane.keys("3", "Enter")
    pane.wait_for("How much does your back hurt right now?")
    pane.keys("4", "Enter")
    # The whole routine plays before this question: allow for a busy machine.
    pane.wait_for("How much does your back hurt now?", timeout=120)
    pane.keys("3", "Enter")
    pane.wait_for("Anything to note")
    pane.keys("Enter")
    pane.wait_for("EXIT=0")

    (ratings,) = rows(db_file, "select ratings from psfs_entries")
    assert json.loads(str(ratings[0])) == [{"activity": "putting on socks", "score": 3}]
    assert rows(db_file, "select status from sessions") == [("completed",)]


def test_the_scale_is_not_offered_again_within_two_weeks(
    terminal: Callable[[str], Terminal], spinecoach: Run
) -> None:
    spinecoach("function", "--rate", "putting on socks=3")

    pane = terminal("session desk-break --no-voice --speed 25")
    shown = pane.wait_for("How much does your back hurt right now?")

    assert "activity check" not in shown
