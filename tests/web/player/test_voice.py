"""Every cue is spoken: by the browser's own voice while the page is shown (a fake Web Speech
voice here, since headless Chromium has none), by server-made clips on the audio clock when
the browser has no voice or the page is hidden; rate and volume come from the settings.
"""

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.web.player.conftest import begin_session, wait_for
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FAKE_VOICE = """
window.__spoken = [];
window.__hidden = false;
const voice = {name: "Test voice", lang: "en-GB", voiceURI: "test", default: true,
               localService: true};
Object.defineProperty(window, "speechSynthesis", {value: {
  getVoices: () => [voice],
  speak: (u) => window.__spoken.push({text: u.text, rate: u.rate, volume: u.volume}),
  cancel: () => {},
  addEventListener: () => {},
}});
Object.defineProperty(Document.prototype, "visibilityState", {
  get() { return window.__hidden ? "hidden" : "visible"; },
});
localStorage.setItem("spinecoach.sound",
  JSON.stringify({voice: "auto", rate: 1.2, volume: 0.5, beeps: true}));
"""
STARTED = """() => spinecoachPlayer.cueLog.map((c) => ({
  text: spinecoachPlayer.playback.cues[c.index].text,
  clip: spinecoachPlayer.sound.log.findLast((e) => e.index === c.index)?.voiced ?? null,
}))"""


def started(page: Page) -> list[dict[str, Any]]:
    cues: list[dict[str, Any]] = page.evaluate(STARTED)
    return cues


def test_the_browser_voice_says_each_cue_while_shown_with_the_chosen_rate_and_volume(
    phone: Page, server: ThreadedServer
) -> None:
    phone.context.add_init_script(FAKE_VOICE)
    begin_session(phone, server.url, "routine=all-six&speed=6")

    wait_for(lambda: len(started(phone)) >= 4, what="four cues")

    spoken = phone.evaluate("window.__spoken")
    cues = started(phone)
    assert not any(c["clip"] for c in cues)  # no server clip doubles the browser's voice
    assert [s["text"] for s in spoken] == [c["text"] for c in cues][: len(spoken)]
    assert len(spoken) >= len(cues) - 1
    assert all(s["rate"] == pytest.approx(1.2) and s["volume"] == 0.5 for s in spoken)
    assert phone.evaluate("spinecoachPlayer.sound.output.gain.value") == pytest.approx(0.5)


def test_when_the_page_is_hidden_server_clips_take_over_on_the_audio_clock(
    phone: Page, server: ThreadedServer
) -> None:
    phone.context.add_init_script(FAKE_VOICE)
    begin_session(phone, server.url, "routine=all-six&speed=6")
    wait_for(lambda: len(started(phone)) >= 2, what="two cues")
    # Hidden and counted in one step: the player runs on between two evaluate calls, and on
    # a loaded machine it once spoke a third cue between reading the count and hiding.
    spoken_while_shown = phone.evaluate(
        "() => { window.__hidden = true; document.dispatchEvent(new Event('visibilitychange'));"
        " return window.__spoken.length; }"
    )
    wait_for(lambda: len(started(phone)) >= 6, what="cues while hidden")

    hidden = started(phone)[-3:]
    assert all(c["clip"] for c in hidden), hidden
    assert len(phone.evaluate("window.__spoken")) == spoken_while_shown
