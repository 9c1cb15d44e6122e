"""What the terminal player shows, as pure text helpers and the breathing pacer widget."""

import math

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from spinecoach.catalog.routine import PlannedExercise
from spinecoach.timeline import Cue, CueKind

BREATH_KINDS = frozenset({CueKind.INHALE, CueKind.EXHALE})
BREATH_LABELS = {CueKind.INHALE: "Breathe in", CueKind.EXHALE: "Breathe out"}
EASY_BREATHING = "Breathe easily"
# The pacer circle never shrinks below this share of its full size: a dot that vanishes reads
# as "stopped" rather than "lungs empty".
SMALLEST_SHARE = 0.3


def format_clock(seconds: float) -> str:
    """Return whole seconds rounded up as "m:ss", so a countdown never shows 0 while running."""
    whole = math.ceil(max(0.0, seconds))
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


def countdown_digits(seconds: float) -> str:
    """Return the countdown for the big digits: plain seconds under a minute, else m:ss."""
    whole = math.ceil(max(0.0, seconds))
    return str(whole) if whole < 60 else format_clock(whole)


def breath_at(cue: Cue, into_cue: float) -> tuple[CueKind, float] | None:
    """Return the breath (inhale or exhale) and how far through it (0-1), if the cue paces one."""
    if cue.kind in BREATH_KINDS:
        return cue.kind, _fraction(into_cue, cue.duration)
    for breath in cue.breaths:
        if breath.offset <= into_cue < breath.offset + breath.seconds:
            return breath.kind, _fraction(into_cue - breath.offset, breath.seconds)
    if cue.breaths and into_cue >= cue.breaths[-1].offset:  # the very end of the last breath
        return cue.breaths[-1].kind, 1.0
    return None


def _fraction(part: float, whole: float) -> float:
    return min(1.0, max(0.0, part / whole)) if whole > 0 else 1.0


def pacer_size(breath: tuple[CueKind, float] | None) -> float:
    """Return the pacer's size from 0 to 1: growing while breathing in, shrinking while out."""
    if breath is None:
        return 0.35
    kind, fraction = breath
    # Ease in and out, like a real breath: slow at the turn, fastest in the middle.
    eased = (1 - math.cos(math.pi * fraction)) / 2
    return eased if kind is CueKind.INHALE else 1 - eased


def pacer_label(breath: tuple[CueKind, float] | None) -> str:
    """Return the words under the pacer."""
    return BREATH_LABELS.get(breath[0], EASY_BREATHING) if breath else EASY_BREATHING


def circle_rows(size: float, width: int, height: int) -> list[str]:
    """Draw a filled circle with half-block characters, its radius following size (0-1)."""
    # Each character cell is about twice as tall as wide, so its upper and lower halves are
    # square "pixels": a circle in half-cells looks round on screen.
    pixels_high, centre_x = height * 2, width / 2
    largest = max(1.0, min(pixels_high, width) / 2 - 0.5)
    radius = largest * (SMALLEST_SHARE + (1 - SMALLEST_SHARE) * min(1.0, max(0.0, size)))
    centre_y = pixels_high / 2

    def inside(x: float, y: float) -> bool:
        return (x - centre_x) ** 2 + (y - centre_y) ** 2 <= radius**2

    rows = []
    for row in range(height):
        line = []
        for column in range(width):
            x = column + 0.5
            upper, lower = inside(x, row * 2 + 0.5), inside(x, row * 2 + 1.5)
            line.append("█" if upper and lower else "▀" if upper else "▄" if lower else " ")
        rows.append("".join(line).rstrip())
    return rows


def where_text(cue: Cue, item: PlannedExercise | None) -> str:
    """Return the side and repetition line, e.g. "Left side · repetition 2 of 3"."""
    parts = []
    if cue.side is not None:
        parts.append(f"{cue.side.value.capitalize()} side")
    if cue.repetition is not None and item is not None:
        parts.append(f"repetition {cue.repetition} of {item.repetitions}")
    elif cue.kind is CueKind.PREPARE:
        parts.append("Get into position")
    elif cue.kind is CueKind.INSTRUCTION:
        parts.append("How it goes")
    elif cue.kind is CueKind.REST:
        parts.append("Relax and breathe")
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


class BreathPacer(Widget):
    """A circle that grows while breathing in and shrinks while breathing out."""

    DEFAULT_CSS = """
    BreathPacer {
        width: 1fr;
        height: 7;
        color: $accent;
    }
    BreathPacer.inhale { color: $success; }
    BreathPacer.exhale { color: $primary; }
    """

    size_fraction: reactive[float] = reactive(0.35)

    def show(self, breath: tuple[CueKind, float] | None) -> None:
        """Draw the pacer for this moment of the breath."""
        self.size_fraction = pacer_size(breath)
        self.set_class(breath is not None and breath[0] is CueKind.INHALE, "inhale")
        self.set_class(breath is not None and breath[0] is CueKind.EXHALE, "exhale")

    def render(self) -> RenderResult:
        """Render the circle to fit the widget."""
        width, height = self.content_size.width, self.content_size.height
        return Content("\n".join(circle_rows(self.size_fraction, width, height)))
