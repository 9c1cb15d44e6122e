"""Backup and restore: every table round-trips exactly; a bad file changes nothing."""

import copy
import json
from collections.abc import Callable, Iterator
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, select

from spinecoach.catalog.loader import default_catalog
from spinecoach.errors import ConflictError, InvalidInputError
from spinecoach.records import (
    CameraCounts,
    PainContext,
    PainKind,
    PsfsRating,
    ScreeningOutcome,
    SessionStatus,
)
from spinecoach.safety.loader import default_screening
from spinecoach.store.backup import FORMAT_VERSION, export_backup, export_tables, record_tables
from spinecoach.store.backup_restore import restore_backup, upgrade_tables
from spinecoach.store.database import alembic_config, create_database_engine, open_database
from spinecoach.store.models import Base
from spinecoach.store.repository import Repository
from tests.conftest import PostgresServer
from tests.store.conftest import T0

NOW = T0 + timedelta(days=30)
CATALOG = default_catalog()
SCREENING = default_screening()
Rows = dict[str, list[tuple[object, ...]]]


def every_row(engine: Engine) -> Rows:
    """Read every table in primary-key order, straight through SQLAlchemy."""
    with engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in record_tables()
        }


def fill(repository: Repository) -> None:
    """Alice and Bob: screenings, a finished and an unfinished session, results, pain, notes."""
    alice = repository.ensure_default_person(T0)
    repository.set_profile(alice.id, "Alice", 1958, T0)
    bob = repository.add_person("Bob Ødegård", created_at=T0 + timedelta(hours=1))
    repository.record_screening(
        alice.id,
        taken_at=T0,
        answers={"saddle-numbness": False, "asked-doctor": True},
        outcome=ScreeningOutcome.GO,
        rules_version="2026-11-1",
        doctor_acknowledged=True,
    )
    twist = {"exercise": "seated-back-twist", "repetitions": 3, "hold_seconds": 20, "x": 25.5}
    routine = {"id": "desk-break", "name": "Desk break", "exercises": [twist]}
    done = repository.start_session(
        alice.id, started_at=T0, routine_id="desk-break", routine=routine, planned_seconds=200
    )
    repository.record_exercise_result(
        done.id,
        exercise_id="seated-back-twist",
        position=0,
        completed_at=T0 + timedelta(minutes=3, microseconds=123456),
        repetitions_done=3,
        hold_seconds_actual=20.25,
        skipped=False,
    )
    # Columns added by a later migration (0005), one of them a JSON list.
    repository.record_exercise_result(
        done.id,
        exercise_id="hip-bridge",
        position=1,
        completed_at=T0 + timedelta(minutes=3, seconds=30),
        repetitions_done=5,
        hold_seconds_actual=50.0,
        skipped=False,
        camera=CameraCounts(4, 37.25, ("Lift your hips a little higher.", "ça va")),
    )
    repository.finish_session(
        done.id, status=SessionStatus.COMPLETED, ended_at=T0 + timedelta(minutes=4)
    )
    repository.start_session(
        bob.id,
        started_at=T0.astimezone(timezone(timedelta(hours=2))) + timedelta(days=1),
        routine_id="all-six",
        routine={"id": "all-six", "name": "All six stretches", "exercises": []},
        planned_seconds=900,
    )
    repository.record_pain(
        alice.id, recorded_at=T0, score=6, context=PainContext.BEFORE, session_id=done.id
    )
    repository.record_pain(
        alice.id,
        recorded_at=T0 + timedelta(days=2),
        score=3,
        context=PainContext.DIARY,
        region="lumbar",
        kind=PainKind.DULL,
        note='after the "long" walk, ça va\nsecond line',
    )
    # A JSON list column (the ratings) and a table added after the first schema revision.
    repository.record_psfs(
        alice.id,
        taken_at=T0 + timedelta(days=3),
        ratings=[PsfsRating(activity="tying shoes", score=4), PsfsRating(activity="bus", score=6)],
    )


@pytest.fixture
def new_database(
    request: pytest.FixtureRequest, database_url: str, tmp_path: Path
) -> Iterator[Callable[[], Engine]]:
    """Return a maker of further empty databases on the same kind of server."""
    engines: list[Engine] = []

    def make() -> Engine:
        if database_url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / f'other-{len(engines)}.db'}"
        else:
            server: PostgresServer = request.getfixturevalue("postgres_server")
            url = server.create_database()
        engines.append(open_database(url))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def source(database_url: str) -> Iterator[Engine]:
    """A database holding Alice's and Bob's records."""
    engine = open_database(database_url)
    fill(Repository(engine))
    yield engine
    engine.dispose()


def as_file(document: object) -> Any:
    """Return the document as it comes back from a file, so no Python object survives."""
    return json.loads(json.dumps(document))


