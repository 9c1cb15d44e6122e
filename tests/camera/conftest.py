"""Camera coach fixtures: the real app in a subprocess and a Chromium page on its origin."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.browser import chromium
from tests.web.conftest import start_server


@pytest.fixture(scope="module")
def camera_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app on a temporary SQLite file, once per test module (it only serves files)."""
    folder = tmp_path_factory.mktemp("camera")
    server = start_server(str(folder / "camera.db"), folder / "server.log")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def app_page(camera_server: str) -> Iterator[Page]:
    """A page on the app's origin, so it may import /static/camera/*.js; page errors fail.

    Chromium lives only as long as the module: a Playwright left running would hold the event
    loop that later tests (Textual, other browsers) need.
    """
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{camera_server}/api/form/cat-cow")
        yield page
        context.close()
    assert errors == []
