"""A new person's journey in real Chromium: onboarding, safety outcome, plan, start, history."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.pages_helpers import answer_screen, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_red_flag_ends_on_the_emergency_page_with_no_way_to_start(
    page: Page, web_server: str
) -> None:
    refused = watch_csp(page)
    page.goto(web_server + "/")
    expect(page).to_have_url(re.compile(r"/welcome$"))
    page.get_by_role("link", name="Answer the safety questions").click()

    answer_screen(page, saddle_numbness=True)

    expect(page).to_have_url(re.compile(r"/screening/result$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_role("alert")).to_contain_text("call your emergency number")
    expect(page.get_by_role("link", name=re.compile("start", re.I))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("start", re.I))).to_have_count(0)
    page.goto(web_server + "/start")
    expect(page).to_have_url(re.compile(r"/screening/result$"))
    status = page.evaluate(
        """async () => (await fetch('/api/sessions', {method: 'POST',
             headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({pain_before: 3})})).status"""
    )
    assert status == 403
    assert refused == []


def test_see_doctor_outcome_is_calm_and_offers_no_start(page: Page, web_server: str) -> None:
    page.goto(web_server + "/screening")

    answer_screen(page, fever_or_unwell=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("See a doctor first")
    expect(page.get_by_role("link", name=re.compile("start", re.I))).to_have_count(0)
    page.goto(web_server + "/")
    expect(page.get_by_role("link", name="Start", exact=True)).to_have_count(0)


def test_unanswered_questions_are_shown_again_with_the_answers_kept(
    page: Page, web_server: str
) -> None:
    page.goto(web_server + "/screening")
    page.check('input[name="chest-pain"][value="no"]')

    page.get_by_role("button", name="See what this means").click()

    expect(page.get_by_role("alert")).to_contain_text("Please answer")
    expect(page.locator('input[name="chest-pain"][value="no"]')).to_be_checked()
    expect(page.locator(".field-error").first).to_have_text("please answer yes or no")


def test_new_person_plans_starts_and_finds_the_session_in_history(
    page: Page, web_server: str
) -> None:
    refused = watch_csp(page)
    page.goto(web_server + "/")
    page.get_by_role("link", name="Answer the safety questions").click()
    answer_screen(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ready to start")
    page.get_by_role("link", name="Or plan it first: place, time, what to avoid").click()

    page.get_by_label("On a chair").check()
    page.get_by_label("Minutes you have").fill("5")
    page.get_by_role("button", name="Update the plan").click()
    # Five minutes at a desk is a real routine: the chair versions join the seated twist.
    expect(page.get_by_text("Seated back twist").first).to_be_visible()
    expect(page.locator(".exercise-item")).to_have_count(3)
    page.get_by_role("link", name="Start this session").click()
    expect(page).to_have_url(re.compile(r"/start\?place=chair&minutes=5$"))
    page.locator("#before-form .pain-scale label", has_text=re.compile(r"^4$")).click()
    expect(page.locator("#setting-words")).to_contain_text("chair")
    page.get_by_role("button", name="Start", exact=True).click()

    # One start screen: the session plays on it, and the address is the session's own.
    page.wait_for_selector("#stage-play:not([hidden])", timeout=60_000)
    expect(page).to_have_url(re.compile(r"/play\?session_id=\d+$"))
    session_id = int(page.url.rsplit("=", 1)[1])
    current = page.evaluate("async () => (await fetch('/api/sessions/current')).json()")
    assert current["session"]["id"] == session_id
    assert [e["exercise"] for e in current["timeline"]["routine"]["exercises"]] == [
        "seated-knee-hug",
        "seated-back-twist",
        "seated-cat-cow",
    ]
    # The player (another branch) plays and sends each result; here the page sends the one.
    recorded = page.evaluate(
        """async (id) => (await fetch(`/api/sessions/${id}/results`, {method: 'POST',
             headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({position: 0, exercise: 'seated-knee-hug',
               repetitions_done: 2, hold_seconds: 30, skipped: false,
               idempotency_key: 'journey-0'})})).status""",
        session_id,
    )
    assert recorded == 201
    page.goto(f"{web_server}/sessions/{session_id}/after?reason=finished")
    page.locator(".pain-scale label", has_text=re.compile(r"^2$")).click()
    page.get_by_role("button", name="Save and see the summary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session summary")
    expect(page.locator("dl")).to_contain_text("4/10 before, 2/10 after")
    page.get_by_role("link", name="See your history").click()

    row = page.locator("tbody tr").first
    # One of three stretches has a result: the history says so rather than "completed".
    expect(row).to_contain_text("Some stretches done")
    expect(row).to_contain_text("1 (2 not reached)")
    expect(row).to_contain_text("4 → 2")
    # The report's pain chart: the one before-session score as a dot, with its words.
    chart = page.locator('svg[aria-labelledby="pain-chart-title pain-chart-desc"]')
    expect(chart.locator("circle")).to_have_count(1)
    expect(chart.locator("desc")).to_contain_text("1 score, 1 session")
    assert refused == []
