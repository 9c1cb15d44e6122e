"""A database held by another writer: the command says so in one line, exit 2, nothing written."""

import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest

from tests.cli.conftest import Run
from tests.conftest import PostgresServer
from tests.write_lock import write_lock

# PostgreSQL's lock wait, given short in the database URL as a clinic may give it.
SHORT_LOCK_WAIT = "?options=-c%20lock_timeout%3D300"


def _assert_one_busy_line(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("spinecoach: the database is busy"), done.stderr


def test_a_diary_entry_on_a_sqlite_file_another_process_writes_is_one_line_exit_2(
    spinecoach: Run, db_file: Path
) -> None:
    assert spinecoach("pain", "2").returncode == 0

    with write_lock(db_file):
        done = spinecoach("pain", "3")

    _assert_one_busy_line(done)
    with sqlite3.connect(db_file) as connection:
        assert connection.execute("SELECT score FROM pain_entries").fetchall() == [(2,)]


@pytest.mark.postgres
def test_a_diary_entry_on_a_postgres_table_another_transaction_holds_is_one_line_exit_2(
    spinecoach: Run, postgres_server: PostgresServer
) -> None:
    url = postgres_server.create_database()
    conninfo = url.replace("postgresql+psycopg", "postgresql")
    assert spinecoach("pain", "2", "--db", url).returncode == 0

    with psycopg.connect(conninfo) as other:
        other.execute("LOCK TABLE pain_entries IN ACCESS EXCLUSIVE MODE")
        done = spinecoach("pain", "3", "--db", url + SHORT_LOCK_WAIT)
        other.rollback()

    _assert_one_busy_line(done)
    with psycopg.connect(conninfo) as connection:
        stored = connection.execute("SELECT score FROM pain_entries").fetchall()
    assert stored == [(2,)]
