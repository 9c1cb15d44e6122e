"""Shared fixtures: a private data directory for every test, a real PostgreSQL server per run."""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from playwright.sync_api import Browser
from psycopg import sql

from tests.browser import chromium
from tests.isolation import Fingerprint, fingerprint, real_data_dir, touched

POSTGRES_BIN_GLOB = "/usr/lib/postgresql/*/bin"

# Taken when this file is imported, before any test changes the environment: where the person's
# own records live, and what was there, so the run can fail if a test wrote to it.
REAL_DATA_DIR = real_data_dir()
REAL_DATA_BEFORE: Fingerprint = fingerprint(REAL_DATA_DIR)
_RUN_DIR = Path(tempfile.mkdtemp(prefix="spinecoach-tests-"))


def pytest_configure(config: pytest.Config) -> None:
    """Point the whole run, fixtures of every scope included, at a throwaway data directory."""
    os.environ["XDG_DATA_HOME"] = str(_RUN_DIR / "xdg-data")
    os.environ["SPINECOACH_DB"] = str(_RUN_DIR / "spinecoach.db")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when the person's real data directory was created or changed."""
    shutil.rmtree(_RUN_DIR, ignore_errors=True)
    problem = touched(REAL_DATA_DIR, REAL_DATA_BEFORE)
    if problem is not None:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("")
            reporter.write_sep("=", "the person's real data was touched", red=True)
            reporter.write_line(problem, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, once per test module.

    Playwright's sync API allows one instance per thread, and while it runs it holds an asyncio
    loop that Textual's tests (asyncio.run) would find running: so it starts and stops with each
    module, never left open for the modules that follow on the same worker.
    """
    with chromium() as launched:
        yield launched


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give the test its own data directory and database, for the app and its subprocesses."""
    data_home = tmp_path / "xdg-data"
    # platformdirs resolves the user data directory from XDG_DATA_HOME on Linux.
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("SPINECOACH_DB", str(tmp_path / "spinecoach.db"))
    return data_home


@dataclass(frozen=True)
class PostgresServer:
    """A throwaway PostgreSQL server on 127.0.0.1 that trusts the postgres user."""

    port: int

    def url(self, database: str) -> str:
        """Return the SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database and return its URL."""
        database = name or f"test_{uuid.uuid4().hex[:16]}"
        conninfo = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        return self.url(database)


def newest_postgres_bin() -> Path:
    """Return the bin directory of the newest installed PostgreSQL, or fail saying what to do."""
    candidates = [Path(path) for path in Path("/").glob(POSTGRES_BIN_GLOB.lstrip("/"))]
    candidates = [path for path in candidates if (path / "initdb").is_file()]
    if not candidates:
        pytest.fail(
            f"PostgreSQL server binaries not found ({POSTGRES_BIN_GLOB}/initdb). Install the "
            "Debian package 'postgresql'; the postgres-marked tests need a real server.",
            pytrace=False,
        )

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))

    return max(candidates, key=version)


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_postgres(command: list[str]) -> list[str]:
    """Prefix a command to run as the postgres user: the server refuses to run as root."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], what: str, log: Path | None = None) -> None:
    """Run a server command, failing the test run with its output if it does not succeed."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        server_log = log.read_text(errors="replace") if log and log.exists() else ""
        pytest.fail(
            f"{what} failed ({done.returncode}): {' '.join(command)}\n"
            f"{done.stdout}\n{done.stderr}\n{server_log}",
            pytrace=False,
        )


@contextmanager
def running_postgres(*, fsync: bool = False) -> Iterator[PostgresServer]:
    """Run a PostgreSQL server in a temporary directory until the block ends.

    Tests run without fsync (nothing they write needs to survive a power cut); the benchmark
    asks for it, to compare with SQLite syncing each commit.
    """
    bin_dir = newest_postgres_bin()
    # Under /tmp rather than pytest's tmp_path: that one is private to root, and the server
    # runs as postgres. The short path also keeps the Unix socket under its length limit.
    root = Path(tempfile.mkdtemp(prefix="spinecoach-pg-"))
    data, log = root / "data", root / "server.log"
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group="postgres")
    try:
        _run(
            _as_postgres(
                [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
            ),
            "initdb",
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
        options += "" if fsync else " -c fsync=off"
        # -l sends the server's output to a file; otherwise the server holds our pipe open.
        start = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options]
        _run(_as_postgres([*start, "-w", "-t", "60", "start"]), "pg_ctl start", log)
        try:
            yield PostgresServer(port=port)
        finally:
            _run(
                _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
                "pg_ctl stop",
                log,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a PostgreSQL server in a temporary directory for the whole test run."""
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """Return the URL of an empty database on the session's PostgreSQL server."""
    return postgres_server.create_database("spinecoach_test")
