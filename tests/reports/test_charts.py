import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from spinecoach.records import SessionStatus
from spinecoach.reports.calendar import calendar_svg
from spinecoach.reports.charts import day_runs, pain_chart_svg
from spinecoach.reports.trends import Trends, compute_trends
from tests.reports.records import NOW, Diary, before_series, days_ago

SVG = "{http://www.w3.org/2000/svg}"


def _trends(diary: Diary, since_days: float | None = None) -> Trends:
    since = days_ago(since_days) if since_days is not None else None
    return compute_trends(diary.summaries(), diary.pains, [], NOW, since=since)


def _improving() -> Diary:
    diary = before_series((5, 5, 5), (3, 3, 3), start=days_ago(20), span_days=14)
    diary.session(days_ago(4), before=3, status=SessionStatus.STOPPED_PAIN)
    return diary


def test_the_pain_chart_has_a_title_and_a_one_sentence_summary_with_the_verdict() -> None:
    root = ET.fromstring(pain_chart_svg(_trends(_improving())))

    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert root.get("role") == "img"
    assert title is not None and title.text == "Pain over time"
    assert desc is not None and desc.text is not None
    assert "7 scores, 7 sessions, 1 stopped for pain" in desc.text
    assert "Meaningful improvement: before-session pain from 5.0 to 3.0" in desc.text


def test_the_pain_chart_marks_every_session_day_and_shades_the_mcid_band() -> None:
    svg = pain_chart_svg(_trends(_improving()))

    marks = re.findall(r'fill="#7b8794"/>', svg)  # session marks, legend included
    stopped = re.findall(r'fill="#c81e1e"/>', svg)
    # Sessions 20-18, 8-6 and 4 days ago make three runs; the one 4 days ago stopped for pain.
    assert len(marks) == 3 + 1
    assert len(stopped) == 1 + 1
    assert "within 2 points of the start (5.0): no clear change" in svg


@pytest.mark.parametrize(
    ("days", "runs"),
    [
        ([], []),
        ([1], [(1, 1)]),
        ([1, 2, 3, 5], [(1, 3), (5, 5)]),
        ([1, 3, 5], [(1, 1), (3, 3), (5, 5)]),
    ],
)
def test_consecutive_session_days_are_drawn_as_one_mark(
    days: list[int], runs: list[tuple[int, int]]
) -> None:
    found = day_runs([date(2026, 11, day) for day in days])

    assert [(first.day, last.day) for first, last in found] == runs


def test_without_a_trend_there_is_no_band_and_an_empty_chart_says_so() -> None:
    svg = pain_chart_svg(_trends(Diary()))

    assert "no clear change" not in svg
    assert "No pain scores yet" in svg
    ET.fromstring(svg)  # still well-formed


def test_pain_is_drawn_between_0_and_10_on_the_axis() -> None:
    diary = Diary()
    diary.session(days_ago(2), before=0)
    diary.session(days_ago(1), before=10)

    root = ET.fromstring(pain_chart_svg(_trends(diary)))

    ys = sorted(float(c.get("cy", "0")) for c in root.iter(f"{SVG}circle"))
    labels = {t.text: float(t.get("y", "0")) for t in root.iter(f"{SVG}text")}
    assert ys[0] == labels["10"] - 4 and ys[-1] == labels["0"] - 4


def test_the_calendar_has_a_square_per_day_and_darker_squares_for_more_sessions() -> None:
    diary = Diary()
    diary.session(days_ago(1))
    diary.session(days_ago(1) + timedelta(hours=1))
    diary.session(days_ago(3), status=SessionStatus.STOPPED_PAIN)

    root = ET.fromstring(calendar_svg(_trends(diary)))

    days = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    by_title = {r.find(f"{SVG}title").text: r for r in days}  # type: ignore[union-attr]
    shown_days = 7 * 7 + 3  # eight weeks at least, up to today (a Wednesday)
    assert len(days) == shown_days
    assert by_title["Tue 24 Nov 2026: 2 sessions"].get("fill") == "#1f4e80"
    assert by_title["Sun 22 Nov 2026: 1 session"].get("stroke") == "#c81e1e"
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert f"2 of {shown_days}" in desc.text


def test_a_long_history_shows_its_latest_year_in_the_calendar() -> None:
    diary = Diary()
    for day in range(0, 900, 3):
        diary.session(days_ago(day + 1))

    root = ET.fromstring(calendar_svg(_trends(diary)))

    days = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(days) == 52 * 7 + 3


@pytest.mark.parametrize("start", [(6, 6, 6), (5, 6, 6), (4, 4, 4), (9, 9, 9), (2, 2, 1)])
def test_no_grid_line_is_drawn_over_the_band_label(start: tuple[int, int, int]) -> None:
    diary = before_series(start, (3, 3, 3), start=days_ago(20), span_days=14)
    elements = list(ET.fromstring(pain_chart_svg(_trends(diary))).iter())

    index, label = next(
        (i, e) for i, e in enumerate(elements) if "no clear change" in (e.text or "")
    )
    size, baseline = float(label.get("font-size", "0")), float(label.get("y", "0"))
    backdrop = elements[index - 1]
    grid = [i for i, e in enumerate(elements) if e.tag == f"{SVG}line" and e.get("x1") == "46.0"]

    # The label sits on its own opaque backdrop, covering the text's height, over the grid.
    assert backdrop.tag == f"{SVG}rect" and backdrop.get("fill") == "#ffffff"
    top, height = float(backdrop.get("y", "0")), float(backdrop.get("height", "0"))
    assert top <= baseline - size and top + height >= baseline + 2
    assert grid and all(i < index - 1 for i in grid)
