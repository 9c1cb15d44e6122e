"""The whole `spinecoach session` in a real terminal (tmux renders the screen we assert on)."""

from collections.abc import Callable
from pathlib import Path

import pytest

from spinecoach.cli.interrupt import STOPPED_MESSAGE
from tests.cli.conftest import Run, rows
from tests.cli.terminal import Terminal

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("screened", "named", "function_rated")]


def test_pause_then_pain_got_worse_stops_with_rest_advice_and_is_recorded(
    terminal: Callable[[str], Terminal], db_file: Path
) -> None:
    pane = terminal("session morning-floor --no-voice --speed 4")
    pane.wait_for("How much does your back hurt right now?")
    pane.keys("3", "Enter")

    pane.wait_for("Knee to chest")
    pane.wait_for("Breathe in and draw your left knee in.")
    pane.keys("Space")
    pane.wait_for("PAUSED")
    pane.keys("Space")
    pane.keys("p")
    advice = pane.wait_for("Press any key when you have read this.")
    pane.keys("Enter")
    pane.wait_for("How much does your back hurt now?")
    pane.keys("5", "Enter")
    pane.wait_for("Anything to note")
    pane.keys("twinge when pulling the knee", "Enter")
    summary = pane.wait_for("EXIT=0")

    assert "Session stopped: your pain got worse" in advice
    assert "pain: 3/10 before, 5/10 after" in summary
    assert rows(db_file, "select status from sessions") == [("stopped-pain",)]
    assert rows(db_file, "select context, score from pain_entries order by id") == [
        ("before", 3),
        ("after", 5),
    ]


def test_skip_then_quit_records_the_skipped_exercise_and_a_quit_session(
    terminal: Callable[[str], Terminal], db_file: Path
) -> None:
    pane = terminal("session all-six --no-voice --speed 4")
    pane.wait_for("How much does your back hurt right now?")
    pane.keys("2", "Enter")
    pane.wait_for("Knee to chest")

    pane.keys("Right")
    pane.wait_for("Seated back twist")
    pane.keys("q")
    pane.wait_for("y")
    pane.keys("y")
    pane.wait_for("How much does your back hurt now?")
    pane.keys("2", "Enter")
    pane.wait_for("Anything to note")
    pane.keys("Enter")
    pane.wait_for("EXIT=0")

    assert rows(db_file, "select exercise_id, skipped from exercise_results") == [
        ("knee-to-chest", 1)
    ]
    assert rows(db_file, "select status from sessions") == [("quit",)]


def test_a_short_routine_plays_through_and_every_exercise_is_saved(
    terminal: Callable[[str], Terminal], db_file: Path
) -> None:
    pane = terminal("session desk-break --no-voice --speed 25")
    pane.wait_for("How much does your back hurt right now?")
    pane.keys("4", "Enter")

    pane.wait_for("Breathe out and turn to the left.")
    # The routine plays in about 12 s; a machine loaded by other tests draws far more slowly.
    pane.wait_for("How much does your back hurt now?", timeout=120)
    pane.keys("3", "Enter")
    pane.wait_for("Anything to note")
    pane.keys("Enter")
    summary = pane.wait_for("EXIT=0")

    assert "done: Seated back twist" in summary
    assert rows(db_file, "select status from sessions") == [("completed",)]
    assert rows(db_file, "select exercise_id, skipped from exercise_results") == [
        ("seated-back-twist", 0)
    ]


def test_session_asks_where_and_how_long_then_offers_the_answers_next_time(
    terminal: Callable[[str], Terminal], db_file: Path
) -> None:
    first = terminal("session --no-voice --speed 50")
    first.wait_for("Where are you stretching today?")
    for answer in ("1", "6", "-", "3", "1"):
        first.keys(answer, "Enter")
    first.wait_for("Start this routine now?")
    first.keys("n", "Enter")
    first.wait_for("EXIT=0")

    again = terminal("session --no-voice --speed 50")
    again.wait_for("Where are you stretching today?")
    offered = again.wait_for("Choose 1-3 [1]")
    again.keys("Enter")
    minutes = again.wait_for("[6]")

    assert "On a chair" in offered
    assert "How many minutes" in minutes
    assert rows(db_file, "SELECT count(*) FROM sessions") == [(0,)]
    assert rows(db_file, "SELECT count(*) FROM preferences") == [(1,)]


def test_ctrl_c_asks_in_the_player_and_at_a_question_keeps_the_session_for_resuming(
    terminal: Callable[[str], Terminal], db_file: Path, spinecoach: Run
) -> None:
    pane = terminal("session desk-break --no-voice --speed 25")
    pane.wait_for("How much does your back hurt right now?")
    pane.keys("4", "Enter")
    pane.wait_for("Seated back twist")
    pane.keys("C-c")
    asked = pane.wait_for("End the session now?")
    pane.keys("n")
    pane.wait_for("How much does your back hurt now?")
    pane.keys("C-c")
    stopped = pane.wait_for("EXIT=")

    assert "End the session now?" in asked
    assert "EXIT=130" in stopped and "Aborted!" not in stopped
    assert STOPPED_MESSAGE.split(";")[0] in " ".join(stopped.split())
    assert rows(db_file, "select status from sessions") == [("in-progress",)]

    resumed = spinecoach("session", "--resume", "--plain", "--no-voice", stdin="4\n2\n\n")

    assert resumed.returncode == 0, resumed.stderr
    assert rows(db_file, "select status from sessions") == [("completed",)]
    assert rows(db_file, "select exercise_id from exercise_results") == [("seated-back-twist",)]
