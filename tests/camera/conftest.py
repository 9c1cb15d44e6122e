"""Camera coach fixtures: the real app in a subprocess and a Chromium page on its origin."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

# The web tests' fixtures: Debian's Chromium once per run, the real app on a temporary database.
from tests.web.conftest import browser, db_file, web_server

__all__ = ["browser", "db_file", "web_server"]


@pytest.fixture
def app_page(browser: Browser, web_server: str) -> Iterator[Page]:
    """A page on the running app's origin, so it may import /static/camera/*.js; errors fail."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{web_server}/api/form/cat-cow")
    yield page
    context.close()
    assert errors == []
