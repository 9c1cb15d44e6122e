import asyncio
import shutil
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pexpect
import pytest
from textual.pilot import Pilot

from spinecoach.catalog.routine import Routine
from spinecoach.cli.player import PlayerApp
from spinecoach.cli.player_screens import URGENT_SIGNS
from spinecoach.cli.voice import EspeakSpeaker, FakeSpeaker
from spinecoach.clock import SystemClock
from spinecoach.playback import (
    CueStarted,
    Event,
    ExerciseEnded,
    Finished,
    Playback,
    StopReason,
)
from spinecoach.safety.pain import STOP_AND_REST_ADVICE
from spinecoach.timeline import CueKind, compile_timeline
from tests.cli.player_demo import short_routine

DEMO = Path(__file__).with_name("player_demo.py")
Script = Callable[[Pilot[Finished], "Session"], Awaitable[None]]


class Session:
    """One player app on a short routine, with everything it reported and said."""

    def __init__(self, speed: float, repetitions: int = 2) -> None:
        self.routine: Routine = short_routine(repetitions)
        self.cues = compile_timeline(self.routine)
        self.playback = Playback(self.cues, speed=speed)
        self.speaker = FakeSpeaker()
        self.events: list[Event] = []
        self.app = PlayerApp(
            self.routine, self.playback, self.speaker, SystemClock(), self.events.append
        )

    @property
    def started(self) -> list[CueStarted]:
        return [e for e in self.events if isinstance(e, CueStarted)]

    @property
    def ended(self) -> list[ExerciseEnded]:
        return [e for e in self.events if isinstance(e, ExerciseEnded)]

    def screen_text(self) -> str:
        # Textual has no public plain-text export; its SVG screenshot renders these same strips.
        return "\n".join(strip.text for strip in self.app.screen._compositor.render_strips())

    def run(self, script: Script, size: tuple[int, int] = (80, 24)) -> None:
        async def main() -> None:
            async with self.app.run_test(size=size) as pilot:
                await script(pilot, self)

        asyncio.run(main())


