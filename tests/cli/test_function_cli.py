"""`spinecoach function`: the Patient-Specific Functional Scale in the terminal and in scripts."""

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run, rows


def stored(db_file: Path) -> list[list[dict[str, object]]]:
    return [json.loads(str(r)) for (r,) in rows(db_file, "select ratings from psfs_entries")]


def test_rate_options_save_an_entry_without_questions(spinecoach: Run, db_file: Path) -> None:
    result = spinecoach("function", "--rate", "putting on socks=3", "--rate", "lifting a child=5")

    assert result.returncode == 0, result.stderr
    assert "average 4.0 out of 10 over 2 activities" in result.stdout
    assert stored(db_file) == [
        [{"activity": "putting on socks", "score": 3}, {"activity": "lifting a child", "score": 5}]
    ]


def test_the_first_time_asks_for_activities_then_a_rating_of_each(
    spinecoach: Run, db_file: Path
) -> None:
    result = spinecoach("function", stdin="putting on socks\nsitting an hour\n\n11\n²\n2\n6\n")

    assert result.returncode == 0, result.stderr
    assert "Name up to five activities" in result.stdout
    assert "whole number from 0 to 10" in result.stderr  # 11 was asked again
    assert stored(db_file) == [
        [{"activity": "putting on socks", "score": 2}, {"activity": "sitting an hour", "score": 6}]
    ]


def test_later_times_rate_the_same_activities_and_show_the_change(
    spinecoach: Run, db_file: Path
) -> None:
    spinecoach("function", "--rate", "putting on socks=2", "--rate", "sitting an hour=3")

    result = spinecoach("function", stdin="5\n4\n")
    shown = json.loads(spinecoach("function", "--show", "--json").stdout)

    assert "putting on socks" in result.stdout and "Name up to five" not in result.stdout
    assert "better, beyond the 2-point detectable change (from 2.5 to 4.5" in result.stdout
    assert [entry["mean"] for entry in shown["entries"]] == [2.5, 4.5]
    assert shown["change"] == 2.0 and shown["due"] is False


def test_input_ending_early_saves_nothing(spinecoach: Run, db_file: Path) -> None:
    result = spinecoach("function", stdin="putting on socks\n\n")

    assert result.returncode == 2
    assert result.stderr.strip().endswith("nothing saved")
    assert rows(db_file, "select count(*) from psfs_entries") == [(0,)]


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("socks", "must look like 'putting on socks=4'"),
        ("socks=eleven", "must look like"),
        ("socks=11", "the score must be from 0 to 10"),
        ("=4", "must look like"),
        ("socks=²", "must look like"),  # a digit to isdigit(), not to int()
    ],
)
def test_a_bad_rating_is_one_line_exit_2_and_nothing_is_saved(
    spinecoach: Run, db_file: Path, rate: str, message: str
) -> None:
    result = spinecoach("function", "--rate", rate)

    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not db_file.exists() or rows(db_file, "select count(*) from psfs_entries") == [(0,)]


def test_six_activities_are_refused(spinecoach: Run, db_file: Path) -> None:
    options = [part for n in range(6) for part in ("--rate", f"activity {n}=3")]

    result = spinecoach("function", *options)

    assert result.returncode == 2
    assert "give one to 5 activities" in result.stderr


@pytest.mark.usefixtures("screened")
def test_a_plain_session_says_the_scale_is_due_but_keeps_its_input(spinecoach: Run) -> None:
    result = spinecoach(
        "session", "desk-break", "--plain", "--no-voice", "--speed", "60", stdin="4\n2\n\n"
    )

    assert result.returncode == 0, result.stderr
    assert "The activity check (PSFS) is due" in result.stdout
    assert "pain: 4/10 before, 2/10 after" in result.stdout
