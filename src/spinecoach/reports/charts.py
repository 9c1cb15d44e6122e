"""Charts as SVG text: pain over time with sessions and the MCID band, and active days.

Pure: a Trends in, SVG text out, so the terminal, the PDF report and the web page draw the same
picture. Each chart carries a title and a one-sentence description as its text alternative.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from spinecoach.records import PainContext
from spinecoach.reports.adherence import monday_of
from spinecoach.reports.pain_scores import MAX_LISTED
from spinecoach.reports.svg_text import MONTHS, MUTED, document, num, text
from spinecoach.reports.trends import MCID_POINTS, Trends
from spinecoach.words import plural

WIDTH, HEIGHT = 720.0, 330.0
LEFT, RIGHT, TOP, BOTTOM = 46.0, 706.0, 44.0, 260.0
MARK_Y = 272.0  # the row of session marks under the plot
BEFORE_COLOUR, DIARY_COLOUR = "#1f4e80", "#b45309"
SESSION_COLOUR, STOPPED_COLOUR, BAND_COLOUR = "#7b8794", "#c81e1e", "#d9ead3"
MAX_DOTS = MAX_LISTED  # above this many scores the dots become a smear


def _span(trends: Trends) -> tuple[date, date]:
    """Return the first and last day drawn: from since (or the first record) to today."""
    today = trends.now.date()
    first_score = trends.scores.first_at()
    days = [first_score.astimezone(trends.now.tzinfo).date()] if first_score else []
    days += [day for day, _ in trends.adherence.active_days]
    if trends.since is not None:
        first = trends.since.astimezone(trends.now.tzinfo).date()
    else:
        first = min(days, default=today - timedelta(days=27))
    return min(first, today - timedelta(days=6)), today


class XScale:
    """Map a day (and time of day) to an x coordinate."""

    def __init__(self, first: date, last: date) -> None:
        self.first, self.last = first, last
        self.days = max((last - first).days, 1)

    def __call__(self, when: date | datetime) -> float:
        """Return the x of a day's start, or of the exact time for a datetime."""
        if isinstance(when, datetime):
            offset = (when.date() - self.first).days + (when.hour + when.minute / 60) / 24
        else:
            offset = (when - self.first).days
        return LEFT + (RIGHT - LEFT) * offset / (self.days + 1)


