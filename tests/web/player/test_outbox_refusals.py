"""The outbox keeps every result: a busy server gets it again, a refusal is shown, not lost."""

import json
from pathlib import Path

import httpx2 as httpx
import pytest
from playwright.sync_api import Page, expect

from tests.web.player.conftest import (
    Rows,
    begin_session,
    finish_with_pain_after,
    pending,
    results_by_position,
    wait_for,
)
from tests.web.threaded_server import ThreadedServer
from tests.write_lock import write_lock

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ALL_SIX = 6


def test_results_refused_while_the_database_is_busy_are_kept_and_sent_again(
    phone: Page, server: ThreadedServer, db_file: Path, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=60")
    wait_for(lambda: results_by_position(rows), what="a first result")

    with write_lock(db_file) as lock:
        # The next result waits for the lock, hears 503 and stays on the device.
        expect(phone.locator("#connection")).to_contain_text("busy", timeout=60_000)
        assert pending(phone) >= 1
        lock.release()
    finish_with_pain_after(phone, 1)

    assert results_by_position(rows) == dict.fromkeys(range(ALL_SIX), 1)
    assert rows("SELECT status FROM sessions") == [("completed",)]
    expect(phone.locator("#kept")).to_be_hidden()


def test_a_result_the_server_refuses_is_shown_and_kept_until_the_person_discards_it(
    phone: Page, server: ThreadedServer, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=60")
    (session,) = rows("SELECT id FROM sessions")[0]
    # Another device recorded the last exercise first: the player's own result is a conflict.
    other = {"position": ALL_SIX - 1, "exercise": "childs-pose", "repetitions_done": 1}
    other |= {"hold_seconds": 0.0, "skipped": True, "idempotency_key": "another-device"}
    sent = httpx.post(f"{server.url}/api/sessions/{session}/results", json=other)
    assert sent.status_code == 201, sent.text

    finish_with_pain_after(phone, 1)

    kept = phone.locator("#kept")
    expect(kept).to_be_visible()
    expect(kept).to_contain_text("1 result was not saved")
    expect(kept).to_contain_text("already recorded")
    with phone.expect_download() as saving:
        phone.click("#kept-save")
    saved = json.loads(Path(saving.value.path()).read_text())
    assert [entry["item"]["body"]["position"] for entry in saved] == [ALL_SIX - 1]
    assert saved[0]["status"] == 409
    phone.reload()  # kept on the device, not only on the page
    expect(phone.locator("#kept")).to_be_visible()
    phone.click("#kept-discard")
    expect(phone.locator("#kept")).to_be_hidden()
    assert phone.evaluate("spinecoachPlayer.outbox.kept()") == []
    assert results_by_position(rows) == dict.fromkeys(range(ALL_SIX), 1)
