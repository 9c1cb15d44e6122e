"""Sound settings are kept in this browser, in the shape the player reads."""

import json

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_saved_sound_settings_are_stored_for_the_player_and_shown_again(
    page: Page, web_server: str
) -> None:
    page.goto(web_server + "/settings")
    page.get_by_label("Always spinecoach's own voice").check()
    page.get_by_label(r"Speaking rate").fill("1.3")
    page.get_by_label("Beep at the end of each hold").uncheck()

    page.locator("#settings-form").get_by_role("button", name="Save").click()

    expect(page.locator("#settings-status")).to_have_text("Saved.")
    stored = json.loads(page.evaluate("() => localStorage.getItem('spinecoach.sound')"))
    # The volume left alone is the player's own default, the one it plays at.
    assert stored == {
        "voice": "server",
        "voiceName": "",
        "rate": 1.3,
        "volume": 0.9,
        "beeps": False,
    }
    page.reload()
    expect(page.get_by_label("Always spinecoach's own voice")).to_be_checked()
    expect(page.locator("#rate-value")).to_have_text("1.3")
