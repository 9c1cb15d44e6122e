"""A small pain chart for the history page: before and after scores of recent sessions."""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Small user units so the labels stay readable when a phone shrinks the chart to 320 px.
WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 30, 14, 34


@dataclass(frozen=True)
class ChartPoint:
    """One session: a label and its pain before and after (either may be missing)."""

    label: str
    before: int | None
    after: int | None


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(score: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (10 - score) / 10


def _series(points: Sequence[ChartPoint], which: str) -> list[str]:
    coords = [
        (_x(i, len(points)), _y(score))
        for i, point in enumerate(points)
        if (score := getattr(point, which)) is not None
    ]
    parts = [f'<circle class="{which}" cx="{x:.1f}" cy="{y:.1f}" r="4"/>' for x, y in coords]
    if len(coords) > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.insert(0, f'<polyline class="{which}" fill="none" stroke-width="3" points="{line}"/>')
    return parts


def pain_chart_svg(points: Sequence[ChartPoint]) -> str:
    """Return an SVG chart of pain (0-10) before and after each session, oldest on the left."""
    grid = [
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_y(s):.1f}" y2="{_y(s):.1f}" '
        f'stroke-width="{1 if s else 2}" stroke-dasharray="{"" if s == 0 else "2 4"}"/>'
        f'<text x="{LEFT - 8}" y="{_y(s) + 4:.1f}" text-anchor="end">{s}</text>'
        for s in (0, 5, 10)
    ]
    labels = [
        f'<text x="{_x(i, len(points)):.1f}" y="{HEIGHT - 12}" text-anchor="middle">'
        f"{escape(point.label)}</text>"
        for i, point in enumerate(points)
        if len(points) <= 4 or i in (0, len(points) - 1)
    ]
    body = "".join([*grid, *_series(points, "before"), *_series(points, "after"), *labels])
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title"><title id="chart-title">Pain before (amber) and after '
        f"(green) each session, 0 to 10</title>{body}</svg>"
    )
