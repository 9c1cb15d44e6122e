"""A countdown in large block digits, as big as its space allows, readable from the mat."""

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

# A 3 x 5 dot font; each dot becomes a block of 2 * scale columns by scale rows, so the
# digits stay square on screen (a character cell is about twice as tall as wide).
FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
FONT_ROWS = 5
GAP_DOTS = 1  # one dot of space between characters


def big_rows(text: str, scale: int) -> list[str]:
    """Return the text drawn in block digits, each font dot 2 * scale wide and scale tall."""
    glyphs = [FONT[character] for character in text if character in FONT]
    rows: list[str] = []
    for font_row in range(FONT_ROWS):
        dots = ("." * GAP_DOTS).join(glyph[font_row] for glyph in glyphs)
        line = "".join(("█" if dot == "#" else " ") * (2 * scale) for dot in dots)
        rows += [line.rstrip()] * scale
    return rows


def dots_wide(text: str) -> int:
    """Return how many font dots wide the text is, gaps included."""
    glyphs = [FONT[character] for character in text if character in FONT]
    return sum(len(glyph[0]) for glyph in glyphs) + GAP_DOTS * max(0, len(glyphs) - 1)


def largest_scale(text: str, width: int, height: int) -> int:
    """Return the largest whole scale at which the text fits the box (at least 1).

    Sized for at least two digits, so the count does not jump in size going from 10 to 9.
    """
    wide = max(dots_wide("88"), dots_wide(text))
    return max(1, min(width // (2 * wide), height // FONT_ROWS))


class BigCountdown(Widget):
    """The seconds left in this step, in the largest block digits that fit."""

    DEFAULT_CSS = """
    BigCountdown { width: 100%; height: 1fr; min-height: 5; content-align: center middle; }
    """

    value: reactive[str] = reactive("")

    def render(self) -> RenderResult:
        """Render the digits centred in the widget."""
        width, height = self.content_size.width, self.content_size.height
        rows = big_rows(self.value, largest_scale(self.value, width, height))
        widest = max((len(row) for row in rows), default=0)
        return Content("\n".join(row.ljust(widest) for row in rows))
