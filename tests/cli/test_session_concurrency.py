"""Sessions on one database, played by several real processes at once, never end each other."""

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.cli.conftest import SPINECOACH, answers
from tests.conftest import PostgresServer

pytestmark = pytest.mark.slow


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """One database for all the processes of a test: a SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "shared.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


def _env(database: str) -> dict[str, str]:
    return {**os.environ, "SPINECOACH_DB": database}


def _screen(database: str, tmp_path: Path) -> None:
    path = tmp_path / "go.json"
    path.write_text(json.dumps(answers()))
    done = subprocess.run(
        [SPINECOACH, "screen", "--answers", str(path)],
        env=_env(database),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _query(database: str, sql: str) -> list[tuple[object, ...]]:
    url = database if "://" in database else f"sqlite:///{database}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.mark.parametrize("count", [2, 4])
def test_sessions_started_one_after_another_all_complete_and_record_everything(
    shared_db: str, tmp_path: Path, count: int
) -> None:
    _screen(shared_db, tmp_path)
    processes = []
    for _ in range(count):
        # Each starts while the ones before it are mid-exercise: the case that used to close
        # the earlier session as quit and crash it at the end of its next exercise.
        processes.append(
            subprocess.Popen(
                [SPINECOACH, "session", "desk-break", "--plain", "--no-voice", "--speed", "25"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=_env(shared_db),
            )
        )
        assert processes[-1].stdin is not None
        processes[-1].stdin.write("3\n")
        processes[-1].stdin.flush()
        time.sleep(2)
    outputs = [process.communicate("2\n\n", timeout=240) for process in processes]

    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert "already ended" not in stderr
        assert "was closed" not in stdout  # nobody closed a live one
    statuses = _query(shared_db, "SELECT status FROM sessions ORDER BY id")
    assert statuses == [("completed",)] * count
    per_session = _query(
        shared_db,
        "SELECT session_id, COUNT(*) FROM exercise_results GROUP BY session_id ORDER BY 1",
    )
    assert [done for _, done in per_session] == [1] * count  # desk-break has one exercise


def test_a_killed_session_is_still_resumed_by_the_next_process(
    shared_db: str, tmp_path: Path
) -> None:
    _screen(shared_db, tmp_path)
    env = _env(shared_db)
    with subprocess.Popen(
        [SPINECOACH, "session", "all-six", "--plain", "--no-voice", "--speed", "40"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as victim:
        assert victim.stdin is not None and victim.stdout is not None
        victim.stdin.write("5\n")
        victim.stdin.flush()
        while not victim.stdout.readline().startswith("-- "):
            pass
        victim.kill()
        victim.wait(timeout=10)

    resumed = subprocess.run(
        [SPINECOACH, "session", "--plain", "--no-voice", "--resume", "--speed", "100"],
        input="4\n3\n\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert resumed.returncode == 0, resumed.stderr
    assert _query(shared_db, "SELECT status FROM sessions") == [("completed",)]
    positions = _query(shared_db, "SELECT position FROM exercise_results ORDER BY position")
    assert [p for (p,) in positions] == list(range(6))
