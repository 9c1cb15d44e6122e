"""Nothing lost: the server stops mid-session, the session plays on, every result arrives once."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import Server, start_server
from tests.web.player.conftest import (
    Rows,
    begin_session,
    finish_with_pain_after,
    pending,
    results_by_position,
    wait_for,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def server(server_process: Server) -> Server:
    """`spinecoach serve` in its own process: these tests stop it and start it again."""
    return server_process


ALL_SIX = 6


def test_server_killed_mid_session_and_restarted_receives_every_result_exactly_once(
    phone: Page, server: Server, db_file: Path, tmp_path: Path, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=60")
    wait_for(lambda: results_by_position(rows), what="a first result")

    server.stop()
    wait_for(lambda: pending(phone) >= 2, what="results queued while the server is down")
    expect(phone.locator("#connection")).to_contain_text("No connection")
    expect(phone.locator("#stage-play")).to_be_visible()
    restarted = start_server(str(db_file), tmp_path / "restarted.log", port=server.port)
    try:
        finish_with_pain_after(phone, 1)
    finally:
        restarted.stop()

    assert results_by_position(rows) == dict.fromkeys(range(ALL_SIX), 1)
    assert rows("SELECT status FROM sessions") == [("completed",)]


def test_the_player_opens_with_the_server_stopped_and_says_results_will_be_sent_later(
    phone: Page, server: Server, db_file: Path, tmp_path: Path, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=60")
    phone.evaluate("navigator.serviceWorker.ready")
    wait_for(lambda: phone.evaluate("Boolean(navigator.serviceWorker.controller)"), what="sw")
    wait_for(lambda: results_by_position(rows), what="a first result")
    server.stop()

    phone.reload()

    expect(phone.locator("#before-title")).to_have_text("Carry on where you stopped")
    expect(phone.locator("#connection")).to_contain_text("will be sent when it is back")
    phone.click("#before-form button[type=submit]")
    phone.wait_for_selector("#stage-play:not([hidden])")
    wait_for(lambda: pending(phone) >= 1, what="a result kept on the device")
    restarted = start_server(str(db_file), tmp_path / "restarted.log", port=server.port)
    try:
        finish_with_pain_after(phone, 2)
    finally:
        restarted.stop()
    assert results_by_position(rows) == dict.fromkeys(range(ALL_SIX), 1)
