"""Player fixtures: the static files served bare, and one Chromium shared by a module."""

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import chromium

WEB_DIR = Path(__file__).resolve().parents[3] / "src" / "spinecoach" / "web"


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


@pytest.fixture(scope="module")
def player_browser() -> Iterator[Browser]:
    """One headless Debian Chromium for the module."""
    with chromium() as browser:
        yield browser


@pytest.fixture
def blank_page(player_browser: Browser, static_server: str) -> Iterator[Page]:
    """A page on the static server, ready to import the player's modules."""
    context = player_browser.new_context()
    page = context.new_page()
    page.goto(f"{static_server}/static/player/")
    yield page
    context.close()
