"""Backups carry the person's name and birth year, and restore into a first-use database."""

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, MetaData

from spinecoach.catalog.loader import default_catalog
from spinecoach.errors import ConflictError
from spinecoach.records import PersonRecord
from spinecoach.safety.loader import default_screening
from spinecoach.store.backup import export_backup
from spinecoach.store.backup_restore import restore_backup
from spinecoach.store.database import alembic_config, create_database_engine, open_database
from spinecoach.store.repository import Repository
from tests.conftest import PostgresServer
from tests.store.conftest import T0

NOW = T0 + timedelta(days=30)
CATALOG = default_catalog()
SCREENING = default_screening()
ROUTINE = {"id": "desk-break", "name": "Desk break", "exercises": []}


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
def maria(database_url: str) -> Iterator[Engine]:
    """Maria Lopez, born 1961, with one session and one pain score."""
    engine = open_database(database_url)
    repository = Repository(engine)
    person = repository.ensure_default_person(T0)
    repository.set_profile(person.id, "Maria Lopez", 1961, T0)
    repository.start_session(
        person.id, started_at=T0, routine_id="desk-break", routine=ROUTINE, planned_seconds=200
    )
    repository.record_pain(person.id, recorded_at=T0, score=4, context="diary")
    yield engine
    engine.dispose()


def as_file(document: object) -> Any:
    """Return the document as it comes back from a file."""
    return json.loads(json.dumps(document))


def local(engine: Engine) -> PersonRecord:
    """Return the local person as every front end finds them."""
    return Repository(engine).ensure_default_person(NOW)


def test_name_and_birth_year_round_trip_through_a_backup(
    maria: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()

    restore_backup(target, as_file(export_backup(maria, NOW)), "backup.json", CATALOG, SCREENING)

    person = local(target)
    assert (person.name, person.birth_year, person.profile_asked) == ("Maria Lopez", 1961, True)
    assert len(Repository(target).sessions(person.id)) == 1


def test_a_backup_takes_the_place_of_the_empty_profile_made_at_first_use(
    maria: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()
    first_use = Repository(target).ensure_default_person(NOW)
    Repository(target).set_profile(first_use.id, "Someone Else", None, NOW)

    summary = restore_backup(
        target, as_file(export_backup(maria, NOW)), "backup.json", CATALOG, SCREENING
    )

    person = local(target)
    assert summary.replaced_empty_profile
    assert (person.name, person.birth_year) == ("Maria Lopez", 1961)
    assert len(Repository(target).sessions(person.id)) == 1
    assert [p.score for p in Repository(target).pain_entries(person.id)] == [4]


def test_restoring_the_same_backup_again_changes_nothing(
    maria: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()
    Repository(target).ensure_default_person(NOW)
    backup = as_file(export_backup(maria, NOW))
    restore_backup(target, backup, "backup.json", CATALOG, SCREENING)

    again = restore_backup(target, backup, "backup.json", CATALOG, SCREENING)

    assert not again.replaced_empty_profile
    assert sum(again.inserted.values()) == 0
    assert local(target).name == "Maria Lopez"


def test_a_person_with_records_of_their_own_is_never_replaced(
    maria: Engine, new_database: Callable[[], Engine]
) -> None:
    target = new_database()
    own = Repository(target).ensure_default_person(NOW)
    Repository(target).record_pain(own.id, recorded_at=NOW, score=2, context="diary")

    with pytest.raises(ConflictError, match="the person with id 1 is not the same"):
        restore_backup(
            target, as_file(export_backup(maria, NOW)), "backup.json", CATALOG, SCREENING
        )

    assert local(target) == own


def backup_at(revision: str, folder: Path, people: list[list[object]]) -> dict[str, Any]:
    """Return a backup as a spinecoach at `revision` wrote it, holding only these people."""
    engine = create_database_engine(f"sqlite:///{folder / f'at-{revision}.db'}")
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    old = MetaData()
    old.reflect(bind=engine)
    engine.dispose()
    tables: dict[str, Any] = {
        table.name: {"columns": [column.name for column in table.columns], "rows": []}
        for table in old.sorted_tables
        if table.name != "alembic_version"
    }
    tables["people"]["rows"] = people
    return {
        "format": "spinecoach-backup",
        "format_version": 1,
        "schema_revision": revision,
        "exported_at": NOW.isoformat(),
        "tables": tables,
    }


def test_a_backup_from_before_names_restores_with_no_name_in_place_of_me(
    tmp_path: Path,
) -> None:
    old = backup_at("0006", tmp_path, [[1, "me", "2026-01-05T09:00:00+00:00"]])
    target = open_database(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        restore_backup(target, old, "old.json", CATALOG, SCREENING)

        person = local(target)
    finally:
        target.dispose()

    assert (person.id, person.name, person.birth_year, person.created_at) == (1, None, None, T0)


def test_a_backup_restores_into_its_own_database_after_a_rename(maria: Engine) -> None:
    backup = as_file(export_backup(maria, NOW))
    person = local(maria)
    Repository(maria).set_profile(person.id, "Maria López García", 1961, NOW)

    summary = restore_backup(maria, backup, "backup.json", CATALOG, SCREENING)

    # The name is kept as it is now: a restore adds what is missing and changes nothing stored.
    assert sum(summary.inserted.values()) == 0
    assert local(maria).name == "Maria López García"
