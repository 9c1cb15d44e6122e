"""`--help` speaks to people: everyday words, whole sentences, no programmer notation."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spinecoach.cli.main import app

COMMANDS = [
    [],
    ["plan"],
    ["timeline"],
    ["session"],
    ["start"],
    ["pain"],
    ["history"],
    ["screen"],
    ["figure"],
    ["gallery"],
    ["check-pose"],
    ["exercises"],
    ["exercises", "show"],
]


def help_text(command: list[str]) -> str:
    """Return the help of one command at 80 columns."""
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "spinecoach")
def test_help_has_no_programmer_notation(command: list[str]) -> None:
    text = help_text(command)

    assert "<float range>" not in text and "<int range>" not in text
    assert not re.search(r"\d<=x<=\d", text)
    assert "starting dose" not in text
    assert "<str>" not in text


def test_command_list_shows_whole_descriptions_without_exit_codes() -> None:
    listing = help_text([]).split("Commands:")[1]

    assert "..." not in listing
    assert "exit" not in listing.lower()


def test_screen_help_still_documents_its_exit_codes_in_the_body() -> None:
    text = help_text(["screen"])

    assert "10 see a doctor first" in text and "20 get urgent help now" in text


def test_region_help_names_regions_in_everyday_words() -> None:
    text = " ".join(help_text(["plan"]).split())

    assert "neck, upper back, lower back, pelvis (sacrum) or tailbone" in text
    assert "cervical|thoracic" not in text


def test_minutes_help_says_the_range_in_words() -> None:
    assert "1 to 120" in " ".join(help_text(["plan"]).split())


@pytest.mark.parametrize("region", ["lower back", "lumbar", "Tailbone"])
def test_plan_accepts_regions_in_everyday_words_and_latin(region: str, tmp_path: Path) -> None:
    database = str(tmp_path / "records.db")

    result = CliRunner().invoke(app, ["plan", "--region", region, "--json", "--db", database])

    assert result.exit_code == 0, result.output


def test_plan_refuses_an_unknown_region_naming_the_choices() -> None:
    result = CliRunner().invoke(app, ["plan", "--region", "knee"])

    assert result.exit_code == 2
    assert "neck, upper-back, lower-back, pelvis, tailbone" in result.output


@pytest.mark.parametrize("minutes", ["0", "121", "nan", "ten"])
def test_plan_refuses_minutes_outside_1_to_120(minutes: str) -> None:
    result = CliRunner().invoke(app, ["plan", "--minutes", minutes])

    assert result.exit_code == 2
    assert "1 to 120" in result.output


def test_exercises_show_accepts_the_listed_name_in_any_case() -> None:
    result = CliRunner().invoke(app, ["exercises", "show", "Cat and cow", "--json"])

    assert result.exit_code == 0, result.output
    assert '"id": "cat-cow"' in result.stdout


def test_timeline_accepts_a_routine_name_in_any_case() -> None:
    result = CliRunner().invoke(app, ["timeline", "Desk Break", "--json"])

    assert result.exit_code == 0, result.output
    assert '"id": "desk-break"' in result.stdout
