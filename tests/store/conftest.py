"""Store fixtures: a fresh database on SQLite and on PostgreSQL, a repository and its person."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command

from spinecoach.records import PersonRecord
from spinecoach.store.database import alembic_config, create_database_engine, open_database
from spinecoach.store.repository import Repository
from tests.conftest import PostgresServer

# Monday morning, the first day of the records in these tests.
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of a new, empty database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'spinecoach.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Return the URL of a new SQLite file, for behaviour that does not depend on the database."""
    return f"sqlite:///{tmp_path / 'spinecoach.db'}"


@pytest.fixture
def repository(database_url: str) -> Iterator[Repository]:
    """Open the database (migrating it) and close its connections after the test."""
    engine = open_database(database_url)
    yield Repository(engine)
    engine.dispose()


@pytest.fixture
def sqlite_repository(sqlite_url: str) -> Iterator[Repository]:
    """Open a SQLite file database and close it after the test."""
    engine = open_database(sqlite_url)
    yield Repository(engine)
    engine.dispose()


@pytest.fixture
def me(repository: Repository) -> PersonRecord:
    """The one local person of a laptop install."""
    return repository.ensure_default_person(T0)


def database_at(path: Path, revision: str, status: str = "completed") -> str:
    """Create a SQLite file at an old schema revision holding one session with one result.

    Return its URL; the session has the given status, its result is position 0 (hip-bridge).
    """
    url = f"sqlite:///{path}"
    engine = create_database_engine(url)
    config = alembic_config()
    ended = "'2026-11-01 08:04:00'" if status != "in-progress" else "NULL"
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.exec_driver_sql(
            "INSERT INTO people (id, name, created_at) VALUES (1, 'me', '2026-11-01 08:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO sessions (id, person_id, started_at, routine_id, routine, "
            "planned_seconds, status, ended_at) VALUES (1, 1, '2026-11-01 08:00:00', "
            f"'desk-break', '{{\"id\": \"desk-break\"}}', 227, '{status}', {ended})"
        )
        connection.exec_driver_sql(
            "INSERT INTO exercise_results (id, session_id, exercise_id, position, completed_at, "
            "repetitions_done, hold_seconds_actual, skipped) VALUES (1, 1, 'hip-bridge', "
            "0, '2026-11-01 08:03:00', 5, 50.0, 0)"
        )
    engine.dispose()
    return url
