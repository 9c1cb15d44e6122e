"""Shared web fixtures: the real app served by uvicorn in a subprocess, and Chromium pages."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, Page
from starlette.testclient import TestClient

from spinecoach.serving import WebSettings
from spinecoach.web.app import create_app
from tests.conftest import PostgresServer

SPINECOACH = str(Path(sys.executable).parent / "spinecoach")
STARTUP_SECONDS = 30


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A running `spinecoach serve` process and the address it answers on."""

    process: subprocess.Popen[bytes]
    url: str
    port: int
    log: Path

    def output(self) -> str:
        """Return what the server printed so far."""
        return self.log.read_text(errors="replace")

    def stop(self) -> str:
        """Stop the server and return what it printed."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.output()


def start_server(
    db: str, log: Path, *args: str, port: int | None = None, wait: bool = True
) -> Server:
    """Start `spinecoach serve` on a free port and wait until it answers."""
    port = port or free_port()
    # Output goes to a file: a pipe nobody reads could fill up and stall the server.
    with log.open("wb") as out:
        process = subprocess.Popen(
            [SPINECOACH, "serve", "--db", db, "--port", str(port), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=os.environ.copy(),
        )
    server = Server(process, f"http://127.0.0.1:{port}", port, log)
    if not wait:
        return server
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early:\n{server.stop()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"server did not start:\n{server.stop()}")


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """A fresh SQLite file for one test."""
    return tmp_path / "web.db"


@pytest.fixture
def web_server(db_file: Path, tmp_path: Path) -> Iterator[str]:
    """Start the real app with uvicorn on a free port and a temporary SQLite file; yield its URL."""
    server = start_server(str(db_file), tmp_path / "server.log")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def client(web_server: str) -> Iterator[httpx.Client]:
    """An HTTP client on the running server."""
    with httpx.Client(base_url=web_server, timeout=30) as http:
        yield http


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser page (own cookies and storage) at phone-friendly defaults."""
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on SQLite, and on the test run's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'api.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    """The app in-process on a fresh database (SQLite and PostgreSQL), as a test client."""
    settings = WebSettings(database_url=database_url, extra_hosts=("testserver",))
    with TestClient(create_app(settings), base_url="http://testserver") as test_client:
        yield test_client
