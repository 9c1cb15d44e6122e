"""Small helpers to write chart SVG by hand: numbers, text and the accessible document."""

from collections.abc import Sequence
from xml.sax.saxutils import escape

FONT = "Helvetica, Arial, sans-serif"
INK = "#1f2933"
MUTED = "#52606d"
# Month names spelled here, not by strftime, so a chart does not change with the locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def num(value: float) -> str:
    """Format a coordinate with one decimal and no negative zero."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def text(
    x: float,
    y: float,
    words: str,
    size: float = 11,
    anchor: str = "start",
    fill: str = INK,
    bold: bool = False,
) -> str:
    """Return a text element in the chart font."""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-family="{FONT}" font-size="{num(size)}" '
        f'fill="{fill}" text-anchor="{anchor}"{weight}>{escape(words)}</text>'
    )


def document(
    width: float, height: float, ident: str, title: str, desc: str, body: Sequence[str]
) -> str:
    """Wrap elements in an SVG with a title and a description that screen readers announce."""
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}" '
            f'width="{num(width)}" height="{num(height)}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc">',
            f'<title id="{ident}-title">{escape(title)}</title>',
            f'<desc id="{ident}-desc">{escape(desc)}</desc>',
            f'<rect x="0" y="0" width="{num(width)}" height="{num(height)}" fill="#ffffff"/>',
            *body,
            "</svg>",
            "",
        ]
    )
