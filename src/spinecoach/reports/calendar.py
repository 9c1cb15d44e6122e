"""A calendar of active days as SVG: one square per day, weeks as columns, like a wall planner."""

from datetime import date, timedelta

from spinecoach.reports.adherence import monday_of
from spinecoach.reports.svg_text import MONTHS, MUTED, document, num, text
from spinecoach.reports.trends import Trends
from spinecoach.words import plural

CELL, GAP = 12.0, 3.0
LEFT, TOP = 40.0, 46.0
MAX_WEEKS = 53  # a year: longer histories show their latest year
MIN_WEEKS = 8
SHADES = ("#e4e7eb", "#9cc3e6", "#1f4e80")  # no session, one, two or more
STOPPED_OUTLINE = "#c81e1e"
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def calendar_weeks(trends: Trends) -> tuple[date, date]:
    """Return the first Monday and the last day shown: since (or the first session) to today."""
    today = trends.now.date()
    last_monday = monday_of(today)
    if trends.since is not None:
        start = trends.since.astimezone(trends.now.tzinfo).date()
    else:
        start = min((day for day, _ in trends.adherence.active_days), default=today)
    first = monday_of(start)
    earliest = last_monday - timedelta(weeks=MAX_WEEKS - 1)
    latest_start = last_monday - timedelta(weeks=MIN_WEEKS - 1)
    return max(earliest, min(first, latest_start)), today


def calendar_summary(trends: Trends) -> str:
    """Return the one-sentence text alternative of the calendar."""
    first, last = calendar_weeks(trends)
    counts = dict(trends.adherence.active_days)
    active = sum(1 for day in counts if first <= day <= last)
    days = (last - first).days + 1
    return (
        f"Days with a session from {first:%d %b %Y} to {last:%d %b %Y}: {active} of {days}. "
        f"Current streak {plural(trends.adherence.current_streak, 'day')}, longest "
        f"{plural(trends.adherence.longest_streak, 'day')}."
    )


def calendar_svg(trends: Trends) -> str:
    """Draw a square per day, darker for more sessions, outlined red where pain stopped one."""
    first, last = calendar_weeks(trends)
    counts = dict(trends.adherence.active_days)
    stopped = set(trends.adherence.stopped_days)
    weeks = (last - first).days // 7 + 1
    body = [
        text(LEFT - 6, TOP + row * (CELL + GAP) + 10, name, 9, "end", MUTED)
        for row, name in enumerate(WEEKDAYS)
        if name
    ]
    shown_month = 0
    for column in range(weeks):
        monday = first + timedelta(weeks=column)
        x = LEFT + column * (CELL + GAP)
        if monday.month != shown_month and (monday.day <= 7 or column == 0):
            shown_month = monday.month
            label = MONTHS[monday.month - 1] + (
                f" {monday.year}" if monday.month == 1 or column == 0 else ""
            )
            body.append(text(x, TOP - 8, label, 9, "start", MUTED))
        for row in range(7):
            day = monday + timedelta(days=row)
            if day > last:
                break
            shade = SHADES[min(counts.get(day, 0), 2)]
            outline = f' stroke="{STOPPED_OUTLINE}" stroke-width="2"' if day in stopped else ""
            y = TOP + row * (CELL + GAP)
            body.append(
                f'<rect x="{num(x)}" y="{num(y)}" width="{num(CELL)}" height="{num(CELL)}" '
                f'rx="2" fill="{shade}"{outline}><title>{day:%a %d %b %Y}: '
                f"{plural(counts.get(day, 0), 'session')}</title></rect>"
            )
    height = TOP + 7 * (CELL + GAP) + 34
    legend_y = height - 16
    legend = [text(LEFT, legend_y + 10, "none", 9, "start", MUTED)]
    for index, shade in enumerate(SHADES):
        legend.append(
            f'<rect x="{num(LEFT + 30 + index * 16)}" y="{num(legend_y)}" width="{num(CELL)}" '
            f'height="{num(CELL)}" rx="2" fill="{shade}"/>'
        )
    legend.append(text(LEFT + 84, legend_y + 10, "2+ sessions", 9, "start", MUTED))
    legend.append(
        f'<rect x="{num(LEFT + 160)}" y="{num(legend_y)}" width="{num(CELL)}" height="{num(CELL)}" '
        f'rx="2" fill="{SHADES[1]}" stroke="{STOPPED_OUTLINE}" stroke-width="2"/>'
    )
    legend.append(text(LEFT + 178, legend_y + 10, "stopped for pain", 9, "start", MUTED))
    width = max(LEFT + weeks * (CELL + GAP) + 10, 380.0)
    title = text(LEFT, 18, "Active days", 13, bold=True)
    return document(
        width, height, "calendar", "Active days", calendar_summary(trends), [title, *body, *legend]
    )
