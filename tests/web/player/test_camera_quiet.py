"""The camera coach keeps quiet while a cue's words are said and when the next cue is near."""

from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser]

# Must match static/camera/quiet.js: 150 words a minute, a little silence, a correction's length.
WORDS_PER_SECOND = 2.5
MARGIN = 0.6
CORRECTION = 3.5
START = 100.0

PREPARE = "Sit near the front of a steady chair with feet flat"  # 11 words
INHALE = "Breathe in and sit tall"  # 5 words
HOLD = "Hold and keep breathing"  # 4 words


def cue(at: float, duration: float, kind: str, text: str) -> dict[str, Any]:
    return {
        "at": at,
        "duration": duration,
        "kind": kind,
        "text": text,
        "exercise": "seated-back-twist",
        "side": "left" if kind != "prepare" else None,
        "repetition": 1 if kind != "prepare" else None,
        "breaths": [],
    }


CUES = [cue(0, 20, "prepare", PREPARE), cue(20, 3, "inhale", INHALE), cue(23, 10, "hold", HOLD)]

QUIET = """
async ({cues, start, now, rate, pause}) => {
  const {Playback} = await import("/static/player/playback.js");
  const {quietUntil} = await import("/static/camera/quiet.js");
  const playback = new Playback(cues, 1, 0);
  playback.start(start);
  playback.tick(now);
  if (pause) playback.pause(now);
  return quietUntil(playback, now, rate);
}
"""


def spoken(text: str, rate: float = 1.0) -> float:
    return MARGIN + len(text.split()) / (WORDS_PER_SECOND * rate)


def quiet_until(page: Page, now: float, rate: float = 1.0, pause: bool = False) -> float:
    arguments = {"cues": CUES, "start": START, "now": now, "rate": rate, "pause": pause}
    value: float = page.evaluate(QUIET, arguments)
    return value


def test_the_coach_waits_for_the_words_of_the_cue_being_said(blank_page: Page) -> None:
    assert quiet_until(blank_page, START + 1) == pytest.approx(START + spoken(PREPARE))


def test_the_words_go_faster_at_a_faster_speech_rate(blank_page: Page) -> None:
    quiet = quiet_until(blank_page, START + 1, rate=1.4)

    assert quiet == pytest.approx(START + spoken(PREPARE, 1.4))


def test_a_cue_starting_before_a_correction_could_end_keeps_the_coach_quiet_past_it(
    blank_page: Page,
) -> None:
    now = START + 18  # the inhale starts in 2 s, the hold 3 s after it
    inhale_words_end = START + 20 + spoken(INHALE)
    assert inhale_words_end + CORRECTION > START + 23  # so the hold's words count too

    assert quiet_until(blank_page, now) == pytest.approx(START + 23 + spoken(HOLD))


def test_a_long_quiet_stretch_of_a_cue_lets_the_coach_speak_at_once(blank_page: Page) -> None:
    now = START + 10  # the prepare cue's words ended long ago; the next cue is 10 s away

    assert quiet_until(blank_page, now) <= now


def test_while_paused_nothing_is_being_said_so_the_coach_may_speak(blank_page: Page) -> None:
    now = START + 1

    assert quiet_until(blank_page, now, pause=True) == pytest.approx(now)
