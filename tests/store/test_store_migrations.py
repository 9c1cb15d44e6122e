"""The packaged Alembic migrations build, match, tear down and rebuild the schema."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from spinecoach.store.database import (
    alembic_config,
    create_database_engine,
    downgrade_to_base,
    open_database,
    upgrade_to_head,
)
from spinecoach.store.models import Base
from spinecoach.store.repository import Repository
from tests.store.conftest import T0, database_at

RECORD_TABLES = {
    "preferences",
    "people",
    "screenings",
    "sessions",
    "exercise_results",
    "pain_entries",
    "psfs_entries",
    "reminders",
}
CLINIC_TABLES = {
    "clinics",
    "staff",
    "staff_sign_ins",
    "sign_in_failures",
    "programmes",
    "enrolment_links",
    "devices",
    "alerts",
    "audit_events",
}


def _tables(url: str) -> set[str]:
    """Return the table names in the database at the URL."""
    engine = create_database_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _revision(engine: Engine) -> str | None:
    """Return the migration the database is at."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_upgrade_creates_every_record_table(database_url: str) -> None:
    upgrade_to_head(database_url)

    assert _tables(database_url) == RECORD_TABLES | CLINIC_TABLES | {"alembic_version"}


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = open_database(database_url)

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()

    assert differences == []


def test_downgrade_to_base_drops_the_tables_and_upgrade_builds_them_again(
    database_url: str,
) -> None:
    upgrade_to_head(database_url)

    downgrade_to_base(database_url)
    after_downgrade = _tables(database_url)
    upgrade_to_head(database_url)

    assert after_downgrade & (RECORD_TABLES | CLINIC_TABLES) == set()
    assert _tables(database_url) >= RECORD_TABLES


def test_opening_a_migrated_database_again_keeps_its_records(database_url: str) -> None:
    first = open_database(database_url)
    person = Repository(first).ensure_default_person(T0)
    Repository(first).record_pain(person.id, recorded_at=T0, score=4, context="diary")
    first.dispose()

    second = open_database(database_url)
    entries = Repository(second).pain_entries(person.id)
    revision = _revision(second)
    second.dispose()

    assert [entry.score for entry in entries] == [4]
    assert revision == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_migrations_run_without_an_alembic_ini_in_the_working_directory(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    upgrade_to_head(sqlite_url)

    assert _tables(sqlite_url) >= RECORD_TABLES


def test_a_database_with_history_from_the_first_schema_upgrades_and_keeps_it(
    tmp_path: Path,
) -> None:
    url = database_at(tmp_path / "old.db", "0001")

    upgraded = open_database(url)
    repository = Repository(upgraded)
    sessions = repository.sessions(1)
    results = repository.exercise_results(1)
    revision = _revision(upgraded)
    upgraded.dispose()

    assert [(s.routine_id, s.speed) for s in sessions] == [("desk-break", 1.0)]
    assert [r.exercise_id for r in results] == ["hip-bridge"]
    assert revision == ScriptDirectory.from_config(alembic_config()).get_current_head()
