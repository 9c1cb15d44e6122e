"""Processes opening one database at the same moment: all succeed, none waits without need."""

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url, text

from spinecoach.store.database import create_database_engine, open_database
from spinecoach.store.schema_lock import SCHEMA_LOCK_KEY
from tests.conftest import PostgresServer

SPINECOACH = str(Path(sys.executable).parent / "spinecoach")

# Each child imports what `spinecoach pain` needs, says it is ready and waits for one line on
# stdin, then runs the venv's spinecoach script. Importing takes most of a second and varies
# widely from one process to the next; released together after it, the processes reach the
# empty database within milliseconds of each other, every time, which is the race.
_CHILD = textwrap.dedent(
    """
    import runpy, sys
    import spinecoach.cli.main, spinecoach.cli.storage, spinecoach.coaching.diary
    import spinecoach.store.database, spinecoach.store.repository, alembic.command
    print("ready", flush=True)
    sys.stdin.readline()
    sys.argv = sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")
    """
)


def _pain_all_at_once(
    database_url: str, scores: list[int]
) -> list[subprocess.CompletedProcess[str]]:
    """Run `spinecoach pain SCORE` for every score, all released onto the database together."""
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, SPINECOACH, "pain", str(score), "--db", database_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for score in scores
    ]
    try:
        for child in children:
            assert child.stdout is not None
            assert child.stdout.readline() == "ready\n", child.communicate(timeout=60)[1]
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outputs = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    return [
        subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
        for child, (stdout, stderr) in zip(children, outputs, strict=True)
    ]


def _stored_scores(database_url: str) -> list[int]:
    engine = create_database_engine(database_url)
    try:
        with engine.connect() as connection:
            query = text("SELECT score FROM pain_entries ORDER BY score")
            return [int(score) for score in connection.execute(query).scalars()]
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("count", [4, 8])
def test_processes_opening_a_new_database_together_all_store_their_score(
    database_url: str, count: int
) -> None:
    scores = list(range(count))

    done = _pain_all_at_once(database_url, scores)

    failed = [(run.returncode, run.stderr[-600:]) for run in done if run.returncode != 0]
    assert failed == []
    assert _stored_scores(database_url) == scores


def test_opening_a_database_at_head_does_not_wait_for_a_sqlite_writer(tmp_path: Path) -> None:
    path = tmp_path / "spinecoach.db"
    open_database(f"sqlite:///{path}").dispose()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write

    try:
        # Taking the write lock here would wait out the busy timeout and fail as locked.
        open_database(f"sqlite:///{path}").dispose()
    finally:
        writer.execute("ROLLBACK")
        writer.close()


@pytest.mark.postgres
def test_opening_a_database_at_head_does_not_wait_for_a_postgres_migration(
    postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = postgres_server.create_database()
    open_database(url).dispose()
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as migrating:
        migrating.execute("SELECT pg_advisory_lock(%s)", [SCHEMA_LOCK_KEY])
        # Waiting for the lock would otherwise never end; this makes it fail after a while.
        monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=10s")

        open_database(url).dispose()
