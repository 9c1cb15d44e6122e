"""The player's main display: exercise, step, countdown, breathing pacer, next up, progress."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Digits, ProgressBar, Static

from spinecoach.catalog.routine import Routine
from spinecoach.cli.player_widgets import (
    BreathPacer,
    breath_at,
    countdown_digits,
    format_clock,
    next_up_text,
    pacer_label,
    where_text,
)
from spinecoach.playback import Playback, StopReason
from spinecoach.timeline import Cue, CueKind, total_seconds


class SessionView(Widget):
    """Everything the person sees while a session plays, drawn from the playback's state."""

    DEFAULT_CSS = """
    SessionView { height: 1fr; }
    #top { height: 1; background: $panel; padding: 0 1; }
    #routine-name { width: 1fr; color: $text-muted; }
    #status { width: auto; }
    #exercise {
        height: auto;
        border: round $accent;
        border-title-style: bold;
        border-title-color: $text;
        padding: 0 2;
        margin: 1 1 0 1;
    }
    #where { color: $accent; text-style: italic; }
    #cue-text { text-style: bold; min-height: 2; margin-top: 1; }
    #paused-banner {
        display: none;
        height: 3;
        margin: 1 1 0 1;
        content-align: center middle;
        background: $warning;
        color: $background;
        text-style: bold;
    }
    SessionView.paused #paused-banner { display: block; }
    #middle { height: 1fr; min-height: 6; margin-top: 1; }
    #countdown-box, #pacer-box { width: 1fr; height: 100%; }
    #countdown-box, #pacer-box { align-vertical: middle; }
    #countdown { width: 100%; text-align: center; color: $text; }
    SessionView.paused #countdown { color: $text-muted; }
    #countdown-label, #breath-label { width: 100%; text-align: center; color: $text-muted; }
    #pacer { height: 1fr; min-height: 5; max-height: 11; }
    #breath-label { color: $text; text-style: bold; }
    #next-up { margin: 1 2 0 2; height: 1; }
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

    def compose(self) -> ComposeResult:
        """Lay out the exercise, the countdown and pacer, what comes next and the progress."""
        with Horizontal(id="top"):
            yield Static(f"spinecoach · {self.routine.name}", id="routine-name", markup=False)
            yield Static("", id="status")
        with Vertical(id="exercise"):
            yield Static("", id="where", markup=False)
            yield Static("", id="cue-text", markup=False)
        yield Static("PAUSED · press space to carry on", id="paused-banner")
        with Horizontal(id="middle"):
            with Vertical(id="countdown-box"):
                yield Digits("", id="countdown")
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
        if cue is None:
            return
        item = self._items.get(cue.exercise) if cue.exercise else None
        panel = self.query_one("#exercise", Vertical)
        panel.border_title = self._title(cue)
        panel.border_subtitle = self._position(index)
        self.query_one("#where", Static).update(where_text(cue, item))
        self.query_one("#cue-text", Static).update(cue.text)
        self.set_class(self.playback.paused, "paused")
        self.query_one("#status", Static).update(self._status())
        remaining = self.playback.remaining_in_cue(now)
        self.query_one("#countdown", Digits).update(countdown_digits(remaining))
        breath = breath_at(cue, cue.duration - remaining)
        self.query_one("#pacer", BreathPacer).show(breath)
        self.query_one("#breath-label", Static).update(pacer_label(breath))
        upcoming = next_up_text(self.playback.upcoming, self._names)
        self.query_one("#next-up", Static).update(upcoming)
        elapsed = min(self.playback.elapsed(now), self._total)
        self.query_one("#progress", ProgressBar).update(progress=elapsed)
        self.query_one("#time-left", Static).update(f"{format_clock(self._total - elapsed)} left")

    def _title(self, cue: Cue) -> str:
        if cue.exercise is not None:
            return self._names.get(cue.exercise, cue.exercise)
        return "All done" if cue.kind is CueKind.FINISH else "Rest"

    def _position(self, index: int | None) -> str:
        blocks = self.playback.blocks
        block = next((b for b in blocks if index is not None and b.first <= index <= b.last), None)
        return f"exercise {block.position + 1} of {len(blocks)}" if block else ""

    def _status(self) -> str:
        finished = self.playback.finished
        if finished is not None:
            return "Done" if finished.reason is StopReason.FINISHED else "[b]STOPPED[/b]"
        if self.playback.paused:
            return "[reverse $warning b] ⏸ PAUSED [/]"
        return "▶ playing"
