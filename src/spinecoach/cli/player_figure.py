"""The current pose drawn in the terminal with braille dots, from the SVG figures' projection.

The body, camera and props come from `spinecoach.figures` (the same scene and painter's order
as the SVG figures), so the terminal shows the very pose the drawings show, moving with the
timeline. Each character cell holds 2 x 4 braille dots; a cell is about twice as tall as wide,
so the dots are square and the figure keeps its proportions.
"""

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from spinecoach.figures.animation import pose_for_cue, start_pose_name
from spinecoach.figures.drawings import scene, view_words
from spinecoach.figures.library import key_pose
from spinecoach.figures.occlusion import STROKES, outlined, paint_order
from spinecoach.figures.skeleton import Pose, pose_points
from spinecoach.figures.svg import CM, project
from spinecoach.timeline import Cue, CueKind

# Dot bit for (row, column) inside one braille cell (Unicode braille patterns).
DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
BRAILLE_BLANK = 0x2800
# Brighter than the SVG's colours, which are chosen for white paper: terminals are mostly dark.
# Left and right keep the SVG's rule (the person's left darker, right lighter).
COLOURS = {"left": "#4d94e6", "right": "#a3cdf5", "centre": "#c3ccd6", "prop": "#6b7280"}
PROP = -1  # layer of the props: under every body stroke
EMPTY = -2
# Steps a moving cue is drawn in: smooth enough at ten redraws a second, and cheap.
FRACTION_STEPS = 12


@dataclass(frozen=True)
class FigureKey:
    """What decides the drawing: two equal keys draw the same figure."""

    exercise: str
    kind: CueKind
    side: str | None
    repetition: int
    step: int


def figure_key(cue: Cue, into_cue: float, next_exercise: str | None) -> FigureKey | None:
    """Return what to draw at this moment of the cue; None when there is no body to show.

    During a rest the next exercise's start position is shown, so the person can get ready.
    """
    if cue.exercise is None:
        if cue.kind is CueKind.REST and next_exercise is not None:
            return FigureKey(next_exercise, CueKind.PREPARE, None, 1, 0)
        return None
    fraction = min(1.0, max(0.0, into_cue / cue.duration)) if cue.duration > 0 else 1.0
    return FigureKey(
        cue.exercise,
        cue.kind if cue.kind is not CueKind.SWITCH_SIDE else CueKind.PREPARE,
        cue.side.value if cue.side else None,
        cue.repetition or 1,
        round(fraction * FRACTION_STEPS),
    )


def pose_of(key: FigureKey) -> Pose:
    """Return the body's pose for a figure key, following the timeline's cue."""
    if key.kind is CueKind.PREPARE and key.side is None:
        return key_pose(key.exercise, start_pose_name(key.exercise))
    return pose_for_cue(
        key.exercise,
        key.kind.value,
        key.step / FRACTION_STEPS,
        side=key.side,
        repetition=key.repetition,
    )


