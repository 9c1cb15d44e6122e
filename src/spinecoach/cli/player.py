"""The full-screen terminal player: one Textual app that plays a Playback and shows each cue.

Cue starts are driven only by one-shot timers set for the playback's next absolute deadline
on the monotonic clock; the 0.1 s display refresh just redraws the countdown and the pacer.
"""

import asyncio
from collections.abc import Callable, Sequence
from contextlib import suppress

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import Footer

from spinecoach.catalog.routine import Routine
from spinecoach.cli.player_screens import PAIN_SPOKEN, ConfirmQuitScreen, PainAdviceScreen
from spinecoach.cli.player_view import SessionView
from spinecoach.cli.voice import Speaker, announce
from spinecoach.clock import Clock
from spinecoach.playback import CueStarted, Event, Finished, Playback, StopReason
from spinecoach.timeline import Cue

DISPLAY_REFRESH_SECONDS = 0.1
PLAYER_ACTIONS = frozenset({"toggle_pause", "skip", "repeat", "pain", "ask_quit"})

SCREEN_CSS = "Screen { overflow: hidden; }"


class PlayerApp(App[Finished]):
    """Play one session full-screen; returns how it ended."""

    CSS = SCREEN_CSS
    BINDINGS = [  # noqa: RUF012 (Textual declares BINDINGS as a plain class attribute)
        Binding("space", "toggle_pause", "Pause", key_display="space"),
        Binding("right", "skip", "Skip"),
        Binding("left", "repeat", "Repeat"),
        Binding("p", "pain", "Pain got worse"),
        Binding("q", "ask_quit", "Quit"),
        # Ctrl+C and Ctrl+Q are what people press to get out, sometimes by accident while
        # reaching for the keyboard from the mat: both ask first, like q; pressed again, they end.
        Binding("ctrl+c", "interrupt", show=False, priority=True),
        Binding("ctrl+q", "interrupt", show=False, priority=True),
    ]
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        routine: Routine,
        playback: Playback,
        speaker: Speaker,
        clock: Clock,
        on_event: Callable[[Event], None],
    ) -> None:
        super().__init__()
        self.routine = routine
        self.playback = playback
        self._speaker = speaker
        self._clock = clock
        self._on_event = on_event
        self._previous: Cue | None = None
        self._index: int | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._stopped_at: float | None = None
        self._view = SessionView(routine, playback)
        self.finished_sent: Finished | None = None
        self.error: Exception | None = None

    def compose(self) -> ComposeResult:
        """Show the session and the keys."""
        yield self._view
        yield Footer()

    def on_mount(self) -> None:
        """Start playing, and redraw the moving parts ten times a second."""
        self.set_interval(DISPLAY_REFRESH_SECONDS, self._redraw)
        self._play(self.playback.start(self._clock.monotonic()))

    # -- playing ------------------------------------------------------------------------------
    def _on_deadline(self) -> None:
        # A tick is harmless when early or repeated: it plays only what is due by now.
        self._play(self.playback.tick(self._clock.monotonic()))

    def _play(self, events: Sequence[Event]) -> None:
        """Announce and report each event in order, then wait for the next deadline."""
        for event in events:
            if isinstance(event, CueStarted):
                if notice := announce(self._speaker, event, self._previous):
                    self.notify(notice, severity="warning", timeout=8)
                self._previous, self._index = event.cue, event.index
            if not self._emit(event):
                return
            if isinstance(event, Finished):
                self.exit(event)
                return
        self._schedule()
        self._redraw()

    def _emit(self, event: Event) -> bool:
        """Pass the event on; on failure keep the error for run_player and close the app."""
        if isinstance(event, Finished):
            if self.finished_sent is not None:
                return True
            self.finished_sent = event
        try:
            self._on_event(event)
        except Exception as error:  # raised again by run_player once the terminal is restored
            self.error = error
            self._cancel_timer()
            self.exit(return_code=1)
            return False
        return True

    def _schedule(self) -> None:
        """Set one timer for the next absolute deadline; none while paused or finished."""
        self._cancel_timer()
        deadline = self.playback.next_deadline()
        if deadline is not None:
            delay = max(0.0, deadline - self._clock.monotonic())
            # Not Textual's set_timer: its one-shot timer drops itself when it starts later
            # than its delay, and a deadline already due on a loaded machine (delay 0) even
            # divides by zero, so the session never reached its end. asyncio's timer always
            # fires; call_next runs the tick between the app's own messages, as keys are.
            loop = asyncio.get_running_loop()
            self._timer = loop.call_later(delay, self.call_next, self._on_deadline)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _stop(self, reason: StopReason) -> Finished:
        self._cancel_timer()
        self._stopped_at = self._clock.monotonic()  # the display freezes where it stopped
        finished = self.playback.stop(reason, self._stopped_at)
        self._emit(finished)
        self._redraw()
        return finished

    # -- keys ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the player's keys once the session is over."""
        return not (action in PLAYER_ACTIONS and self.playback.finished is not None)

    def action_toggle_pause(self) -> None:
        """Pause, or carry on from where it was paused."""
        now = self._clock.monotonic()
        if self.playback.paused:
            self._play(self.playback.resume(now))
        else:
            self.playback.pause(now)
            self._schedule()
            self._redraw()

    def action_skip(self) -> None:
        """Skip the rest of this exercise."""
        self._play(self.playback.skip_exercise(self._clock.monotonic()))

    def action_repeat(self) -> None:
        """Start this exercise again."""
        self._play(self.playback.repeat_exercise(self._clock.monotonic()))

    def action_pain(self) -> None:
        """Stop at once because the pain got worse, and show what to do now."""
        finished = self._stop(StopReason.PAIN)
        self._speaker.say(PAIN_SPOKEN)
        # The advice stays until a key is pressed: someone lying down in pain may not be
        # looking at the screen, and advice that vanishes at once would never be read.
        self.push_screen(PainAdviceScreen(), lambda _: self.exit(finished))

    def action_ask_quit(self, by_interrupt: bool = False) -> None:
        """Pause and ask whether to end the session."""
        was_paused = self.playback.paused
        self.playback.pause(self._clock.monotonic())
        self._schedule()
        self._redraw()

        def answered(end: bool | None) -> None:
            if end:
                self.exit(self._stop(StopReason.QUIT))
            elif not was_paused:
                self._play(self.playback.resume(self._clock.monotonic()))

        self.push_screen(ConfirmQuitScreen(by_interrupt=by_interrupt), answered)

    def action_interrupt(self) -> None:
        """Ask whether to end the session (Ctrl+C); when already asked, end it."""
        screen = self.screen
        if isinstance(screen, ConfirmQuitScreen):
            screen.dismiss(True)
        elif isinstance(screen, PainAdviceScreen):
            screen.dismiss(None)
        elif self.playback.finished is None:
            self.action_ask_quit(by_interrupt=True)

    # -- drawing ------------------------------------------------------------------------------
    def _redraw(self) -> None:
        """Redraw everything from the playback's state at this moment."""
        if not self._view.is_mounted:
            return
        now = self._stopped_at if self._stopped_at is not None else self._clock.monotonic()
        # NoMatches: the screen is being taken down as the app closes; nothing left to draw.
        with suppress(NoMatches):
            self._view.draw(now, self._index)


def run_player(
    routine: Routine,
    playback: Playback,
    speaker: Speaker,
    clock: Clock,
    on_event: Callable[[Event], None],
) -> Finished:
    """Play the session full-screen until it finishes or is stopped; return how it ended."""
    app = PlayerApp(routine, playback, speaker, clock, on_event)
    # A SIGINT from outside the terminal (kill -INT) raises KeyboardInterrupt out of app.run()
    # once the terminal is restored; it goes up unchanged, so the session stays in progress
    # and the next start offers to resume it.
    result = app.run()
    if app.error is not None:
        raise app.error
    if result is not None:
        return result
    # Closed some other way (a crash Textual has already reported): still end the session.
    finished = playback.stop(StopReason.QUIT, clock.monotonic())
    if app.finished_sent is None:
        on_event(finished)
    if app.return_code:
        raise RuntimeError("the full-screen player failed; `--plain` plays without it")
    return finished