async def wait_for(
    pilot: Pilot[Finished], condition: Callable[[], bool], seconds: float = 10
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the player"
        await pilot.pause(0.01)


def test_screen_shows_the_exercise_and_the_current_cue() -> None:
    session = Session(speed=1)
    seen: list[str] = []

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await wait_for(pilot, lambda: "Pain got worse" in s.screen_text())  # footer drawn
        seen.append(s.screen_text())

    session.run(script)

    first = session.cues[0]
    assert first.text[:40] in seen[0]
    assert "Knee to chest" in seen[0]
    assert "Next: what this stretch does" in seen[0]
    assert "a new hip or knee replacement" in seen[0]  # the cautions, before it starts
    assert "Pain got worse" in seen[0]


def test_side_and_repetition_and_breath_are_shown_during_a_hold() -> None:
    # Three times speed: the first hold (10 s) lasts over 3 s, long enough for the check to
    # see it on a loaded machine; at ten times speed a tick late by a second skipped it.
    session = Session(speed=3)
    hold = next(c for c in session.cues if c.kind is CueKind.HOLD)
    seen: list[str] = []

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await wait_for(pilot, lambda: s.playback.current == hold, seconds=30)
        await pilot.press("space")
        await pilot.pause(0.15)
        seen.append(s.screen_text())

    session.run(script)

    assert "Left side · repetition 1 of 2" in seen[0]
    assert hold.text in seen[0]
    assert "Breathe in" in seen[0] or "Breathe out" in seen[0]


def test_space_pauses_and_resumes() -> None:
    session = Session(speed=1)
    states: list[tuple[bool, bool]] = []

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await pilot.press("space")
        await pilot.pause(0.15)
        states.append((s.playback.paused, "PAUSED" in s.screen_text()))
        await pilot.press("space")
        await pilot.pause(0.15)
        states.append((s.playback.paused, "PAUSED" in s.screen_text()))

    session.run(script)

    assert states == [(True, True), (False, False)]


def test_nothing_starts_while_paused() -> None:
    # Speed 10, not 50: on a busy machine a faster routine could end before the pause lands.
    session = Session(speed=10)

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await pilot.press("space")
        count = len(s.events)
        await pilot.pause(1.0)  # at speed 10 that is 10 timeline seconds: several cues
        assert len(s.events) == count
        await pilot.press("space")
        await wait_for(pilot, lambda: len(s.events) > count)

    session.run(script)

    assert session.playback.finished is None


def test_right_arrow_skips_the_exercise() -> None:
    session = Session(speed=5)

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await pilot.press("right")
        await wait_for(pilot, lambda: bool(s.ended))

    session.run(script)

    assert session.ended[0].exercise == "knee-to-chest"
    assert session.ended[0].skipped is True
    following = session.events[session.events.index(session.ended[0]) + 1]
    assert isinstance(following, CueStarted) and following.cue.kind is CueKind.REST


def test_left_arrow_starts_the_exercise_again() -> None:
    session = Session(speed=10)
    inhale = next(c for c in session.cues if c.kind is CueKind.INHALE)

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        # Once the inhale has started, not while it lasts: on a loaded machine the player may
        # be a cue further on by the time the key arrives, still inside the first exercise.
        await wait_for(pilot, lambda: any(e.cue == inhale for e in s.started))
        await pilot.press("left")
        await wait_for(pilot, lambda: [e.index for e in s.started].count(0) == 2)

    session.run(script)

    indexes = [e.index for e in session.started]
    again = indexes.index(0, 1)
    assert indexes[:again] == list(range(again))  # played in order up to the key...
    assert again > session.cues.index(inhale)  # ...at least to the inhale, then from the top
    assert not session.ended  # all within the first exercise: nothing ended


def test_p_stops_for_pain_and_shows_rest_advice_until_a_key() -> None:
    session = Session(speed=5)
    seen: list[str] = []

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await pilot.press("p")
        await pilot.pause(0.2)
        seen.append(s.screen_text())
        seen.append("running" if s.app.is_running else "closed")
        seen.append(repr(s.events[-1]))
        await pilot.press("enter")
        await pilot.pause(0.1)

    session.run(script)

    assert session.events[-1] == Finished(StopReason.PAIN, "knee-to-chest")
    assert session.app.return_value == Finished(StopReason.PAIN, "knee-to-chest")
    assert " ".join(STOP_AND_REST_ADVICE.split()[:6]) in seen[0]
    assert "medical advice" in seen[0]
    assert URGENT_SIGNS.split()[0] in seen[0]
    assert seen[1] == "running"
    assert seen[2] == repr(Finished(StopReason.PAIN, "knee-to-chest"))  # reported before the key
    assert session.speaker.spoken[-1].startswith("Stop now")


def test_q_then_y_quits() -> None:
    session = Session(speed=5)
    asked: list[str] = []

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await pilot.press("q")
        await pilot.pause(0.1)
        asked.append(s.screen_text())
        await pilot.press("y")
        await pilot.pause(0.1)

    session.run(script)

    assert "End the session now?" in asked[0]
    assert session.events[-1] == Finished(StopReason.QUIT, "knee-to-chest")
    assert session.app.return_value == Finished(StopReason.QUIT, "knee-to-chest")


def test_q_then_n_carries_on_playing() -> None:
    session = Session(speed=50)
    states: list[bool] = []

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await pilot.press("q")
        await pilot.pause(0.1)
        states.append(s.playback.paused)
        await pilot.press("n")
        await pilot.pause(0.1)
        states.append(s.playback.paused)
        await wait_for(pilot, lambda: s.playback.finished is not None)

    session.run(script)

    assert states == [True, False]
    assert session.events[-1] == Finished(StopReason.FINISHED, None)


@pytest.mark.parametrize("key", ["ctrl+c", "ctrl+q"])
def test_ctrl_c_asks_like_q_and_n_carries_on(key: str) -> None:
    session = Session(speed=50)
    asked: list[str] = []

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await pilot.press(key)
        await pilot.pause(0.1)
        asked.append(s.screen_text())
        asked.append("paused" if s.playback.paused else "playing")
        await pilot.press("n")
        await wait_for(pilot, lambda: s.playback.finished is not None)

    session.run(script)

    assert "End the session now?" in asked[0]
    assert asked[1] == "paused"
    assert session.events[-1] == Finished(StopReason.FINISHED, None)


def test_ctrl_c_twice_ends_the_session() -> None:
    session = Session(speed=5)

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await pilot.press("ctrl+c")
        await pilot.pause(0.1)
        await pilot.press("ctrl+c")
        await pilot.pause(0.1)

    session.run(script)

    assert session.events[-1] == Finished(StopReason.QUIT, "knee-to-chest")
    assert session.app.return_value == session.events[-1]


def test_playing_through_reports_every_cue_in_order_and_says_each_one() -> None:
    session = Session(speed=50)

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await wait_for(pilot, lambda: s.playback.finished is not None)
        await pilot.pause(0.05)

    session.run(script)

    assert [e.cue for e in session.started] == session.cues
    assert [e.index for e in session.started] == list(range(len(session.cues)))
    assert [e.exercise for e in session.ended] == ["knee-to-chest", "cat-cow"]
    assert not any(e.skipped for e in session.ended)
    assert session.events[-1] == Finished(StopReason.FINISHED, None)
    assert session.app.return_value == Finished(StopReason.FINISHED, None)
    expected: list[str] = []
    for before, cue in zip([None, *session.cues], session.cues, strict=False):
        if before is not None and before.kind is CueKind.HOLD:
            expected.append("<beep x3>")
        expected.append(cue.text)
    assert session.speaker.spoken == expected


def test_cues_start_on_their_deadlines() -> None:
    session = Session(speed=50)

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await wait_for(pilot, lambda: s.playback.finished is not None)

    session.run(script)

    # Every cue starts, in order, never before its deadline, and none stalls. How late cues
    # are to the millisecond depends on the machine's load, so bench/cue_timing.py measures
    # that (p99 and drift); a test bound tight enough to catch a polling tick flaked on a
    # busy two-core machine.
    indexes = [e.index for e in session.started]
    lateness = [e.lateness for e in session.started]
    assert indexes == list(range(len(session.playback.cues)))
    assert min(lateness) >= 0
    assert max(lateness) < 2.0


class LaggingClock(SystemClock):
    """A clock on a starved machine: a second passes between any two readings of it."""

    def __init__(self) -> None:
        self.lag = 0.0

    def monotonic(self) -> float:
        self.lag += 1.0
        return time.monotonic() + self.lag


def test_a_deadline_already_due_when_it_is_set_still_fires() -> None:
    # On a loaded machine the next cue can be due before its timer is set. Textual's one-shot
    # timer drops itself when it starts later than its delay, which left the terminal player
    # showing "All done" with the session never finished (CI, session 9).
    session = Session(speed=25)
    session.app = PlayerApp(
        session.routine, session.playback, session.speaker, LaggingClock(), session.events.append
    )

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await wait_for(pilot, lambda: s.playback.finished is not None)

    session.run(script)

    assert [e.index for e in session.started] == list(range(len(session.cues)))
    assert session.events[-1] == Finished(StopReason.FINISHED, None)


def test_an_error_while_recording_closes_the_player_and_is_raised() -> None:
    session = Session(speed=50)
    handled: list[Event] = []

    def broken(event: Event) -> None:
        handled.append(event)
        if isinstance(event, ExerciseEnded):
            raise OSError("disk full")

    app = PlayerApp(session.routine, session.playback, session.speaker, SystemClock(), broken)

    async def main() -> None:
        async with app.run_test() as pilot:
            await wait_for(pilot, lambda: not app.is_running, seconds=10)

    asyncio.run(main())

    assert isinstance(app.error, OSError)
    # Nothing after the failed event is passed on. (On a loaded machine one late tick may carry
    # the playback to its end, so its own finished flag says nothing about the player.)
    assert isinstance(handled[-1], ExerciseEnded)
    assert sum(isinstance(event, ExerciseEnded) for event in handled) == 1


@pytest.mark.slow
def test_run_player_works_in_a_real_terminal() -> None:
    child = pexpect.spawn(
        sys.executable,
        [str(DEMO), "50", "8"],
        dimensions=(30, 100),
        env={"TERM": "xterm-256color", "PATH": "/usr/bin:/bin"},
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect("Knee to chest")
        child.send(" ")
        child.expect("PAUSED")
        child.send(" ")
        child.send("q")
        child.expect("End the session now")
        child.send("y")
        child.expect("finished: quit knee-to-chest")
        child.expect(pexpect.EOF)
    finally:
        child.close()

    assert child.exitstatus == 0


def test_a_failing_beep_player_turns_the_voice_off_and_the_session_plays_to_the_end(
    tmp_path: Path,
) -> None:
    executable = shutil.which("espeak-ng")
    assert executable
    session = Session(speed=20, repetitions=1)
    notices: list[str] = []

    class NoticedPlayer(PlayerApp):
        def notify(self, message: str, **options: Any) -> None:
            notices.append(message)
            super().notify(message, **options)

    wav = (tmp_path / "speech.wav").open("wb")
    speaker = EspeakSpeaker(executable, wav_output=wav, player=["false"])
    session.app = NoticedPlayer(
        session.routine, session.playback, speaker, SystemClock(), session.events.append
    )

    async def script(pilot: Pilot[Finished], s: Session) -> None:
        await wait_for(pilot, lambda: s.playback.finished is not None, seconds=30)

    try:
        session.run(script)
    finally:
        speaker.close()
        wav.close()

    assert session.app.error is None
    assert session.playback.finished == Finished(StopReason.FINISHED, None)
    assert [e.exercise for e in session.ended] == ["knee-to-chest", "cat-cow"]
    assert len(notices) == 1
    assert notices[0].startswith("Voice is off: false cannot play sound")
