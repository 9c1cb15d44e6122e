"""The history page in Chromium: verdict with its basis, the report's charts, the doctor's PDF."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import fmean

import httpx2 as httpx
import pytest
from playwright.sync_api import Page, expect

from tests.cli.conftest import rows
from tests.cli.test_progress_cli import COUNTED
from tests.web.api_helpers import answers
from tests.web.pages_helpers import watch_csp
from tests.web.progress_helpers import before_scores, filled_db, filled_server, pdf_text

__all__ = ["filled_db", "filled_server"]  # fixtures used by name below
SVG = "{http://www.w3.org/2000/svg}"


def record_session(client: httpx.Client, before: int, after: int) -> None:
    """Play one desk break through the API, as the player does, with pain before and after."""
    started = client.post("/api/sessions", json={"routine": "desk-break", "pain_before": before})
    session = started.json()["session"]["id"]
    result = {
        "position": 0,
        "exercise": "seated-back-twist",
        "repetitions_done": 5,
        "hold_seconds": 10,
        "skipped": False,
        "idempotency_key": f"history-{session}",
    }
    client.post(f"/api/sessions/{session}/results", json=result)
    client.post(f"/api/sessions/{session}/finish", json={"reason": "finished", "pain_after": after})


def test_history_after_a_few_sessions_shows_both_charts_with_their_words(
    page: Page, client: httpx.Client, web_server: str
) -> None:
    client.post("/api/screening", json={"answers": answers()})
    for before, after in [(6, 4), (5, 4), (5, 3)]:
        record_session(client, before, after)
    refused = watch_csp(page)

    page.goto(web_server + "/history")

    pain_chart = page.locator('svg[aria-labelledby="pain-chart-title pain-chart-desc"]')
    calendar = page.locator('svg[aria-labelledby="calendar-title calendar-desc"]')
    expect(pain_chart).to_be_visible()
    expect(calendar).to_be_visible()
    assert pain_chart.locator("circle").count() == 3  # one dot per before-session score
    description = pain_chart.locator("desc").text_content() or ""
    assert "3 scores, 3 sessions, 0 stopped for pain" in description
    assert "Too early to say" in description
    assert "Days with a session" in (calendar.locator("desc").text_content() or "")
    expect(page.locator("#verdict-heading + p")).to_have_text("Too early to say.")
    assert refused == []
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0


def test_a_new_person_is_told_where_the_pain_chart_will_come_from(
    client: httpx.Client,
) -> None:
    client.post("/api/screening", json={"answers": answers()})
    chart = 'aria-labelledby="pain-chart-title pain-chart-desc"'

    empty = client.get("/history").text
    client.post("/api/pain", json={"score": 4}).raise_for_status()
    one_score = client.get("/history").text

    assert "No pain scores yet" in empty and chart not in empty
    assert chart in one_score and "No pain scores yet" not in one_score


def test_verdict_states_its_basis_from_the_database(
    page: Page, filled_server: str, filled_db: Path
) -> None:
    before = before_scores(filled_db)
    sessions = rows(filled_db, COUNTED)[0][0]

    page.goto(filled_server + "/history")

    verdict = page.locator("section[aria-labelledby=verdict-heading]")
    expect(verdict).to_contain_text("Meaningful improvement.")
    expect(verdict).to_contain_text(
        f"from {fmean(before[:3]):.1f} to {fmean(before[-3:]):.1f} over 4 weeks, "
        f"{sessions} sessions"
    )
    band = page.locator("#pain-chart-desc ~ rect[fill='#d9ead3']")
    expect(band).to_have_count(1)  # the band of no clear change around the starting level
    stopped_mark = page.locator("svg[aria-labelledby^=pain-chart] > rect[fill='#c81e1e']")
    expect(stopped_mark).to_have_count(1)  # the session stopped for pain, marked in red


def test_report_button_downloads_the_pdf_whose_numbers_match_the_database(
    page: Page, filled_server: str, filled_db: Path, tmp_path: Path
) -> None:
    page.goto(filled_server + "/history")

    with page.expect_download() as waiting:
        page.get_by_role("button", name="Report for your doctor (PDF)").click()
    saved = tmp_path / "report.pdf"
    waiting.value.save_as(saved)
    pages, text = pdf_text(saved.read_bytes())

    before = before_scores(filled_db)
    sessions = rows(filled_db, COUNTED)[0][0]
    stopped = rows(filled_db, "select count(*) from sessions where status = 'stopped-pain'")[0][0]
    assert waiting.value.suggested_filename.endswith(".pdf")
    assert 1 <= pages <= 2
    assert "Verdict: meaningful improvement" in text
    assert f"from {fmean(before[:3]):.1f} to {fmean(before[-3:]):.1f} over 4 weeks" in text
    assert f"{sessions} in the period" in text
    assert f"Sessions stopped because pain got worse ({stopped})" in text
    assert "walked to work without stopping" in text


def test_report_since_a_day_counts_only_the_sessions_after_it(
    page: Page, filled_server: str, filled_db: Path
) -> None:
    since = (datetime.now(UTC) - timedelta(days=7)).date()
    page.goto(filled_server + "/history")

    page.get_by_label("From this day").fill(since.isoformat())
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Report for your doctor (PDF)").click()
    _, text = pdf_text(Path(waiting.value.path()).read_bytes())

    recent = rows(filled_db, f"select count(*) from sessions where started_at >= '{since}'")[0][0]
    assert f"{recent} in the period" in text
    assert f"Period: {since:%d %b %Y}" in text


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", "2026-02-30"])
def test_a_bad_since_date_is_shown_again_with_a_message(client: httpx.Client, since: str) -> None:
    response = client.get("/report.pdf", params={"since": since})

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "is not a date; give it as year-month-day" in response.text
    assert f'name="since" value="{since}"' in response.text


def test_the_charts_served_by_the_api_are_the_ones_on_the_page(client: httpx.Client) -> None:
    client.post("/api/screening", json={"answers": answers()})
    record_session(client, 4, 2)

    pain = client.get("/api/charts/pain.svg")
    calendar = client.get("/api/charts/calendar.svg")
    page_html = client.get("/history").text

    assert pain.headers["content-type"].startswith("image/svg+xml")
    assert ET.fromstring(pain.text).findtext(f"{SVG}title") == "Pain over time"
    assert pain.text.strip() in page_html
    assert calendar.text.strip() in page_html


def test_the_report_downloads_by_keyboard_alone(page: Page, filled_server: str) -> None:
    page.goto(filled_server + "/history")

    page.get_by_label("From this day").focus()
    focused = ""
    for _ in range(6):  # through the date's day, month and year fields, then its button
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.textContent")
        if focused:
            break
    with page.expect_download() as waiting:
        page.keyboard.press("Enter")

    assert focused == "Report for your doctor (PDF)"
    assert Path(waiting.value.path()).read_bytes().startswith(b"%PDF")
