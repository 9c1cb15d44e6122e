"""Shared web fixtures: the real app served by uvicorn in a subprocess, and Chromium pages."""

import os
import re
import socket
import ssl
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
from tests.web.threaded_server import ThreadedServer

SPINECOACH = str(Path(sys.executable).parent / "spinecoach")
STARTUP_SECONDS = 30
# The name a phone would reach `serve --lan` by; browsers are told it is 127.0.0.1.
PHONE_HOST = "phone-test.home"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def free_port_pair() -> int:
    """Return a port that is free on 127.0.0.1 with the next one too (`serve --lan` uses both)."""
    for _ in range(50):
        port = free_port()
        if port < 65535:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                try:
                    probe.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
                return port
    raise AssertionError("no two neighbouring free ports on 127.0.0.1")


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
    db: str,
    log: Path,
    *args: str,
    port: int | None = None,
    wait: bool = True,
    scheme: str = "http",
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
    server = Server(process, f"{scheme}://127.0.0.1:{port}", port, log)
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


def start_lan_server(db: str, log: Path, *args: str) -> Server:
    """Start `serve --lan` kept on loopback (tests never send traffic to a network address)."""
    lan = ("--lan", "--host", "127.0.0.1", *args)
    return start_server(db, log, *lan, port=free_port_pair(), scheme="https")


def printed_link(server: Server) -> str:
    """Return the secret link `serve --lan` printed."""
    found = re.search(r"https?://\S+\?token=[A-Za-z0-9_-]+", server.output())
    assert found, server.output()
    return found.group(0)


def authority_trust(server: Server, host: str = "127.0.0.1") -> ssl.SSLContext:
    """Return TLS settings trusting the authority a `serve --lan` hands out on its setup port."""
    url = f"http://127.0.0.1:{server.port + 1}/spinecoach-ca.pem"
    pem = httpx.get(url, headers={"Host": f"{host}:{server.port + 1}"}).text
    return ssl.create_default_context(cadata=pem)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """A fresh SQLite file for one test."""
    return tmp_path / "web.db"


@pytest.fixture
def web_server(db_file: Path) -> Iterator[str]:
    """Serve the real app with uvicorn on a free port and a temporary SQLite file; yield its URL."""
    server = ThreadedServer(db_file, free_port())
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def lan_server(db_file: Path, tmp_path: Path) -> Iterator[Server]:
    """`serve --lan` on loopback whose certificate and link name the phone's host name."""
    server = start_lan_server(str(db_file), tmp_path / "lan.log", "--lan-name", PHONE_HOST)
    try:
        yield server
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
