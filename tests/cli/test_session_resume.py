"""Resuming in plain mode: what is resumed is said, today's limits win, one pain-before."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run, kill_mid_session, rows
from tests.cli.terminal import Terminal

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("screened")]


def test_resume_with_kneeling_avoided_in_a_chair_never_plays_floor_or_kneeling_exercises(
    cli_env: dict[str, str], spinecoach: Run, db_file: Path
) -> None:
    kill_mid_session(cli_env, "all-six", "40", after_done=1)

    resumed = spinecoach(
        "session",
        "--avoid",
        "kneeling",
        "--place",
        "chair",
        "--resume",
        "--plain",
        "--no-voice",
        "--speed",
        "50",
        stdin="3\n2\n\n",
        timeout=120,
    )

    assert resumed.returncode == 0, resumed.stderr
    assert "Carrying on with your session from" in resumed.stdout
    assert (
        "Note: Cat and cow is left out of the resumed session: it is done on the floor."
        in resumed.stdout
    )
    played = rows(db_file, "SELECT exercise_id FROM exercise_results ORDER BY position")
    assert [exercise for (exercise,) in played] == ["knee-to-chest", "seated-back-twist"]
    assert "[Cat and cow" not in resumed.stdout and "[Hip bridge" not in resumed.stdout


def test_resume_under_another_routine_is_refused_and_plays_nothing(
    cli_env: dict[str, str], spinecoach: Run, db_file: Path
) -> None:
    kill_mid_session(cli_env, "all-six", "40", after_done=1)

    resumed = spinecoach(
        "session",
        "desk-break",
        "--resume",
        "--plain",
        "--no-voice",
        "--speed",
        "50",
        stdin="3\n2\n\n",
    )

    assert resumed.returncode == 2
    assert resumed.stderr.count("\n") == 1
    assert "interrupted session is all-six, not desk-break" in resumed.stderr
    assert rows(db_file, "SELECT COUNT(*) FROM exercise_results") == [(1,)]
    assert rows(db_file, "SELECT status FROM sessions") == [("in-progress",)]


def test_plain_resume_says_what_is_resumed_and_keeps_one_pain_before(
    cli_env: dict[str, str], spinecoach: Run, db_file: Path
) -> None:
    kill_mid_session(cli_env, "all-six", "40", after_done=2)

    resumed = spinecoach(
        "session",
        "--resume",
        "--plain",
        "--no-voice",
        "--speed",
        "100",
        stdin="2\n\n",
        timeout=120,
    )

    assert resumed.returncode == 0, resumed.stderr
    assert (
        "Carrying on with your session from" in resumed.stdout
        and "Done: Knee to chest, Seated back twist." in resumed.stdout
    )
    assert "hurt right now" not in resumed.stdout
    assert rows(db_file, "SELECT context, score FROM pain_entries ORDER BY id") == [
        ("before", 5),
        ("after", 2),
    ]


def test_a_new_session_that_never_starts_leaves_the_interrupted_one_to_resume(
    cli_env: dict[str, str], spinecoach: Run, db_file: Path
) -> None:
    kill_mid_session(cli_env, "all-six", "40", after_done=2)

    cut_short = spinecoach("session", "desk-break", "--plain", "--no-voice", stdin="")
    resumed = spinecoach(
        "session", "--resume", "--plain", "--no-voice", "--speed", "100", stdin="2\n\n"
    )

    assert cut_short.returncode == 2
    assert "closed" not in cut_short.stdout
    assert resumed.returncode == 0, resumed.stderr
    assert "Done: Knee to chest, Seated back twist." in resumed.stdout
    assert rows(db_file, "SELECT routine_id, status FROM sessions") == [("all-six", "completed")]


def test_resume_is_offered_before_any_other_question_and_says_where_it_stopped(
    cli_env: dict[str, str], terminal: Callable[..., Terminal]
) -> None:
    kill_mid_session(cli_env, "all-six", "40", after_done=2)

    pane = terminal("session --no-voice --speed 50")
    first = " ".join(pane.wait_for("[Y/n]").split())

    assert "stopped during Spinal twist on the floor (2 of 6 stretches done)" in first
    assert "Carry on from the start of Spinal twist on the floor?" in first
    assert "activity check" not in first and "Where are you" not in first
    pane.keys("y", "Enter")
    # The player opens straight away: no plan question or pain score stands in its way.
    pane.wait_for("Pain got worse", timeout=60)


def test_resume_after_a_stored_result_of_a_stretch_no_longer_known_carries_on(
    cli_env: dict[str, str], spinecoach: Run, db_file: Path
) -> None:
    kill_mid_session(cli_env, "all-six", "40", after_done=1)
    # Written by an older version, or restored from a backup of one: no check stops it there.
    with sqlite3.connect(db_file) as connection:
        connection.execute("UPDATE exercise_results SET exercise_id = 'retired-stretch'")

    resumed = spinecoach(
        "session", "--resume", "--plain", "--no-voice", "--speed", "50", stdin="3\n2\n\n"
    )

    assert resumed.returncode == 0, resumed.stderr
    assert "Done: retired-stretch." in resumed.stdout
