"""Fit prompts and messages to the terminal's width, breaking lines between words only.

A terminal breaks an over-long line wherever the edge falls ("tabl/ets"), and Click appends its
" [y/n]: " after the text; so both are laid out here, before Click or the terminal sees them.
"""

import shutil
import textwrap

# Below this a terminal is too narrow to lay out sensibly; wrap as if it had this many columns.
NARROWEST = 30


def terminal_columns() -> int:
    """Return the terminal's width, or 80 when output is not a terminal."""
    return max(NARROWEST, shutil.get_terminal_size(fallback=(80, 24)).columns)


def fit(text: str, *, room_after: int = 0, columns: int | None = None) -> str:
    """Return text wrapped between words, its last line leaving room_after columns free.

    room_after is what the caller prints after the text on the same line, such as Click's
    " [y/n]: " (8 columns). Existing line breaks are kept.
    """
    width = (columns or terminal_columns()) - 1  # the last column would wrap the cursor
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width, break_long_words=False) or [""])
    last = lines[-1]
    if room_after and len(last) + room_after > width:
        # Re-wrap only the last line, narrower, so the suffix stays beside its final word.
        lines[-1:] = textwrap.wrap(last, max(1, width - room_after), break_long_words=False)
    return "\n".join(lines)
