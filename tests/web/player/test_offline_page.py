"""With the server away, a page never visited comes from the service worker, in the app's look."""

import pytest
from playwright.sync_api import Page, expect

from tests.web.player.conftest import wait_for
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_page_never_visited_while_online_shows_the_offline_page_in_the_apps_look(
    phone: Page, server: ThreadedServer
) -> None:
    phone.goto(f"{server.url}/play?routine=desk-break")
    phone.evaluate("navigator.serviceWorker.ready")
    wait_for(lambda: phone.evaluate("Boolean(navigator.serviceWorker.controller)"), what="sw")
    server.stop()

    phone.goto(f"{server.url}/history")

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "spinecoach does not answer right now"
    )
    expect(phone.get_by_role("link", name="Open the session player")).to_be_visible()
    expect(phone.locator(".site-header")).to_be_visible()
    # The site's stylesheet, also from the worker's cache: the page is not bare text.
    styled = phone.evaluate("getComputedStyle(document.querySelector('.notice')).borderTopStyle")
    assert styled == "solid"
