"""The name in the web app: once after a first safety screen (skippable), and on Settings."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from starlette.testclient import TestClient

from tests.cli.conftest import rows
from tests.web.api_helpers import answers
from tests.web.pages_helpers import answer_screen, axe_violations

SAME_SITE = {"Origin": "http://testserver"}


@pytest.mark.browser
def test_the_first_visit_asks_the_name_after_the_safety_questions_and_then_never_again(
    page: Page, web_server: str, db_file: Path
) -> None:
    page.goto(web_server + "/")
    expect(page).to_have_url(re.compile(r"/welcome$"))
    expect(page.get_by_label("Your name (optional)")).to_have_count(0)
    page.get_by_role("link", name="Answer the safety questions").click()
    expect(page.get_by_label("Your name (optional)")).to_have_count(0)
    answer_screen(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ready to start")
    # Below the way to start, which stays there: the step never stands in front of it.
    expect(page.get_by_role("link", name="Start today's session")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Your name (optional)").fill("Maria Lopez")
    page.get_by_label("Year of birth (optional)").fill("1961")
    page.locator("#profile-step").get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/screening/result$"))
    expect(page.locator("#profile-step")).to_have_count(0)
    assert rows(db_file, "select name, birth_year from people") == [("Maria Lopez", 1961)]
    page.goto(web_server + "/settings")
    expect(page.get_by_label("Your name (optional)")).to_have_value("Maria Lopez")
    expect(page.get_by_label("Year of birth (optional)")).to_have_value("1961")


@pytest.mark.browser
def test_skipping_the_name_step_keeps_no_name_and_does_not_ask_again(
    page: Page, web_server: str, db_file: Path
) -> None:
    page.goto(web_server + "/screening")
    answer_screen(page)

    page.locator("#profile-step").get_by_role("button", name="Skip").click()

    expect(page.locator("#profile-step")).to_have_count(0)
    expect(page.get_by_role("link", name="Start today's session")).to_be_visible()
    assert rows(db_file, "select name, profile_asked_at is not null from people") == [(None, 1)]


@pytest.mark.browser
def test_the_name_is_changed_on_the_settings_page(
    page: Page, web_server: str, db_file: Path
) -> None:
    page.goto(web_server + "/settings")
    page.get_by_label("Your name (optional)").fill("Maria Lopez")

    page.locator(".profile-form").get_by_role("button", name="Save").click()

    expect(page.get_by_role("status").first).to_have_text("Saved.")
    expect(page.get_by_label("Your name (optional)")).to_have_value("Maria Lopez")
    assert rows(db_file, "select name, birth_year from people") == [("Maria Lopez", None)]
    assert axe_violations(page) == []


def test_a_bad_year_on_settings_is_shown_by_its_field_and_nothing_changes(
    api: TestClient,
) -> None:
    api.put("/api/profile", json={"name": "Maria Lopez", "birth_year": 1961})

    response = api.post(
        "/settings/profile",
        data={"name": "Maria Lopez García", "birth_year": "2999", "return": "/settings"},
        headers=SAME_SITE,
    )

    assert response.status_code == 422
    assert "2999 is not a year of birth" in response.text
    assert 'value="Maria Lopez García"' in response.text
    assert api.get("/api/profile").json() == {"name": "Maria Lopez", "birth_year": 1961}


def test_a_name_with_a_control_character_is_refused_on_settings(api: TestClient) -> None:
    response = api.post(
        "/settings/profile", data={"name": "Maria\u0007", "birth_year": ""}, headers=SAME_SITE
    )

    assert response.status_code == 422
    assert "holds a control character" in response.text
    assert api.get("/api/profile").json()["name"] is None


def test_the_step_is_offered_only_after_a_go_and_only_until_answered(api: TestClient) -> None:
    api.post("/api/screening", json={"answers": answers()})
    first = api.get("/screening/result")

    api.post(
        "/settings/profile", data={"skip": "yes", "return": "/screening/result"}, headers=SAME_SITE
    )
    again = api.get("/screening/result")

    assert 'id="profile-step"' in first.text
    assert first.text.index('href="/start"') < first.text.index('id="profile-step"')
    assert 'id="profile-step"' not in again.text


def test_the_step_is_not_offered_on_the_emergency_page(api: TestClient) -> None:
    api.post("/api/screening", json={"answers": answers(saddle_numbness=True)})

    page = api.get("/screening/result")

    assert "Get help now" in page.text
    assert 'id="profile-step"' not in page.text


def test_another_site_cannot_post_the_name_form(api: TestClient) -> None:
    refused = api.post(
        "/settings/profile",
        data={"name": "Mallory"},
        headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    )

    assert refused.status_code == 403
    assert api.get("/api/profile").json()["name"] is None
