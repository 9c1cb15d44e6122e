import json
import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from spinecoach.cli.screen import screen
from spinecoach.safety import OUTCOME_MESSAGES, Outcome
from spinecoach.safety.loader import default_screening

ITEM_IDS = [item.id for item in default_screening().items]


def run(*args: str, stdin: str | None = None) -> Result:
    """Invoke `screen` through a one-command Typer app, as the real app will register it."""
    app = typer.Typer()
    app.command("screen")(screen)
    # A second command keeps Typer from collapsing the app into the bare function.
    app.command("noop")(lambda: None)
    # The test's own database, set by the autouse private_data_dir fixture; never the default.
    runner = CliRunner(env={"SPINECOACH_DB": os.environ["SPINECOACH_DB"]})
    return runner.invoke(app, ["screen", *args], input=stdin)


def flat(text: str) -> str:
    """Return text with its line breaks as spaces: messages are wrapped to the terminal."""
    return " ".join(text.split())


def answers_file(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def all_no(**yes: bool) -> dict[str, bool]:
    answers = {item_id: False for item_id in ITEM_IDS}
    answers["asked-doctor"] = True
    answers.update({key.replace("_", "-"): value for key, value in yes.items()})
    return answers


def typed(answers: dict[str, bool]) -> str:
    """Return what a person types to give these answers, in question order."""
    return "".join("y\n" if answers[item_id] else "n\n" for item_id in ITEM_IDS)


# --- listing --------------------------------------------------------------------------------


def test_list_json_gives_every_item_with_kind_and_outcome() -> None:
    result = run("--list", "--json")

    listing = json.loads(result.stdout)
    assert result.exit_code == 0
    assert listing["version"] == default_screening().version
    assert [item["id"] for item in listing["items"]] == ITEM_IDS
    assert set(listing["items"][0]) == {"id", "question", "kind", "outcome"}
    assert listing["items"][0]["outcome"] == "emergency"
    assert listing["items"][-1] == {
        "id": "asked-doctor",
        "question": default_screening().items[-1].question,
        "kind": "acknowledgement",
        "outcome": None,
    }


def test_list_text_shows_each_question() -> None:
    result = run("--list")

    assert result.exit_code == 0
    for item in default_screening().items:
        assert item.id in result.stdout
        assert item.question in result.stdout


# --- answers from a file --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "outcome", "exit_code"),
    [
        (all_no(), Outcome.GO, 0),
        (all_no(asked_doctor=False), Outcome.GO, 0),
        (all_no(cancer_history=True), Outcome.SEE_DOCTOR, 10),
        (all_no(saddle_numbness=True), Outcome.EMERGENCY, 20),
        (all_no(saddle_numbness=True, cancer_history=True), Outcome.EMERGENCY, 20),
    ],
)
def test_answers_file_sets_the_exit_code_and_prints_the_message(
    tmp_path: Path, answers: dict[str, bool], outcome: Outcome, exit_code: int
) -> None:
    result = run("--answers", str(answers_file(tmp_path, answers)))

    assert result.exit_code == exit_code
    assert OUTCOME_MESSAGES[outcome] in flat(result.stdout)


def test_text_result_explains_why_and_reminds_about_the_doctor(tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_no(cancer_history=True, asked_doctor=False))

    result = run("--answers", str(path))

    cancer = default_screening().item("cancer-history")
    asked = default_screening().item("asked-doctor")
    assert cancer is not None and asked is not None
    assert cancer.reason in flat(result.stdout)
    assert f"Reminder: {asked.reason}" in flat(result.stdout)


