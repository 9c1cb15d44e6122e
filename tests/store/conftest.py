"""Store fixtures: a fresh database on SQLite and on PostgreSQL, a repository and its person."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spinecoach.records import PersonRecord
from spinecoach.store.database import open_database
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