def _y(score: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * score / 10


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Return dated x-axis ticks: weeks for short spans, months, or years for long ones."""
    days = (last - first).days
    if days <= 70:
        day = monday_of(first) + (timedelta(days=7) if first.weekday() else timedelta())
        ticks = []
        while day <= last:
            ticks.append((day, f"{day.day} {MONTHS[day.month - 1]}"))
            day += timedelta(days=7)
        return ticks
    step = 1 if days <= 550 else 3 if days <= 1500 else 12
    ticks, year, month = [], first.year, first.month + 1
    while True:
        if month > 12:
            year, month = year + 1, month - 12
        day = date(year, month, 1)
        if day > last:
            return ticks
        if (month - 1) % step == 0:
            label = str(year) if step == 12 or month == 1 else MONTHS[month - 1]
            ticks.append((day, label))
        month += 1


def _axes(x: XScale, first: date, last: date) -> list[str]:
    parts = []
    for score in range(0, 11, 2):
        y = _y(score)
        parts.append(
            f'<line x1="{num(LEFT)}" y1="{num(y)}" x2="{num(RIGHT)}" y2="{num(y)}" '
            'stroke="#e4e7eb" stroke-width="1"/>'
        )
        parts.append(text(LEFT - 6, y + 4, str(score), 10, "end", MUTED))
    for day, label in _ticks(first, last):
        px = x(day)
        parts.append(
            f'<line x1="{num(px)}" y1="{num(BOTTOM)}" x2="{num(px)}" y2="{num(BOTTOM + 4)}" '
            'stroke="#9aa5b1"/>'
        )
        parts.append(text(px, HEIGHT - 30, label, 10, "middle", MUTED))
    middle = num((TOP + BOTTOM) / 2)
    parts.append(
        f'<g transform="translate(12 {middle}) rotate(-90)">'
        + text(0, 0, "pain 0-10", 10, "middle", MUTED)
        + "</g>"
    )
    return parts


def _band_edges(trends: Trends) -> tuple[float, float] | None:
    """Return the top and bottom scores of the band of no clear change, or None without one."""
    if trends.change is None:
        return None
    start = float(trends.change.start)
    return min(10.0, start + MCID_POINTS), max(0.0, start - MCID_POINTS)


def _band(trends: Trends) -> list[str]:
    """Shade the zone within the MCID of the starting level: inside it, no clear change."""
    edges = _band_edges(trends)
    if edges is None:
        return []
    high, low = edges
    return [
        f'<rect x="{num(LEFT)}" y="{num(_y(high))}" width="{num(RIGHT - LEFT)}" '
        f'height="{num(_y(low) - _y(high))}" fill="{BAND_COLOUR}" fill-opacity="0.6"/>'
    ]


def _band_label(trends: Trends) -> list[str]:
    """Name the band at its top right, on a white backdrop drawn over the grid lines."""
    edges = _band_edges(trends)
    if edges is None or trends.change is None:
        return []
    start = float(trends.change.start)
    label = f"within {MCID_POINTS} points of the start ({start:.1f}): no clear change"
    size, baseline = 9.0, _y(edges[0]) + 12
    # About 0.55 em a character in a sans-serif font, plus a little room either side.
    width = 0.55 * size * len(label) + 8
    return [
        f'<rect x="{num(RIGHT - width)}" y="{num(baseline - size - 1)}" width="{num(width)}" '
        f'height="{num(size + 4)}" fill="#ffffff" fill-opacity="0.9" rx="2"/>',
        text(RIGHT - 4, baseline, label, size, "end", "#3f6212"),
    ]


def _series(trends: Trends, x: XScale, context: PainContext, colour: str) -> list[str]:
    """Draw one series: its scores as dots (when few) and its weekly means as a line."""
    series = trends.scores.series.get(context)
    parts: list[str] = []
    tz = trends.now.tzinfo
    if series is not None and series.count <= MAX_DOTS:
        fill = colour if context is PainContext.BEFORE else "#ffffff"
        for pain in series.every:
            at = pain.recorded_at.astimezone(tz)
            parts.append(
                f'<circle cx="{num(x(at))}" cy="{num(_y(pain.score))}" r="2.6" fill="{fill}" '
                f'stroke="{colour}" stroke-width="1" fill-opacity="0.55"/>'
            )
    attribute = "before" if context is PainContext.BEFORE else "diary"
    # Each week's mean sits mid-week, kept inside the drawn days at either end.
    middle = [min(max(week.monday + timedelta(days=3), x.first), x.last) for week in trends.weeks]
    points = [
        (x(day), _y(value))
        for day, week in zip(middle, trends.weeks, strict=True)
        if (value := getattr(week, attribute)) is not None
    ]
    if len(points) >= 2:
        dash = "" if context is PainContext.BEFORE else ' stroke-dasharray="6 3"'
        line = " ".join(f"{num(px)},{num(py)}" for px, py in points)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2.2"{dash}/>'
        )
    return parts


def day_runs(days: Sequence[date]) -> list[tuple[date, date]]:
    """Group sorted days into runs of consecutive days, as (first, last) pairs."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _marks(runs: list[tuple[date, date]], x: XScale, height: float, colour: str) -> list[str]:
    """Draw one bar per run of days: a long daily habit stays a handful of shapes."""
    day_width = (RIGHT - LEFT) / (x.days + 1)
    width = max(1.5, min(4.0, day_width * 0.8))
    return [
        f'<rect x="{num(x(first))}" y="{num(MARK_Y - height / 2)}" '
        f'width="{num(x(last) - x(first) + width)}" height="{num(height)}" fill="{colour}"/>'
        for first, last in runs
    ]


def _session_marks(trends: Trends, x: XScale) -> list[str]:
    """Mark the days with a session under the plot, in red where one stopped for pain."""
    active = day_runs([day for day, _ in trends.adherence.active_days])
    stopped = day_runs(list(trends.adherence.stopped_days))
    return [
        text(LEFT - 6, MARK_Y + 4, "sessions", 9, "end", MUTED),
        *_marks(active, x, 10, SESSION_COLOUR),
        *_marks(stopped, x, 14, STOPPED_COLOUR),
    ]


def _legend() -> list[str]:
    items = [
        (
            f'<line x1="0" y1="0" x2="18" y2="0" stroke="{BEFORE_COLOUR}" stroke-width="2.2"/>',
            "pain before sessions (weekly mean)",
        ),
        (
            f'<line x1="0" y1="0" x2="18" y2="0" stroke="{DIARY_COLOUR}" stroke-width="2.2" '
            'stroke-dasharray="6 3"/>',
            "diary pain (weekly mean)",
        ),
        (f'<rect x="0" y="-5" width="4" height="10" fill="{SESSION_COLOUR}"/>', "session"),
        (f'<rect x="0" y="-6" width="4" height="12" fill="{STOPPED_COLOUR}"/>', "stopped for pain"),
    ]
    parts, left = [], LEFT
    for mark, words in items:
        parts.append(f'<g transform="translate({num(left)} 20)">{mark}</g>')
        parts.append(text(left + 24, 24, words, 10))
        left += 30 + 5.6 * len(words)
    return parts


def pain_chart_summary(trends: Trends) -> str:
    """Return the one-sentence text alternative of the pain chart."""
    first, last = _span(trends)
    count = trends.scores.count
    sessions = trends.adherence.sessions
    return (
        f"Pain from {first:%d %b %Y} to {last:%d %b %Y}: {plural(count, 'score')}, "
        f"{plural(sessions, 'session')}, {trends.adherence.stopped_for_pain} stopped for pain. "
        f"{trends.verdict.sentence()}"
    )


def pain_chart_svg(trends: Trends) -> str:
    """Draw pain over time with session marks and the band of no clear change, as SVG."""
    first, last = _span(trends)
    x = XScale(first, last)
    body = [
        *_band(trends),
        *_axes(x, first, last),
        *_band_label(trends),
        *_series(trends, x, PainContext.DIARY, DIARY_COLOUR),
        *_series(trends, x, PainContext.BEFORE, BEFORE_COLOUR),
        *_session_marks(trends, x),
        *_legend(),
    ]
    if not trends.scores.count:
        body.append(
            text((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, "No pain scores yet", 14, "middle")
        )
    return document(WIDTH, HEIGHT, "pain-chart", "Pain over time", pain_chart_summary(trends), body)
