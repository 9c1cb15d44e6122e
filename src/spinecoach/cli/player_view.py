"""The player's main display: exercise, cue and step, pose figure, countdown, pacer, next up."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from spinecoach.catalog.routine import Routine
from spinecoach.cli.player_countdown import BigCountdown
from spinecoach.cli.player_figure import PoseFigure, figure_caption, figure_key
from spinecoach.cli.player_guide import guide_text, next_up_text
from spinecoach.cli.player_widgets import (
    BreathPacer,
    breath_at,
    countdown_digits,
    format_clock,
    pacer_label,
    where_text,
)
from spinecoach.playback import Block, Playback, StopReason
from spinecoach.timeline import Cue, CueKind, total_seconds

FIGURE_INTERVAL = 0.25  # seconds between redraws of a moving figure


class SessionView(Widget):
    """Everything the person sees while a session plays, drawn from the playback's state."""

    DEFAULT_CSS = """
    SessionView { height: 1fr; }
    #top { height: 1; background: $panel; padding: 0 1; }
    #routine-name { width: 1fr; color: $text-muted; }
    #position { width: auto; color: $text-muted; margin-right: 2; }
    #status { width: auto; }
    #exercise {
        height: auto;
        border: round $accent;
        border-title-style: bold;
        border-title-color: $text;
        border-subtitle-color: $accent;
        padding: 0 1;
        margin: 0 1;
    }
    #cue-text { text-style: bold; }
    #guide { color: $text-muted; max-height: 6; }
    #guide.cautions { color: $warning; }
    #paused-banner {
        display: none;
        height: 1;
        margin: 0 1;
        content-align: center middle;
        background: $warning;
        color: $background;
        text-style: bold;
    }
    SessionView.paused #paused-banner { display: block; }
    #middle { height: 1fr; min-height: 7; }
    #figure-box { width: 3fr; height: 100%; padding: 0 1; }
    #figure { height: 1fr; }
    #figure-caption { height: auto; max-height: 2; color: $text-muted; }
    #countdown-box { width: 2fr; min-width: 30; height: 100%; }
    #pacer-box { width: 18; height: 100%; }
    #countdown { color: $text; text-style: bold; }
    SessionView.paused #countdown { color: $text-muted; }
    #countdown-label, #breath-label { width: 100%; height: 1; text-align: center; }
    #countdown-label { color: $text-muted; }
    #pacer { height: 1fr; min-height: 4; max-height: 11; }
    #breath-label { color: $text; text-style: bold; }
    #next-up {
        margin: 0 2;
        height: 1;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #progress-row { height: 1; margin: 0 2; }
    #progress { width: 1fr; }
    #progress Bar { width: 1fr; }
    #time-left { width: auto; margin-left: 2; }
    """

    def __init__(self, routine: Routine, playback: Playback, id: str | None = None) -> None:
        super().__init__(id=id)
        self.routine = routine
        self.playback = playback
        self._names = {item.exercise.id: item.exercise.name for item in routine.items}
        self._items = {item.exercise.id: item for item in routine.items}
        self._total = total_seconds(playback.cues)
        self._caption = ""
        self._figure_shown: tuple[tuple[str, str | None] | None, float] | None = None

    def compose(self) -> ComposeResult:
        """Lay out the exercise, the figure, countdown and pacer, what comes next, progress."""
        with Horizontal(id="top"):
            yield Static(f"spinecoach · {self.routine.name}", id="routine-name", markup=False)
            yield Static("", id="position")
            yield Static("", id="status")
        with Vertical(id="exercise"):
            yield Static("", id="cue-text", markup=False)
            yield Static("", id="guide", markup=False)
        yield Static("PAUSED · press space to carry on", id="paused-banner")
        with Horizontal(id="middle"):
            with Vertical(id="figure-box"):
                yield PoseFigure(id="figure")
                yield Static("", id="figure-caption", markup=False)
            with Vertical(id="countdown-box"):
                yield BigCountdown(id="countdown")
                yield Static("seconds left in this step", id="countdown-label")
            with Vertical(id="pacer-box"):
                yield BreathPacer(id="pacer")
                yield Static("", id="breath-label")
        yield Static("", id="next-up", markup=False)
        with Horizontal(id="progress-row"):
            yield ProgressBar(
                total=self._total, show_percentage=False, show_eta=False, id="progress"
            )
            yield Static("", id="time-left")

    def draw(self, now: float, index: int | None) -> None:
        """Show the playback as it is at monotonic time `now`; index is the current cue's."""
        cue = self.playback.current
        if cue is None or index is None:
            return
        item = self._items.get(cue.exercise) if cue.exercise else None
        block = self._block(index)
        panel = self.query_one("#exercise", Vertical)
        panel.border_title = self._title(cue)
        panel.border_subtitle = where_text(cue, item)
        self.query_one("#cue-text", Static).update(cue.text)
        guide = self.query_one("#guide", Static)
        exercise = item.exercise if item else None
        guide.update(guide_text(cue, exercise))
        guide.set_class(
            cue.kind is CueKind.PREPARE and bool(exercise and exercise.cautions), "cautions"
        )
        guide.display = exercise is not None
        self.set_class(self.playback.paused, "paused")
        self.query_one("#position", Static).update(self._position(block))
        self.query_one("#status", Static).update(self._status())
        remaining = self.playback.remaining_in_cue(now)
        self.query_one("#countdown", BigCountdown).value = countdown_digits(remaining)
        breath = breath_at(cue, cue.duration - remaining)
        self.query_one("#pacer", BreathPacer).show(breath)
        self.query_one("#breath-label", Static).update(pacer_label(breath))
        following = self.playback.cues[index + 1] if index + 1 < len(self.playback.cues) else None
        self._draw_figure(cue, cue.duration - remaining, following, now)
        self.query_one("#next-up", Static).update(next_up_text(cue, following, self._names))
        elapsed = min(self.playback.elapsed(now), self._total)
        self.query_one("#progress", ProgressBar).update(progress=elapsed)
        self.query_one("#time-left", Static).update(f"{format_clock(self._total - elapsed)} left")

    def _draw_figure(self, cue: Cue, into_cue: float, following: Cue | None, now: float) -> None:
        key = figure_key(cue, into_cue, following.exercise if following else None)
        width = self.query_one("#figure-caption", Static).size.width
        caption = figure_caption(key.exercise, width) if key else ""
        if key is not None and cue.kind is CueKind.REST:
            # "Next:" is said once, under the cue; the picture only shows where to begin.
            caption = f"Start position for {self._names.get(key.exercise, key.exercise)}"
        if caption != self._caption:
            self._caption = caption
            self.query_one("#figure-caption", Static).update(caption)
        body = (key.exercise, key.side) if key else None
        last = self._figure_shown
        # Drawing takes milliseconds on the event loop, where cues are started: within one
        # exercise and side a moving figure is redrawn at most four times a second, smooth at
        # real speed and keeping fast demonstrations on time. A clock that has not moved
        # since (a fake one in tests) draws the change at once.
        if last is not None and last[0] == body and 0 < now - last[1] < FIGURE_INTERVAL:
            return
        self._figure_shown = (body, now)
        self.query_one("#figure", PoseFigure).show(key)

    def _block(self, index: int) -> Block | None:
        return next((b for b in self.playback.blocks if b.first <= index <= b.last), None)

    def _title(self, cue: Cue) -> str:
        if cue.exercise is not None:
            return self._names.get(cue.exercise, cue.exercise)
        return "All done" if cue.kind is CueKind.FINISH else "Rest"

    def _position(self, block: Block | None) -> str:
        blocks = self.playback.blocks
        return f"exercise {block.position + 1} of {len(blocks)}" if block else ""

    def _status(self) -> str:
        finished = self.playback.finished
        if finished is not None:
            return "Done" if finished.reason is StopReason.FINISHED else "[b]STOPPED[/b]"
        if self.playback.paused:
            return "[reverse $warning b] ⏸ PAUSED [/]"
        return "▶ playing"