def test_restore_into_an_empty_database_gives_every_table_row_for_row(
    source: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()

    summary = restore_backup(
        target, as_file(export_backup(source, NOW)), "backup.json", CATALOG, SCREENING
    )

    assert every_row(target) == every_row(source)
    assert summary.inserted["pain_entries"] == 2
    assert sum(summary.skipped.values()) == 0


def test_restoring_the_same_backup_twice_adds_nothing_the_second_time(
    source: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()
    backup = as_file(export_backup(source, NOW))
    restore_backup(target, backup, "backup.json", CATALOG, SCREENING)

    again = restore_backup(target, backup, "backup.json", CATALOG, SCREENING)

    assert sum(again.inserted.values()) == 0
    assert sum(again.skipped.values()) == sum(len(rows) for rows in every_row(source).values())
    assert every_row(target) == every_row(source)


def test_restore_into_the_source_keeps_entries_added_after_the_backup(source: Engine) -> None:
    backup = as_file(export_backup(source, NOW))
    repository = Repository(source)
    later = repository.record_pain(1, recorded_at=NOW, score=2, context=PainContext.DIARY)
    before = every_row(source)

    restore_backup(source, backup, "backup.json", CATALOG, SCREENING)

    assert every_row(source) == before
    assert later.id in [row[0] for row in before["pain_entries"]]


def test_new_records_after_a_restore_get_fresh_ids(
    source: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()
    restore_backup(target, as_file(export_backup(source, NOW)), "backup.json", CATALOG, SCREENING)

    entry = Repository(target).record_pain(1, recorded_at=NOW, score=1, context="diary")

    assert entry.id == max(row[0] for row in every_row(source)["pain_entries"]) + 1


def test_a_row_that_differs_stops_the_restore_and_changes_nothing(
    source: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()
    carol = Repository(target).add_person("Carol", created_at=T0)
    # A record of her own: an empty first-use profile would make way for the backup's person.
    Repository(target).record_pain(carol.id, recorded_at=T0, score=2, context="diary")
    before = every_row(target)

    with pytest.raises(ConflictError, match="the person with id 1 is not the same"):
        restore_backup(
            target, as_file(export_backup(source, NOW)), "backup.json", CATALOG, SCREENING
        )

    assert every_row(target) == before


def test_backup_names_format_version_and_schema_revision_and_covers_every_column(
    source: Engine,
) -> None:
    backup = export_backup(source, NOW)

    assert (backup["format"], backup["format_version"]) == ("spinecoach-backup", FORMAT_VERSION)
    assert backup["schema_revision"] is not None
    tables: Any = backup["tables"]
    assert {name: data["columns"] for name, data in tables.items()} == {
        table.name: list(table.columns.keys()) for table in record_tables()
    }


def broken(change: Callable[[dict[str, Any]], object]) -> Callable[[Any], Any]:
    """Return a function that damages a copy of a backup in one way."""

    def damage(backup: Any) -> Any:
        damaged = copy.deepcopy(backup)
        change(damaged)
        return damaged

    return damage


def _set(path: list[str | int], value: object) -> Callable[[Any], Any]:
    def change(document: Any) -> None:
        for step in path[:-1]:
            document = document[step]
        document[path[-1]] = value

    return broken(change)


PAIN = ["tables", "pain_entries", "rows"]
DAMAGES = {
    "not an object": (lambda backup: [backup], "not a spinecoach backup"),
    "foreign file": (_set(["format"], "something-else"), "not a spinecoach backup"),
    "newer format": (_set(["format_version"], FORMAT_VERSION + 1), "update spinecoach"),
    "newer schema": (_set(["schema_revision"], "9999"), "newer or unknown"),
    "missing table": (broken(lambda b: b["tables"].pop("sessions")), "'sessions' is missing"),
    "unknown table": (_set(["tables", "surprises"], {}), "unknown table(s) surprises"),
    "renamed column": (
        _set(["tables", "people", "columns", 1], "full_name"),
        "tables.people.columns: expected",
    ),
    "short row": (_set([*PAIN, 0], [1, 1]), "tables.pain_entries.rows[0]: expected 10 values"),
    "text score": (_set([*PAIN, 1, 3], "high"), "rows[1].score: expected a whole number"),
    "naive time": (_set([*PAIN, 1, 2], "2026-01-07T09:00:00"), "rows[1].recorded_at: '2026"),
    "null context": (_set([*PAIN, 1, 6], None), "rows[1].context: must not be empty"),
    "long name": (_set(["tables", "people", "rows", 1, 1], "x" * 201), "longer than 200"),
    "score 11": (_set([*PAIN, 1, 3], 11), "break a rule of the database"),
    "not a uuid": (_set([*PAIN, 1, 9], "pain-2"), "uuid: 'pain-2' is not a UUID"),
    "unknown person": (_set([*PAIN, 1, 1], 99), "break a rule of the database"),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_foreign_or_newer_backup_is_refused_and_changes_nothing(
    source: Engine, new_database: Callable[[], Engine], damage: tuple[Callable[[Any], Any], str]
) -> None:
    change, message = damage
    target = new_database()
    backup = change(as_file(export_backup(source, NOW)))

    with pytest.raises(InvalidInputError) as raised:
        restore_backup(target, backup, "backup.json", CATALOG, SCREENING)

    assert raised.value.user_message.startswith("backup.json: ")
    assert message in raised.value.user_message
    assert every_row(target) == {table.name: [] for table in record_tables()}


def first_revision() -> str:
    """Return the oldest schema revision this spinecoach knows."""
    script = ScriptDirectory.from_config(alembic_config())
    (base,) = script.get_bases()
    return base


def as_made_at(revision: str, backup: Any, folder: Path) -> Any:
    """Return a current backup as a spinecoach at `revision` wrote it: its tables and columns."""
    engine = create_database_engine(f"sqlite:///{folder / f'at-{revision}.db'}")
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    old = MetaData()
    old.reflect(bind=engine)
    engine.dispose()
    tables = {}
    for table in old.sorted_tables:
        if table.name == "alembic_version":
            continue
        data = backup["tables"][table.name]
        names = [column.name for column in table.columns]
        keep = [data["columns"].index(name) for name in names]
        rows = [[row[index] for index in keep] for row in data["rows"]]
        tables[table.name] = {"columns": names, "rows": rows}
    return {**backup, "schema_revision": revision, "tables": tables}


def test_a_backup_from_the_first_schema_revision_restores_into_todays_schema(
    source: Engine, new_database: Callable[[], Engine], tmp_path: Path
) -> None:
    old = as_made_at(first_revision(), as_file(export_backup(source, NOW)), tmp_path)
    target = new_database()

    restore_backup(target, old, "old-backup.json", CATALOG, SCREENING)

    restored, original = every_row(target), every_row(source)
    for name, data in old["tables"].items():
        columns = list(Base.metadata.tables[name].columns.keys())
        kept = [columns.index(column) for column in data["columns"]]
        assert [[row[i] for i in kept] for row in restored[name]] == [
            [row[i] for i in kept] for row in original[name]
        ]


def test_upgrading_a_backup_through_the_migrations_keeps_every_value(source: Engine) -> None:
    revision, tables = export_tables(source)
    assert revision is not None

    upgraded = upgrade_tables("backup.json", revision, as_file(tables))

    assert upgraded == as_file(tables)


def test_an_older_backup_breaking_a_rule_is_refused_before_anything_is_written(
    source: Engine, new_database: Callable[[], Engine], tmp_path: Path
) -> None:
    old = as_made_at(first_revision(), as_file(export_backup(source, NOW)), tmp_path)
    old["tables"]["pain_entries"]["rows"][0][1] = 99  # a person who does not exist
    target = new_database()

    with pytest.raises(InvalidInputError, match="break a rule of the database"):
        restore_backup(target, old, "old-backup.json", CATALOG, SCREENING)

    assert every_row(target) == {table.name: [] for table in record_tables()}


def uuids(engine: Engine) -> dict[str, list[str]]:
    """Return every record table's UUIDs in primary-key order."""
    rows = every_row(engine)
    return {
        table.name: [row[list(table.columns.keys()).index("uuid")] for row in rows[table.name]]
        for table in record_tables()
        if "uuid" in table.columns
    }


def test_a_backup_keeps_each_records_uuid(
    source: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()

    restore_backup(target, as_file(export_backup(source, NOW)), "backup.json", CATALOG, SCREENING)

    assert uuids(target) == uuids(source)
    assert all(uuids(source).values())


def test_a_backup_from_before_uuids_gives_its_rows_new_ones_once(
    source: Engine, new_database: Callable[[], Engine], tmp_path: Path
) -> None:
    old = as_made_at("0006", as_file(export_backup(source, NOW)), tmp_path)
    target = new_database()

    restore_backup(target, old, "old-backup.json", CATALOG, SCREENING)
    given = uuids(target)
    again = restore_backup(target, old, "old-backup.json", CATALOG, SCREENING)

    assert sum(again.inserted.values()) == 0
    assert uuids(target) == given
    every = [value for values in given.values() for value in values]
    assert len(set(every)) == len(every) == 10  # every record of fill()
    assert set(every).isdisjoint(value for values in uuids(source).values() for value in values)


def test_a_backup_from_before_uuids_restores_into_its_source_adding_nothing(
    source: Engine, tmp_path: Path
) -> None:
    before = every_row(source)
    old = as_made_at("0006", as_file(export_backup(source, NOW)), tmp_path)

    summary = restore_backup(source, old, "old-backup.json", CATALOG, SCREENING)

    assert sum(summary.inserted.values()) == 0
    assert every_row(source) == before
