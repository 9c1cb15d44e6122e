"""Player fixtures: the bare static files, a screened person's server, and session helpers."""

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.web.api_helpers import answers
from tests.web.conftest import Server, free_port, start_server
from tests.web.threaded_server import ThreadedServer

WEB_DIR = Path(__file__).resolve().parents[3] / "src" / "spinecoach" / "web"
PHONE = {"width": 390, "height": 844}
R = TypeVar("R", ThreadedServer, Server)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""

    def guess_type(self, path: str | Path) -> str:
        # ES modules must be served as JavaScript or Chromium refuses to run them.
        return "text/javascript" if str(path).endswith(".js") else super().guess_type(path)


@pytest.fixture(scope="module")
def static_server() -> Iterator[str]:
    """Serve src/spinecoach/web/ (so /static/player/playback.js) on a free loopback port."""
    handler = partial(_QuietHandler, directory=str(WEB_DIR))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def blank_page(browser: Browser, static_server: str) -> Iterator[Page]:
    """A page on the static server, ready to import the player's modules."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{static_server}/static/player/")
    yield page
    context.close()


@contextmanager
def screened(running: R) -> Iterator[R]:
    """Answer the safety screen on a started server, yield it, stop it at the end."""
    try:
        answered = httpx.post(f"{running.url}/api/screening", json={"answers": answers()})
        assert answered.status_code < 300, answered.text
        yield running
    finally:
        running.stop()


@pytest.fixture
def server(db_file: Path) -> Iterator[ThreadedServer]:
    """The real app on a temporary SQLite file, for a person who passed the safety screen."""
    with screened(ThreadedServer(db_file, free_port())) as running:
        yield running


@pytest.fixture
def server_process(db_file: Path, tmp_path: Path) -> Iterator[Server]:
    """`spinecoach serve` in its own process, for tests that stop it and start it again."""
    with screened(start_server(str(db_file), tmp_path / "server.log")) as running:
        yield running


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page with its own storage; page errors fail the test."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


Rows = Callable[[str], list[tuple[Any, ...]]]


@pytest.fixture
def rows(db_file: Path) -> Rows:
    """Run a query on the server's SQLite file and return the rows."""
    return rows_of(db_file)


def rows_of(db_file: Path) -> Rows:
    """Return a function that runs a query on a SQLite file and returns the rows."""

    def query(sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(db_file) as connection:
            return connection.execute(sql).fetchall()

    return query


def results_by_position(rows: Rows) -> dict[int, int]:
    """Return how many results are stored at each position of the session."""
    return dict(rows("SELECT position, COUNT(*) FROM exercise_results GROUP BY position"))


def pending(page: Page) -> int:
    """Return how many results the player's outbox still holds to send."""
    count: int = page.evaluate("spinecoachPlayer.outbox.pending()")
    return count


def wait_for(condition: Callable[[], Any], seconds: float = 60, what: str = "condition") -> Any:
    """Poll until the condition is true and return its value, or fail saying what was awaited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def pick_pain(page: Page, form: str, score: int) -> None:
    """Choose a score on a pain scale as a person would, by its label."""
    page.locator(f"#{form} .pain-scale label").nth(score).click()


def begin_session(page: Page, url: str, query: str, pain: int = 3) -> None:
    """Open the player with a query, answer pain before and press Start; wait until it plays."""
    page.goto(f"{url}/play?{query}&probe=1")
    page.wait_for_selector("#stage-before:not([hidden])")
    pick_pain(page, "before-form", pain)
    page.click("#before-form button[type=submit]")
    page.wait_for_selector("#stage-play:not([hidden])", timeout=60_000)
    # The first cue begins a sound lead (60 ms) after the player shows.
    page.wait_for_function("spinecoachPlayer.playback.currentIndex !== null")


def finish_with_pain_after(page: Page, pain: int) -> None:
    """Wait for the end of the session, answer pain after and wait for the summary."""
    page.wait_for_selector("#stage-after:not([hidden])", timeout=120_000)
    pick_pain(page, "after-form", pain)
    page.click("#after-form button[type=submit]")
    page.wait_for_selector("#stage-summary:not([hidden])", timeout=60_000)