def _segment_distance(xs: np.ndarray, ys: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return each pixel centre's distance to the segment from a to b."""
    direction = b - a
    length = float(direction @ direction)
    t = 0.0
    if length > 0:
        t = np.clip(((xs - a[0]) * direction[0] + (ys - a[1]) * direction[1]) / length, 0, 1)
    distance: np.ndarray = np.hypot(xs - (a[0] + t * direction[0]), ys - (a[1] + t * direction[1]))
    return distance


def _near(xs: np.ndarray, ys: np.ndarray, path: Sequence[np.ndarray], reach: float) -> np.ndarray:
    """Return the pixels within reach of a polyline (a disc for a single point)."""
    if len(path) == 1:
        return np.asarray(_segment_distance(xs, ys, path[0], path[0]) <= reach)
    mask = np.zeros(xs.shape, dtype=bool)
    for a, b in pairwise(path):
        mask |= _segment_distance(xs, ys, a, b) <= reach
    return mask


def raster(
    exercise_id: str, pose: Pose, width: int, height: int, side: str | None = None
) -> np.ndarray:
    """Return a (4 * height, 2 * width) grid of layers: EMPTY, PROP or a body stroke index."""
    # The other side's scene is the mirror image of the drawn side's, camera included.
    setting = scene(exercise_id, side)
    box = setting.box
    pixels_wide, pixels_high = width * 2, height * 4
    scale = min(pixels_wide / box.width, pixels_high / box.height)  # dots per centimetre
    left = (pixels_wide - box.width * scale) / 2
    top = (pixels_high - box.height * scale) / 2

    def dots(x: float, y: float) -> np.ndarray:
        return np.array([(x - box.x) * scale + left, (y - box.y) * scale + top])

    ys, xs = np.mgrid[0:pixels_high, 0:pixels_wide] + 0.5
    grid = np.full((pixels_high, pixels_wide), EMPTY, dtype=int)
    for shape in setting.shapes:
        flat = project({str(i): p for i, p in enumerate(shape.points)}, setting.camera)
        path = [dots(x, y) for x, y, _ in flat.values()]
        if shape.closed:
            path.append(path[0])
        grid[_near(xs, ys, path, 0.5)] = PROP
    projected = project(pose_points(pose), setting.camera)
    order = paint_order(projected)
    with_gap = outlined(order)
    for index in order:
        stroke = STROKES[index]
        path = [dots(*projected[name][:2]) for name in stroke.points]
        reach = max(0.7, stroke.width * CM * scale / 2)
        # A one-dot gap, like the SVG's white outline, keeps a nearer limb apart from the
        # one behind it, and the body apart from the mat or chair it rests on.
        gap = _near(xs, ys, path, reach + 1.0)
        grid[gap & ((grid == PROP) | ((grid >= 0) & (index in with_gap)))] = EMPTY
        grid[_near(xs, ys, path, reach)] = index
    return grid


def braille_text(grid: np.ndarray) -> Text:
    """Turn a layer grid into braille characters, each cell coloured by its topmost layer."""
    text = Text()
    rows, columns = grid.shape[0] // 4, grid.shape[1] // 2
    for row in range(rows):
        if row:
            text.append("\n")
        for column in range(columns):
            cell = grid[row * 4 : row * 4 + 4, column * 2 : column * 2 + 2]
            bits = sum(DOT_BITS[r][c] for r in range(4) for c in range(2) if cell[r, c] != EMPTY)
            if not bits:
                text.append(" ")
                continue
            top = int(cell.max())
            colour = COLOURS["prop"] if top == PROP else COLOURS[STROKES[top].part.part]
            text.append(chr(BRAILLE_BLANK + bits), style=colour)
    return text


# Every repetition and side passes through the same few poses: draw each once per size.
@lru_cache(maxsize=512)
def figure_text(key: FigureKey, width: int, height: int) -> Text:
    """Return the drawing for a figure key in a box of width x height character cells."""
    return braille_text(raster(key.exercise, pose_of(key), width, height, key.side))


CAPTION_ROWS = 2


def figure_caption(exercise_id: str, width: int) -> str:
    """Return the words under the figure: the longest description that fits its two rows."""
    seen = view_words(exercise_id)
    candidates = (
        f"{seen} Darker blue: your left.",
        seen,
        view_words(exercise_id, with_height=False),
    )
    # Counting characters let a word-wrapped third row be cut off, so fit by wrapped rows.
    fitting = (
        text for text in candidates if len(textwrap.wrap(text, max(1, width))) <= CAPTION_ROWS
    )
    return next(fitting, "")


class PoseFigure(Widget):
    """The current pose, redrawn only when the pose or the widget's size changes."""

    DEFAULT_CSS = """
    PoseFigure { width: 1fr; height: 1fr; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key: FigureKey | None = None
        self._drawn: tuple[FigureKey | None, int, int] | None = None
        self._text = Text()

    def show(self, key: FigureKey | None) -> None:
        """Draw this pose (or nothing) from the next refresh on."""
        if key != self._key:
            self._key = key
            self.refresh()

    def render(self) -> RenderResult:
        """Render the figure to fit the widget."""
        width, height = self.content_size.width, self.content_size.height
        wanted = (self._key, width, height)
        if wanted != self._drawn:
            self._drawn = wanted
            key = self._key
            too_small = width < 4 or height < 2
            self._text = Text() if key is None or too_small else figure_text(key, width, height)
        return self._text
