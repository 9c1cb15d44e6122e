"""The `screen` command: ask the warning-sign questions and say whether stretching is safe now."""

import json
import textwrap
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spinecoach.cli.options import DbOption, JsonOption
from spinecoach.cli.prompts import YES_NO_END
from spinecoach.cli.wrapping import fit, terminal_columns
from spinecoach.errors import InvalidInputError, SpinecoachError

if TYPE_CHECKING:
    # Loaded inside the functions: `spinecoach --help` must not validate the questionnaire.
    from spinecoach.records import PersonRecord
    from spinecoach.safety.schema import Questionnaire
    from spinecoach.safety.screening import Outcome, ScreeningResult
    from spinecoach.store.repository import Repository

# Distinct exit codes let scripts and the web wrapper act on the outcome without parsing text.
EXIT_CODES = {"go": 0, "see-doctor": 10, "emergency": 20}
EXIT_BAD_INPUT = 2

HEADINGS = {
    "emergency": "EMERGENCY - get help now",
    "see-doctor": "See a doctor first",
    "go": "OK to start",
}


def _print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _print_list(questionnaire: "Questionnaire", as_json: bool) -> None:
    if as_json:
        from spinecoach.safety.screening_json import questions_to_dict

        _print_json(questions_to_dict(questionnaire))
        return
    typer.echo(f"Screening questions (rules version {questionnaire.version}):")
    for item in questionnaire.items:
        outcome = item.outcome.value if item.outcome is not None else "recorded"
        typer.echo(f"  {item.id:<28} {outcome:<11} {item.question}")


def _print_result(result: "ScreeningResult", as_json: bool) -> None:
    if as_json:
        from spinecoach.safety.screening_json import result_to_dict

        _print_json(result_to_dict(result))
        return
    typer.echo(f"\n{HEADINGS[result.outcome.value]}\n{fit(result.message)}")
    if result.triggered:
        typer.echo("\nWhy:")
        for item in result.triggered:
            reason = fit(f"- {item.reason}", columns=terminal_columns() - 2)
            typer.echo(textwrap.indent(reason, "  "))
    for item in result.watch_for:
        typer.echo("\n" + fit(f"Watch for: {item.reason}"))
    for item in result.reminders:
        typer.echo("\n" + fit(f"Reminder: {item.reason}"))
    typer.echo(f"\n(Screening rules version {result.rules_version})")


def _read_answers(path: Path) -> dict[str, bool]:
    """Read {"item-id": true/false, ...} from a JSON file; the values are checked by evaluate."""
    from spinecoach.json_input import read_json_file

    raw = read_json_file(path)
    if not isinstance(raw, dict):
        raise InvalidInputError(f'{path}: expected an object like {{"item-id": true, ...}}')
    return raw


def _ask(
    questionnaire: "Questionnaire", prompts_to_stderr: bool
) -> tuple[dict[str, bool], "ScreeningResult"]:
    """Ask every question in order; stop early only at an emergency "yes"."""
    from spinecoach.safety.schema import ItemKind
    from spinecoach.safety.screening import emergency_so_far, evaluate

    typer.echo(
        fit(
            "Before you stretch, please answer each question with yes or no."
            " There is no default and no skipping."
        ),
        err=prompts_to_stderr,
    )
    answers: dict[str, bool] = {}
    total = len(questionnaire.items)
    for number, item in enumerate(questionnaire.items, start=1):
        question = item.question
        if item.kind is ItemKind.ACKNOWLEDGEMENT:
            question = f"Is this true? {question}"
        # default=None makes click repeat the question until it gets a yes or a no.
        answers[item.id] = typer.confirm(
            fit(f"{number}/{total}. {question}", room_after=YES_NO_END),
            default=None,
            err=prompts_to_stderr,
        )
        # An emergency cannot wait for the remaining questions (cauda equina: hours matter).
        emergency = emergency_so_far(answers, questionnaire=questionnaire)
        if emergency is not None:
            return answers, emergency
    return answers, evaluate(answers, questionnaire=questionnaire)


def run_screening(repository: "Repository", person: "PersonRecord", now: datetime) -> "Outcome":
    """Ask every question in the terminal, record the answers, print and return the outcome."""
    from spinecoach.coaching.safety_gate import record_screening
    from spinecoach.safety.loader import default_screening

    answers, result = _ask(default_screening(), prompts_to_stderr=False)
    record_screening(repository, person, answers, result, now)
    _print_result(result, as_json=False)
    return result.outcome


def _run(list_items: bool, as_json: bool, answers_file: Path | None, db: str | None) -> int:
    if list_items and answers_file is not None:
        raise InvalidInputError("--list and --answers cannot be used together")
    from spinecoach.safety.loader import default_screening
    from spinecoach.safety.screening import evaluate

    questionnaire = default_screening()
    if list_items:
        _print_list(questionnaire, as_json)
        return 0
    from spinecoach.cli.storage import open_records
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.safety_gate import record_screening

    now = SystemClock().now()
    # Open the records first: a bad --db must fail before anyone answers twenty questions.
    repository, person = open_records(db, now)
    if answers_file is not None:
        answers = _read_answers(answers_file)
        result = evaluate(answers, questionnaire=questionnaire)
    else:
        answers, result = _ask(questionnaire, prompts_to_stderr=as_json)
    record_screening(repository, person, answers, result, now)
    _print_result(result, as_json)
    return EXIT_CODES[result.outcome.value]


def screen(
    list_items: Annotated[
        bool, typer.Option("--list", help="Show the questions instead of asking them.")
    ] = False,
    as_json: JsonOption = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE.json",
            help='Read answers from a JSON file {"item-id": true/false, ...} instead of asking.',
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Answer the safety questions about warning signs before you stretch.

    Exit codes: 0 OK to start, 10 see a doctor first, 20 get urgent help now, 2 bad input.
    """
    try:
        code = _run(list_items, as_json, answers, db)
    except SpinecoachError as error:
        typer.echo(f"spinecoach: {error.user_message}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    raise typer.Exit(code)
