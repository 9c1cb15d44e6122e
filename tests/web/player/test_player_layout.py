"""The player for a thumb and a glance, measured in Chromium at phone sizes, on its side and zoomed.

The pain stop has a row of its own: in every state and at every size it covers no control and
none of the cue's words, every button keeps its size, and the countdown with its breathing ball
is big enough to read from the floor.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.player.conftest import begin_session, pick_pain, wait_for
from tests.web.player.layout import every_size, jump_to, time_left
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_stop_button_covers_nothing_and_every_button_keeps_its_size_in_every_state(
    phone: Page, server: ThreadedServer
) -> None:
    page = phone
    begin_session(page, server.url, "routine=all-six&speed=1")
    found = every_size(page, "get ready")

    for state, test in [
        ("instruction", "c.kind === 'instruction'"),
        ("hold with pacer", "c.kind === 'hold' && c.breaths.length > 0"),
        ("rest", "c.kind === 'rest'"),
    ]:
        jump_to(page, test)
        if state == "hold with pacer":
            expect(page.locator("#pacer-ball")).to_be_visible()
        found += every_size(page, state)
    page.click("#btn-pause")
    found += every_size(page, "paused")
    page.click("#btn-pause")
    page.context.set_offline(True)
    page.click("#btn-skip")  # from the rest into the next stretch
    page.wait_for_function("() => spinecoachPlayer.playback.current?.kind === 'prepare'")
    page.click("#btn-skip")  # a result to send, with nowhere to send it
    expect(page.locator("#connection")).to_contain_text("No connection")
    found += every_size(page, "offline banner")
    page.context.set_offline(False)

    assert found == []


def test_time_left_for_the_whole_session_shows_and_counts_down(
    phone: Page, server: ThreadedServer
) -> None:
    begin_session(phone, server.url, "routine=desk-break&speed=1")
    expect(phone.locator("#time-left")).to_have_text(re.compile(r"^\d+:\d\d$"))
    first = time_left(phone)

    wait_for(lambda: time_left(phone) < first, seconds=10, what="the time left to go down")

    total = phone.evaluate("spinecoachPlayer.state.timeline.total_seconds")
    assert total - 5 <= first <= total


def test_next_names_the_stretch_and_its_side(phone: Page, server: ThreadedServer) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=1")

    jump_to(phone, "c.kind === 'hold' && c.side === 'left'")
    first_side = phone.locator("#next-up").inner_text()
    jump_to(phone, "c.kind === 'hold' && c.side === 'right'")
    second_side = phone.locator("#next-up").inner_text()
    jump_to(phone, "c.kind === 'rest'")
    resting = phone.locator("#next-up").inner_text()
    rest_words = phone.locator("#cue-text").inner_text()

    assert first_side == "Next: Knee to chest, right side"
    assert second_side == "Next: Seated back twist, left side"
    assert resting == ""  # the rest says it itself, once
    assert rest_words == "Rest. Next: Seated back twist, left side first."


def test_one_start_screen_with_chair_words_starts_a_chair_session(
    phone: Page, server: ThreadedServer
) -> None:
    page = phone
    page.goto(f"{server.url}/start?routine=desk-break")
    page.wait_for_selector("#stage-before:not([hidden])")
    words = page.locator("#setting-words").inner_text()
    pick_pain(page, "before-form", 3)

    page.get_by_role("button", name="Start", exact=True).click()

    page.wait_for_selector("#stage-play:not([hidden])", timeout=60_000)
    assert "chair" in words and "floor" not in words
    assert re.search(r"/play\?session_id=\d+$", page.url)
    # A reload resumes the session it started, with the same words for the chair.
    page.reload()
    page.wait_for_selector("#stage-before:not([hidden])")
    expect(page.locator("#setting-words")).to_have_text(words)
    expect(page.locator("#before-new")).to_be_hidden()


def test_the_sound_dialog_pauses_the_session_and_says_what_settings_says(
    phone: Page, server: ThreadedServer
) -> None:
    page = phone
    begin_session(page, server.url, "routine=all-six&speed=1")

    page.click("#btn-sound")
    paused_while_open = page.evaluate("spinecoachPlayer.playback.paused")
    in_dialog = page.locator("#sound-form label").all_inner_texts()
    page.get_by_role("button", name="Done").click()
    # The dialog's close event comes a task later, so await what it turns back on.
    expect(page.locator("#btn-pause")).to_have_attribute("aria-pressed", "false")
    carried_on = page.evaluate("!spinecoachPlayer.playback.paused")
    page.goto(f"{server.url}/settings")
    on_settings = page.locator("#settings-form label").all_inner_texts()

    assert paused_while_open and carried_on
    assert in_dialog == on_settings
