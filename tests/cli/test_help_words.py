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


def every_command() -> list[list[str]]:
    """Return the words that reach every command and subcommand, the app itself first."""
    from typer.core import TyperGroup
    from typer.main import get_command

    found: list[list[str]] = []

    def walk(command: object, words: list[str]) -> None:
        found.append(words)
        if isinstance(command, TyperGroup):
            for name, sub in command.commands.items():
                walk(sub, [*words, name])

    walk(get_command(app), [])
    return found


PLACEHOLDER = re.compile(
    r"^(?:[A-Z][A-Z0-9_:=-]*(?:\.[a-z]+)?|[a-z0-9-]+(?:\|[a-z0-9-]+)+)$"  # FILE, HH:MM, a|b
)


@pytest.mark.parametrize("command", every_command(), ids=lambda c: " ".join(c) or "spinecoach")
def test_every_help_uses_one_placeholder_style(command: list[str]) -> None:
    text = help_text(command)

    usage = text.splitlines()[0]
    # A flag pair (--voice / --no-voice) takes no value: its "/" is not a placeholder.
    option_words = re.findall(r"^\s+(?:-\w, )?--[\w-]+ (?!/)(\S+)", text, re.M)
    assert not re.search(r"[<>{}]", usage), usage
    assert not re.search(r"<[a-z %-]+>", text)
    assert not re.search(r"\d<=x<=\d", text)
    assert [word for word in option_words if not PLACEHOLDER.match(word)] == []


def test_session_help_lists_every_exit_code_it_can_give() -> None:
    text = " ".join(help_text(["session"]).split())

    for code in ("0 done", "2 bad input", "10 ", "11 ", "20 ", "130 "):
        assert code in text, code


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(app, ["--version"])

    assert result.exit_code == 0
    assert result.stdout.strip() == f"spinecoach {version('spinecoach')}"
