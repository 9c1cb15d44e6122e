"""Cues sound on time while the page is hidden and its main thread is frozen.

Headless Chromium cannot hide a page (it ignores minimising, and refuses to freeze a visible
page through Page.setWebLifecycleState), so the test emulates what a locked phone does to the
page: `document.visibilityState` reads "hidden" (with its event), and the main thread is
stopped outright through the debugger, harder than any throttling. Only the audio thread runs.
The page's audio-thread probe records the frame at which each cue's sound began.

A pause asked of the debugger lands only when script next runs, which on a busy machine can be
seconds later; a heartbeat every 20 ms makes it land at once and, by its longest silence, says
exactly when the main thread was stopped.
"""

import time
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.hidden_page import HIDDEN_SHIM, SET_HIDDEN
from tests.web.player.conftest import begin_session
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FROZEN_SECONDS = 15
TOLERANCE_MS = 20
START_HEARTBEAT = """
window.__beats = [performance.now()];
setInterval(() => __beats.push(performance.now()), 20);
"""
LONGEST_SILENCE = """() => {
  let from = 0, until = 0;
  for (let i = 1; i < __beats.length; i++)
    if (__beats[i] - __beats[i - 1] > until - from) [from, until] = [__beats[i - 1], __beats[i]];
  return [from, until];
}"""


def test_cues_sound_on_their_deadlines_while_the_page_is_hidden_and_frozen(
    phone: Page, server: ThreadedServer
) -> None:
    phone.context.add_init_script(HIDDEN_SHIM)
    begin_session(phone, server.url, "routine=all-six&speed=3")
    phone.wait_for_timeout(1500)
    phone.evaluate(SET_HIDDEN, True)
    devtools = phone.context.new_cdp_session(phone)
    devtools.send("Debugger.enable")
    phone.evaluate(START_HEARTBEAT)

    devtools.send("Debugger.pause")
    time.sleep(FROZEN_SECONDS)
    devtools.send("Debugger.resume")
    phone.wait_for_timeout(500)  # the display catches up while still hidden
    phone.evaluate(SET_HIDDEN, False)
    phone.wait_for_timeout(500)

    timing: dict[str, Any] = phone.evaluate("spinecoachPlayer.timingReport()")
    frozen_from, frozen_until = phone.evaluate(LONGEST_SILENCE)
    assert frozen_until - frozen_from > (FROZEN_SECONDS - 3) * 1000, "the page was never frozen"
    in_freeze = [
        o for o in timing["onsets"] if o["deadline"] and frozen_from < o["deadline"] < frozen_until
    ]
    assert len(in_freeze) >= 4, timing["onsets"]
    late = [(o["index"], round(o["heard"] - o["deadline"], 2)) for o in in_freeze]
    assert all(abs(ms) <= TOLERANCE_MS for _, ms in late), late
    # The display only learnt of those cues when the page came back.
    shown = {c["index"]: c for c in timing["shown"]}
    long_before_thaw = [o for o in in_freeze if o["deadline"] < frozen_until - 1000]
    assert long_before_thaw
    assert all(
        shown[o["index"]]["lateness"] > 1000 for o in long_before_thaw if o["index"] in shown
    )
    # Caught up: showing the cue due now (or the one before, if one fell due this instant).
    assert timing["due"] - 1 <= timing["current"] <= timing["due"]
