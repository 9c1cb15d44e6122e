"""A database that belongs to another program is refused and left exactly as it was."""

import sqlite3
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import inspect

from spinecoach.errors import InvalidInputError
from spinecoach.store.database import create_database_engine, open_database
from tests.conftest import PostgresServer


def foreign_sqlite(path: Path) -> bytes:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        connection.execute("INSERT INTO recipes (title) VALUES ('lentil soup')")
    connection.close()
    return path.read_bytes()


def test_aforeign_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "recipes.db"
    before = foreign_sqlite(path)
    modified = path.stat().st_mtime_ns

    with pytest.raises(InvalidInputError, match=r"not a spinecoach database.*recipes"):
        open_database(f"sqlite:///{path}")

    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == modified


def test_a_database_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999')")
    connection.close()
    before = path.read_bytes()

    with pytest.raises(InvalidInputError, match=r"newer spinecoach.*9999"):
        open_database(f"sqlite:///{path}")

    assert path.read_bytes() == before


def test_an_empty_sqlite_file_becomes_a_spinecoach_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")

    engine = open_database(f"sqlite:///{path}")

    assert "sessions" in inspect(engine).get_table_names()
    engine.dispose()


@pytest.mark.postgres
def test_a_foreign_postgresql_database_is_refused_and_gets_no_tables(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.create_database()
    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id serial PRIMARY KEY)")

    with pytest.raises(InvalidInputError, match=r"not a spinecoach database.*invoices"):
        open_database(url)

    engine = create_database_engine(url)
    assert inspect(engine).get_table_names() == ["invoices"]
    engine.dispose()
