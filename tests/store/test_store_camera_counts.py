"""The camera coach's counts per exercise: stored, read back, migrated, exported, refused if bad."""

import csv
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect

from spinecoach.errors import InvalidInputError
from spinecoach.records import CameraCounts, PersonRecord
from spinecoach.store.backup_csv import CSV_ENCODING, write_csv_tables
from spinecoach.store.database import downgrade_to, open_database
from spinecoach.store.repository import Repository
from tests.store.conftest import T0, database_at

SEEN = CameraCounts(
    reps_seen=7,
    good_form_seconds=18.5,
    corrections=("Lift your hips a little higher.", "I can't see your knees."),
)
CAMERA_COLUMNS = {"reps_seen", "good_form_seconds", "corrections"}


def session_of(repository: Repository, person: PersonRecord) -> int:
    """Start a desk break for the person and return its id."""
    return repository.start_session(
        person.id,
        started_at=T0,
        routine_id="desk-break",
        routine={"id": "desk-break"},
        planned_seconds=200,
    ).id


def record(
    repository: Repository, session_id: int, position: int, camera: CameraCounts | None
) -> None:
    repository.record_exercise_result(
        session_id,
        exercise_id="hip-bridge",
        position=position,
        completed_at=T0 + timedelta(minutes=position + 1),
        repetitions_done=5,
        hold_seconds_actual=50.0,
        skipped=False,
        camera=camera,
    )


def test_a_result_keeps_what_the_camera_counted_and_none_when_it_was_off(
    repository: Repository, me: PersonRecord
) -> None:
    session = session_of(repository, me)

    record(repository, session, 0, SEEN)
    record(repository, session, 1, None)
    with_camera, without = repository.exercise_results(session)

    assert with_camera.camera == SEEN
    assert without.camera is None
    assert repository.exercise_results_of_person(me.id)[session][0].camera == SEEN


def test_a_camera_session_with_nothing_to_correct_stores_an_empty_list(
    repository: Repository, me: PersonRecord
) -> None:
    session = session_of(repository, me)

    record(repository, session, 0, CameraCounts(3, 0.0, ()))

    (result,) = repository.exercise_results(session)
    assert result.camera == CameraCounts(3, 0.0, ())


@pytest.mark.parametrize(
    ("counts", "field"),
    [
        (CameraCounts(-1, 1.0, ()), "camera.reps_seen"),
        (CameraCounts(1, float("nan"), ()), "camera.good_form_seconds"),
        (CameraCounts(1, -2.0, ()), "camera.good_form_seconds"),
        (CameraCounts(1, 1.0, ("",)), "camera.corrections[0]"),
        (CameraCounts(1, 1.0, ("x" * 301,)), "camera.corrections[0]"),
        (CameraCounts(1, 1.0, ("ok",) * 201), "camera.corrections"),
    ],
)
def test_bad_camera_counts_are_refused_naming_the_field_and_nothing_is_written(
    sqlite_repository: Repository, counts: CameraCounts, field: str
) -> None:
    person = sqlite_repository.ensure_default_person(T0)
    session = session_of(sqlite_repository, person)

    with pytest.raises(InvalidInputError, match="^" + re.escape(field) + ":"):
        record(sqlite_repository, session, 0, counts)

    assert sqlite_repository.exercise_results(session) == []


def test_migration_0005_adds_the_columns_to_old_results_as_null_and_0004_drops_them(
    tmp_path: Path,
) -> None:
    url = database_at(tmp_path / "old.db", "0004")

    upgraded = open_database(url)
    (old,) = Repository(upgraded).exercise_results(1)
    columns_after = {c["name"] for c in inspect(upgraded).get_columns("exercise_results")}
    downgrade_to(url, "0004")  # with SQLite's keys off, as the app migrates
    columns_back = {c["name"] for c in inspect(upgraded).get_columns("exercise_results")}
    upgraded.dispose()

    assert old.camera is None and old.repetitions_done == 5
    assert columns_after >= CAMERA_COLUMNS
    assert columns_back & CAMERA_COLUMNS == set()


def test_the_spreadsheet_export_has_the_camera_columns(sqlite_url: str, tmp_path: Path) -> None:
    engine = open_database(sqlite_url)
    repository = Repository(engine)
    session = session_of(repository, repository.ensure_default_person(T0))
    record(repository, session, 0, SEEN)
    record(repository, session, 1, None)

    write_csv_tables(engine, tmp_path / "csv")
    engine.dispose()

    with (tmp_path / "csv" / "exercise_results.csv").open(encoding=CSV_ENCODING) as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["reps_seen"], r["good_form_seconds"]) for r in rows] == [("7", "18.5"), ("", "")]
    assert rows[0]["corrections"] == (
        '["Lift your hips a little higher.", "I can\'t see your knees."]'
    )
    assert rows[1]["corrections"] == ""
