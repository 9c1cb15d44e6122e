import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spinecoach.catalog.loader import load_catalog
from spinecoach.cli.main import app


@pytest.fixture
def runner(tmp_path: Path) -> CliRunner:
    """A runner whose records go to a temporary SQLite file, never the user's own."""
    return CliRunner(env={"SPINECOACH_DB": str(tmp_path / "records.db")})


def test_exercises_json_lists_the_six_with_their_steps(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "--json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [item["id"] for item in data] == list(load_catalog().exercises)
    assert all(item["steps"] and item["dose"] for item in data)


def test_exercises_text_is_a_readable_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises"], env={"COLUMNS": "160"})

    assert result.exit_code == 0
    assert "Child's pose" in result.stdout and "Sitting on a chair" in result.stdout


def test_show_one_exercise_in_full(runner: CliRunner) -> None:
    text = runner.invoke(app, ["exercises", "show", "cat-cow"])
    data = json.loads(runner.invoke(app, ["exercises", "show", "cat-cow", "--json"]).stdout)

    assert text.exit_code == 0
    assert "Differs from the article" in text.stdout
    assert data["id"] == "cat-cow" and data["deviations"]


def test_a_two_sided_exercise_lists_its_steps_for_the_left_side_first(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "show", "spinal-torsion"], env={"COLUMNS": "300"})

    assert result.exit_code == 0
    assert "How to do it, left side first" in result.stdout
    assert "Turn your upper body to the left: put your left hand on the floor" in result.stdout
    assert "{side}" not in result.stdout and "{other}" not in result.stdout


def test_unknown_exercise_is_one_clear_line_and_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "show", "plank"])

    assert result.exit_code == 2
    assert result.stderr.strip().startswith("spinecoach: unknown exercise 'plank'")
    assert "Traceback" not in result.output


def test_plan_json_fits_the_minutes_and_says_what_was_left_out(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["plan", "--place", "floor", "--minutes", "6", "--avoid", "kneeling", "--json"]
    )

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total_seconds"] <= 360
    assert {e["exercise"] for e in data["exercises"]}.isdisjoint({"cat-cow", "childs-pose"})
    assert {"exercise": "cat-cow", "reason": "avoid", "movements": ["kneeling"]} in data["left_out"]


def test_plan_with_a_bad_value_names_the_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "--place", "roof"])

    assert result.exit_code == 2
    assert "--place" in result.output


def test_plan_when_nothing_fits_exits_2_with_one_calm_sentence_and_what_fits(
    runner: CliRunner,
) -> None:
    result = runner.invoke(
        app, ["plan", "--place", "chair", "--avoid", "twisting", "--avoid", "bending-forward"]
    )

    assert result.exit_code == 2
    assert result.stderr == (
        "spinecoach: Nothing fits on a chair today: those stretches involve bending forward or"
        " twisting, which you avoid; on the floor or in bed other stretches fit"
        " (--place floor), or you can take a rest day.\n"
    )


def test_plan_on_a_chair_for_five_minutes_has_several_stretches(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "--place", "chair", "--minutes", "5", "--json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["exercises"]) >= 3
    assert data["total_seconds"] <= 300
    assert "seated-knee-hug" in {e["exercise"] for e in data["exercises"]}


def test_plan_text_says_what_was_left_out_without_jargon(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "--place", "chair"], env={"COLUMNS": "200"})

    assert result.exit_code == 0, result.output
    assert "Seated knee hug stands in for Knee to chest, which is done on the floor or in bed." in (
        result.stdout
    )
    assert "Hip bridge is left out: it is done on the floor or in bed." in result.stdout
    assert not any(tag in result.stdout for tag in ("(place)", "(avoid)", "(pain rule)"))


def test_timeline_json_has_gap_free_cues_summing_to_the_total(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "all-six", "--json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    cues = data["cues"]
    assert data["routine"]["id"] == "all-six"
    assert cues[0]["at"] == 0
    assert sum(cue["duration"] for cue in cues) == pytest.approx(data["total_seconds"])
    article = {e.id for e in load_catalog().exercises.values() if e.article_number}
    assert {cue["exercise"] for cue in cues} - {None} == article


def test_timeline_of_unknown_routine_lists_the_known_ones(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "yoga"])

    assert result.exit_code == 2
    assert "all-six" in result.stderr


def test_timeline_from_plan_options_without_a_routine(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "--place", "chair"])

    assert result.exit_code == 0
    assert "switch_side" in result.stdout


def test_start_without_a_terminal_falls_back_to_plain_and_asks_for_the_screen_first(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["start"], env={"SPINECOACH_DB": str(tmp_path / "r.db")})

    assert result.exit_code == 11  # a safety check is needed first (README, exit codes)
    assert "Not a terminal: using --plain output." in result.stderr
    assert "spinecoach screen" in result.stderr


def test_exercises_table_names_where_it_helps_in_everyday_words(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises"], env={"COLUMNS": "160"})

    assert "lower back" in result.stdout
    assert "lumbar" not in result.stdout and "thoracic" not in result.stdout