def test_answers_with_json_prints_the_result_as_json(tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_no(chest_pain=True, weight_loss=True, asked_doctor=False))

    result = run("--answers", str(path), "--json")

    body = json.loads(result.stdout)
    assert result.exit_code == 20
    assert body["outcome"] == "emergency"
    assert body["message"] == OUTCOME_MESSAGES[Outcome.EMERGENCY]
    assert body["rules_version"] == default_screening().version
    assert body["doctor_acknowledged"] is False
    assert [item["id"] for item in body["triggered"]] == ["chest-pain", "weight-loss"]
    assert [item["outcome"] for item in body["triggered"]] == ["emergency", "see-doctor"]
    assert [item["id"] for item in body["reminders"]] == ["asked-doctor"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON at line 1"),
        ('["chest-pain"]', 'expected an object like {"item-id": true, ...}'),
        ({"chest-pain": False}, "unanswered screening items: urine-difficulty,"),
        ({**all_no(), "backache": True}, "unknown screening item 'backache'"),
        ({**all_no(), "chest-pain": "no"}, "'chest-pain': answer must be true or false"),
    ],
)
def test_bad_answers_file_exits_2_with_one_line_on_stderr(
    tmp_path: Path, content: object, message: str
) -> None:
    result = run("--answers", str(answers_file(tmp_path, content)))

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("spinecoach: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["missing.json", "."])
def test_unreadable_answers_file_exits_2(tmp_path: Path, name: str) -> None:
    result = run("--answers", str(tmp_path / name))

    assert result.exit_code == 2
    assert "cannot be read" in result.stderr
    assert result.stderr.count("\n") == 1


def test_answers_file_in_another_encoding_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(b'{"chest-pain": \xff}')

    result = run("--answers", str(path))

    assert (result.exit_code, result.stderr.strip()) == (2, f"spinecoach: {path}: not UTF-8 text")


def test_list_and_answers_together_are_refused(tmp_path: Path) -> None:
    result = run("--list", "--answers", str(answers_file(tmp_path, all_no())))

    assert result.exit_code == 2
    assert "--list and --answers cannot be used together" in result.stderr


# --- interactive ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "exit_code"),
    [
        (all_no(), 0),
        (all_no(asked_doctor=False), 0),
        (all_no(lump_or_shape_change=True), 10),
    ],
)
def test_interactive_screen_asks_every_question(answers: dict[str, bool], exit_code: int) -> None:
    result = run(stdin=typed(answers))

    assert result.exit_code == exit_code
    for item in default_screening().items:
        assert item.question in flat(result.stdout)


def test_interactive_screen_stops_at_the_first_emergency_yes() -> None:
    stdin = "n\ny\n"  # no to the first question, yes to the second (bladder or bowel control)

    result = run(stdin=stdin)

    assert result.exit_code == 20
    assert OUTCOME_MESSAGES[Outcome.EMERGENCY] in flat(result.stdout)
    assert default_screening().items[2].question not in flat(result.stdout)


def test_interactive_screen_repeats_a_question_until_answered() -> None:
    stdin = "\nmaybe\n" + typed(all_no())

    result = run(stdin=stdin)

    assert result.exit_code == 0
    assert result.stdout.count("Error: invalid input") == 2
    assert flat(result.stdout).count(default_screening().items[0].question) == 3


def test_interactive_screen_cannot_be_skipped_by_closing_input() -> None:
    result = run(stdin="n\nn\n")

    assert result.exit_code == 1
    assert OUTCOME_MESSAGES[Outcome.GO] not in flat(result.stdout)


def test_interactive_json_sends_questions_to_stderr() -> None:
    result = run("--json", stdin=typed(all_no(weight_loss=True)))

    # CliRunner echoes the typed input onto stdout (a terminal would not); the JSON follows it.
    document = result.stdout[result.stdout.index("{\n") :]
    assert result.exit_code == 10
    assert json.loads(document)["outcome"] == "see-doctor"
    assert default_screening().items[0].question in flat(result.stderr)
    assert default_screening().items[0].question not in flat(result.stdout)


def test_pain_down_one_leg_goes_with_what_to_watch_for(tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_no(pain_down_one_leg=True))

    text = run("--answers", str(path))
    as_json = run("--answers", str(path), "--json")

    leg = default_screening().item("pain-down-one-leg")
    assert leg is not None
    assert text.exit_code == 0
    assert f"Watch for: {leg.reason}" in flat(text.stdout)
    assert json.loads(as_json.stdout)["watch_for"] == [{"id": leg.id, "reason": leg.reason}]
