"""A session in the browser player against the real server: to the end, pain stop, reload."""

import io
import json
import re
import wave

import pytest
from playwright.sync_api import Page, expect

from tests.web.player.conftest import (
    Rows,
    begin_session,
    finish_with_pain_after,
    pick_pain,
    results_by_position,
    wait_for,
)
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ALL_SIX = 6
# The planned position, as the server gave it, of the exercise the player is in now.
PLANNED_POSITION_NOW = (
    "() => { const p = spinecoachPlayer.playback;"
    " const block = p.blocks.find((b) => b.first <= p.currentIndex && p.currentIndex <= b.last);"
    " return block ? spinecoachPlayer.state.positions[block.position] : null; }"
)


def test_a_session_played_fast_to_the_end_records_every_exercise_and_pain_after(
    phone: Page, server: ThreadedServer, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=80", pain=4)

    finish_with_pain_after(phone, 2)

    assert rows("SELECT status FROM sessions") == [("completed",)]
    assert results_by_position(rows) == dict.fromkeys(range(ALL_SIX), 1)
    assert rows("SELECT COUNT(*) FROM exercise_results WHERE skipped") == [(0,)]
    assert sorted(rows("SELECT context, score FROM pain_entries")) == [("after", 2), ("before", 4)]
    expect(phone.locator("#summary-facts")).to_contain_text("Pain after: 2")


def test_pain_got_worse_stops_at_once_silences_the_sound_and_is_recorded(
    phone: Page, server: ThreadedServer, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=1")
    # Still in the first stretch's "Get ready": no movement has started.
    assert phone.evaluate("() => spinecoachPlayer.playback.current.kind") == "prepare"

    phone.click("#btn-pain")

    expect(phone.locator("#stage-pain")).to_be_visible()
    expect(phone.locator("#stage-play")).to_be_hidden()
    state = phone.evaluate(
        "() => ({reason: spinecoachPlayer.playback.finished.reason,"
        " scheduled: spinecoachPlayer.sound.scheduled.size})"
    )
    assert state == {"reason": "pain", "scheduled": 0}
    wait_for(lambda: rows("SELECT status FROM sessions") == [("stopped-pain",)], what="pain stop")
    expect(phone.locator("#pain-recorded")).to_contain_text("Recorded")
    expect(phone.locator("#pain-advice li").first).to_be_visible()
    # The stretch coming up was never started, so it is not blamed (not left out of plans).
    assert rows("SELECT pain_worse_during FROM sessions") == [(None,)]
    expect(phone.locator("#pain-advice")).not_to_contain_text("left out")

    # The score is asked for on the same page, once the person is ready.
    pick_pain(phone, "pain-now-form", 6)
    phone.click("#pain-now-form button[type=submit]")

    wait_for(
        lambda: (
            rows("SELECT context, score FROM pain_entries WHERE context = 'after'")
            == [("after", 6)]
        ),
        what="pain after the stop",
    )
    expect(phone.locator("#pain-recorded")).to_contain_text("pain now 6 of 10")
    expect(phone.locator("#pain-now-form")).to_be_hidden()


def test_a_reload_in_the_middle_resumes_at_the_exercise_in_progress(
    phone: Page, server: ThreadedServer, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=40")
    wait_for(lambda: len(results_by_position(rows)) >= 2, what="two results")

    phone.reload()

    expect(phone.locator("#before-title")).to_have_text("Carry on where you stopped")
    phone.click("#before-form button[type=submit]")
    phone.wait_for_selector("#stage-play:not([hidden])")
    # The first cue begins a sound lead (60 ms) after the player shows.
    phone.wait_for_function("spinecoachPlayer.playback.currentIndex !== null")
    # Paused, so at speed 40 the player cannot finish the exercise while we look; a result the
    # outbox held over the reload may still be on its way.
    phone.keyboard.press("Space")
    resumed_at = phone.evaluate(PLANNED_POSITION_NOW)
    wait_for(lambda: max(results_by_position(rows)) + 1 == resumed_at, what="results so far")
    phone.keyboard.press("Space")
    finish_with_pain_after(phone, 3)
    assert results_by_position(rows) == dict.fromkeys(range(ALL_SIX), 1)


def test_maria_resumes_avoiding_kneeling_and_results_keep_their_planned_positions(
    phone: Page, server: ThreadedServer, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=40")
    wait_for(lambda: len(results_by_position(rows)) >= 2, what="two results")
    phone.keyboard.press("Space")  # paused: nothing more ends while the page changes
    wait_for(lambda: phone.evaluate("spinecoachPlayer.outbox.pending()") == 0, what="all sent")
    done = set(results_by_position(rows))

    phone.goto(f"{server.url}/play?avoid=kneeling&speed=40&probe=1")
    expect(phone.locator("#before-title")).to_have_text("Carry on where you stopped")
    notes = phone.evaluate("spinecoachPlayer.state.notes")
    phone.click("#before-form button[type=submit]")
    finish_with_pain_after(phone, 3)

    kneeling = {4, 5}  # cat-cow and child's pose close all-six; both kneel
    stored = results_by_position(rows)
    assert set(stored) == set(range(ALL_SIX)) - (kneeling - done)
    assert all(count == 1 for count in stored.values())
    assert len(notes) == len(kneeling - done) and all("left out" in note for note in notes)


def test_when_nothing_left_fits_today_the_player_offers_a_new_session_in_its_place(
    phone: Page, server: ThreadedServer, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=desk-break&speed=1")
    phone.keyboard.press("Space")  # interrupted: its only stretch is a twist

    phone.goto(f"{server.url}/play?avoid=twisting&probe=1")

    expect(phone.locator("#stage-problem")).to_be_visible()
    expect(phone.locator("#problem-title")).to_have_text("Your last session cannot carry on today")
    expect(phone.locator("#problem-new")).to_contain_text("start a new session")
    phone.click("#problem-new-link")
    expect(phone).to_have_url(re.compile(r"/start\?avoid=twisting&probe=1$"))
    pick_pain(phone, "before-form", 3)
    phone.click("#before-form button[type=submit]")
    phone.wait_for_selector("#stage-play:not([hidden])", timeout=60_000)
    wait_for(lambda: len(rows("SELECT id FROM sessions")) == 2, what="the new session")
    assert rows("SELECT status FROM sessions ORDER BY id") == [("quit",), ("in-progress",)]
    ((routine,),) = rows("SELECT routine FROM sessions ORDER BY id DESC LIMIT 1")
    planned = [item["exercise"] for item in json.loads(routine)["exercises"]]
    assert planned and "seated-back-twist" not in planned


def test_keys_pause_carry_on_skip_repeat_and_stop_for_pain(
    phone: Page, server: ThreadedServer, rows: Rows
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=1")
    player = "spinecoachPlayer.playback"

    phone.keyboard.press("Space")
    assert phone.evaluate(f"{player}.paused") is True
    expect(phone.locator("#btn-pause")).to_have_attribute("aria-pressed", "true")
    assert phone.evaluate("navigator.mediaSession.playbackState") == "paused"  # lock screen
    phone.keyboard.press("Space")
    assert phone.evaluate(f"{player}.paused") is False
    phone.keyboard.press("ArrowRight")
    wait_for(lambda: rows("SELECT position, skipped FROM exercise_results") == [(0, 1)])
    assert phone.evaluate(f"{player}.current.kind") == "rest"
    phone.keyboard.press("ArrowLeft")  # while resting: the exercise before, once more
    assert phone.evaluate(f"{player}.currentIndex") == 0
    phone.keyboard.press("p")

    expect(phone.locator("#stage-pain")).to_be_visible()
    wait_for(lambda: rows("SELECT status FROM sessions") == [("stopped-pain",)])
    assert rows("SELECT position, skipped FROM exercise_results") == [(0, 1)]


def test_tab_reaches_every_control_and_enter_presses_it(
    phone: Page, server: ThreadedServer
) -> None:
    begin_session(phone, server.url, "routine=all-six&speed=1")

    reached = []
    for _ in range(30):
        phone.keyboard.press("Tab")
        reached.append(phone.evaluate("document.activeElement.id"))
    phone.focus("#btn-pause")
    phone.keyboard.press("Enter")

    assert {"btn-repeat", "btn-pause", "btn-skip", "btn-sound", "btn-end", "btn-pain"} <= set(
        reached
    )
    assert phone.evaluate("spinecoachPlayer.playback.paused") is True


SILENCE_BYTES = """async () => {
  const {silenceUrl} = await import("/static/player/device.js");
  return Array.from(new Uint8Array(await (await fetch(silenceUrl())).arrayBuffer()));
}"""
KEEP_ALIVE = """async () => {
  const audio = document.getElementById("keep-alive");
  if (audio.readyState < 1) await new Promise((loaded) => audio.onloadedmetadata = loaded);
  return {src: audio.src, loop: audio.loop, seconds: audio.duration};
}"""


def test_the_silence_made_in_the_page_is_one_second_of_quiet_wav(blank_page: Page) -> None:
    made = bytes(blank_page.evaluate(SILENCE_BYTES))

    with wave.open(io.BytesIO(made)) as clip:
        assert (clip.getnchannels(), clip.getsampwidth(), clip.getframerate()) == (1, 1, 8000)
        assert clip.getnframes() == 8000
        assert set(clip.readframes(clip.getnframes())) == {0x80}  # 8-bit: 128 is quiet


def test_the_lock_screen_keeps_a_looped_second_of_silence_not_downloaded(
    phone: Page, server: ThreadedServer
) -> None:
    fetched: list[str] = []
    phone.on("request", lambda request: fetched.append(request.url))
    phone.goto(f"{server.url}/play?routine=desk-break")
    phone.wait_for_selector("#stage-before:not([hidden])")

    keep_alive = phone.evaluate(KEEP_ALIVE)

    assert keep_alive["src"].startswith("blob:") and keep_alive["loop"]
    assert keep_alive["seconds"] == pytest.approx(1.0, abs=0.01)  # the browser reads it as audio
    assert not [url for url in fetched if ".wav" in url]
