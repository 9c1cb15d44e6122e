"""A restore re-checks what the rows mean: known routines and exercises, outcomes that follow."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from spinecoach.errors import InvalidInputError
from spinecoach.safety.loader import default_screening
from spinecoach.store.backup import export_backup, record_tables
from spinecoach.store.backup_restore import restore_backup
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from tests.store.test_backup import (
    CATALOG,
    NOW,
    SCREENING,
    as_file,
    as_made_at,
    every_row,
    fill,
    first_revision,
)

CURRENT = default_screening().version
NOTHING = {table.name: [] for table in record_tables()}


@pytest.fixture
def backup(sqlite_url: str) -> Any:
    """A backup of Alice's and Bob's records, as read back from its file."""
    engine = open_database(sqlite_url)
    fill(Repository(engine))
    document = as_file(export_backup(engine, NOW))
    engine.dispose()
    return document


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Engine]:
    """An empty database to restore into."""
    engine = open_database(f"sqlite:///{tmp_path / 'target.db'}")
    yield engine
    engine.dispose()


def change(backup: Any, table: str, row: int, **values: object) -> Any:
    """Set columns of one row of a backup's table, by column name; return the backup."""
    data = backup["tables"][table]
    for column, value in values.items():
        data["rows"][row][data["columns"].index(column)] = value
    return backup


def answers_with(**yes: bool) -> dict[str, bool]:
    """Every current screening item answered no (the doctor asked), overrides by id."""
    given = {item.id: item.id == "asked-doctor" for item in default_screening().items}
    given.update({key.replace("_", "-"): value for key, value in yes.items()})
    return given


def refused(target: Engine, backup: Any) -> str:
    """Restore the backup, expect a refusal, check nothing was written; return the message."""
    with pytest.raises(InvalidInputError) as raised:
        restore_backup(target, backup, "backup.json", CATALOG, SCREENING)
    assert every_row(target) == NOTHING
    return raised.value.user_message


def test_a_result_of_an_unknown_exercise_is_refused_naming_its_row(
    backup: Any, target: Engine
) -> None:
    change(backup, "exercise_results", 1, exercise_id="no-such-exercise")

    message = refused(target, backup)

    assert message == (
        "backup.json: the exercise result with id 2: unknown exercise 'no-such-exercise'; "
        "nothing was restored"
    )


def test_a_backup_from_an_older_schema_is_checked_too(
    backup: Any, target: Engine, tmp_path: Path
) -> None:
    old = as_made_at(first_revision(), backup, tmp_path)
    change(old, "exercise_results", 0, exercise_id="no-such-exercise")

    message = refused(target, old)

    assert "the exercise result with id 1: unknown exercise 'no-such-exercise'" in message


def test_a_session_of_an_unknown_routine_is_refused(backup: Any, target: Engine) -> None:
    change(backup, "sessions", 1, routine_id="no-such-routine")

    message = refused(target, backup)

    assert "the session with id 2: unknown routine 'no-such-routine'" in message


def test_a_session_whose_stored_routine_names_an_unknown_exercise_is_refused(
    backup: Any, target: Engine
) -> None:
    snapshot = {
        "id": "desk-break",
        "name": "Desk break",
        "exercises": [{"exercise": "no-such-exercise", "repetitions": 3, "hold_seconds": 20}],
    }
    change(backup, "sessions", 0, routine=snapshot)

    message = refused(target, backup)

    assert (
        "the session with id 1: routine.exercises[0].exercise: unknown exercise 'no-such-exercise'"
        in message
    )


def test_a_plan_made_from_the_whole_catalogue_restores(backup: Any, target: Engine) -> None:
    change(backup, "sessions", 1, routine_id="custom")

    summary = restore_backup(target, backup, "backup.json", CATALOG, SCREENING)

    assert summary.inserted["sessions"] == 2


def test_go_despite_chest_pain_under_todays_rules_is_refused(backup: Any, target: Engine) -> None:
    change(
        backup,
        "screenings",
        0,
        answers=answers_with(chest_pain=True),
        outcome="go",
        rules_version=CURRENT,
    )

    message = refused(target, backup)

    assert message == (
        f"backup.json: the safety check with id 1: outcome 'go' does not match what rules version "
        f"{CURRENT} gives for its answers ('emergency'); nothing was restored"
    )


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        (answers_with(chest_pain=True), "emergency"),
        (answers_with(cancer_history=True), "see-doctor"),
        # The screen stops at the first emergency "yes"; the rest were never asked.
        ({"urine-difficulty": False, "bladder-bowel-control": True}, "emergency"),
    ],
    ids=["emergency", "see-doctor", "stopped at an emergency"],
)
def test_an_outcome_that_follows_from_todays_rules_restores(
    backup: Any, target: Engine, answers: dict[str, bool], outcome: str
) -> None:
    acknowledged = answers.get("asked-doctor", False)
    change(
        backup,
        "screenings",
        0,
        answers=answers,
        outcome=outcome,
        rules_version=CURRENT,
        doctor_acknowledged=acknowledged,
    )

    summary = restore_backup(target, backup, "backup.json", CATALOG, SCREENING)

    assert summary.inserted["screenings"] == 1


@pytest.mark.parametrize(
    ("values", "text"),
    [
        (
            {"answers": answers_with(cancer_history=True), "outcome": "emergency"},
            "outcome 'emergency' does not match what rules version",
        ),
        (
            {"answers": {"urine-difficulty": False}, "outcome": "go"},
            "answers: unanswered screening items",
        ),
        ({"answers": {**answers_with(), "made-up": True}}, "unknown screening item 'made-up'"),
        ({"answers": {**answers_with(), "chest-pain": "no"}}, "answers: expected an object"),
        ({"doctor_acknowledged": False}, "doctor_acknowledged false does not match"),
    ],
    ids=["too urgent", "unanswered", "unknown item", "not true or false", "acknowledgement"],
)
def test_a_screening_that_todays_rules_cannot_give_is_refused(
    backup: Any, target: Engine, values: dict[str, object], text: str
) -> None:
    change(
        backup,
        "screenings",
        0,
        **{"answers": answers_with(), "outcome": "go", "rules_version": CURRENT, **values},
    )

    message = refused(target, backup)

    assert "the safety check with id 1: " in message and text in message


@pytest.mark.parametrize("flag", ["saddle-numbness", "weight-loss"])
def test_go_despite_a_warning_sign_under_older_rules_is_refused(
    backup: Any, target: Engine, flag: str
) -> None:
    change(backup, "screenings", 0, answers={flag: True, "asked-doctor": True}, outcome="go")

    message = refused(target, backup)

    assert (
        f"the safety check with id 1: outcome 'go' cannot follow a yes to '{flag}', a warning sign "
        "under every rules version (this one was answered under 2026-11-1)"
    ) in message


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        ({"saddle-numbness": True, "asked-doctor": True}, "see-doctor"),
        ({"an-old-question": True, "asked-doctor": False}, "go"),
    ],
    ids=["ranked differently then", "a question no longer asked"],
)
def test_an_older_screening_that_no_warning_sign_contradicts_restores(
    backup: Any, target: Engine, answers: dict[str, bool], outcome: str
) -> None:
    change(backup, "screenings", 0, answers=answers, outcome=outcome, rules_version="2025-1-1")

    summary = restore_backup(target, backup, "backup.json", CATALOG, SCREENING)

    assert summary.inserted["screenings"] == 1
