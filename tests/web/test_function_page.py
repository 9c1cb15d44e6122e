"""The activity scale (PSFS) on the web: offered after the screen and every two weeks, as in the
terminal; bad values come back with a message; the result reaches history and the verdict."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2 as httpx
from playwright.sync_api import Page, expect
from starlette.testclient import TestClient

from spinecoach.records import PsfsRating
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from tests.web.api_helpers import answers, assert_error
from tests.web.pages_helpers import answer_screen


def rate_earlier(db_file: Path, days_ago: int, *ratings: tuple[str, int]) -> None:
    """Store a filled-in scale from some days ago, straight into the database."""
    engine = open_database(f"sqlite:///{db_file}")
    repository = Repository(engine)
    taken_at = datetime.now(UTC) - timedelta(days=days_ago)
    person = repository.ensure_default_person(taken_at)
    scores = [PsfsRating(activity=name, score=score) for name, score in ratings]
    repository.record_psfs(person.id, taken_at=taken_at, ratings=scores)
    engine.dispose()


def test_the_scale_is_asked_after_the_screen_and_bad_values_come_back(
    page: Page, web_server: str, client: httpx.Client
) -> None:
    page.goto(web_server + "/screening")
    answer_screen(page)
    expect(page.get_by_role("heading", name="Time for the activity check")).to_be_visible()
    page.get_by_role("link", name="Do it now").click()

    first = page.get_by_role("group", name="Activity 1")
    first.get_by_label("What is hard to do?").fill("putting on socks")
    first.get_by_label("How well can you do it today?").fill("12")
    page.get_by_role("group", name="Activity 2 (optional)").get_by_label(
        "How well can you do it today?"
    ).fill("5")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("alert")).to_have_text("Please check the answers marked below.")
    expect(page.locator("#err-score_1")).to_have_text("choose a number from 0 to 10")
    expect(page.locator("#err-activity_2")).to_have_text("name the activity this score is for")
    expect(first.get_by_label("What is hard to do?")).to_have_value("putting on socks")
    expect(first.get_by_label("How well can you do it today?")).to_have_value("12")
    assert client.get("/api/function").json()["entries"] == []

    first.get_by_label("How well can you do it today?").fill("3")
    page.get_by_role("group", name="Activity 2 (optional)").get_by_label(
        "What is hard to do?"
    ).fill("sitting through a film")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(web_server + "/")
    expect(page.get_by_role("heading", name="Time for the activity check")).to_have_count(0)
    stored = client.get("/api/function").json()
    assert stored["due"] is False
    assert stored["entries"][0]["ratings"] == [
        {"activity": "putting on socks", "score": 3},
        {"activity": "sitting through a film", "score": 5},
    ]
    page.goto(web_server + "/history")
    expect(page.locator(".psfs-list")).to_contain_text(
        "putting on socks 3, sitting through a film 5"
    )


def test_two_weeks_later_the_same_activities_are_rated_again_and_join_the_verdict(
    page: Page, web_server: str, client: httpx.Client, db_file: Path
) -> None:
    client.post("/api/screening", json={"answers": answers()})
    rate_earlier(db_file, 15, ("putting on socks", 2), ("lifting a child", 3))

    page.goto(web_server + "/")
    expect(page.get_by_text("Two weeks have passed")).to_be_visible()
    page.get_by_role("link", name="Do it now").click()
    expect(page.get_by_label("What is hard to do?")).to_have_count(0)  # names are kept
    page.get_by_role("group", name="Activity 1").get_by_label("How well").fill("6")
    page.get_by_role("group", name="Activity 2").get_by_label("How well").fill("7")
    page.get_by_role("button", name="Save").click()
    page.goto(web_server + "/history")

    verdict = page.locator("section[aria-labelledby=verdict-heading]")
    expect(verdict).to_contain_text(
        "Everyday activities (PSFS): better, beyond the 2-point detectable change "
        "(from 2.5 to 6.5 out of 10 over 2 weeks"
    )
    trends = client.get("/api/trends").json()
    assert trends["function"]["direction"] == "better"
    assert trends["function"]["latest_mean"] == 6.5


def test_an_activity_named_twice_is_refused_on_the_page_and_by_the_api(
    client: httpx.Client,
) -> None:
    form = {"activity_1": "Socks", "score_1": "4", "activity_2": "socks", "score_2": "5"}

    page = client.post("/function", data=form)
    api = client.post(
        "/api/function",
        json={"ratings": [{"activity": "Socks", "score": 4}, {"activity": "socks", "score": 5}]},
    )

    assert page.status_code == 422
    assert "&#39;socks&#39; is named twice" in page.text
    assert "named twice" in assert_error(api, 400)
    assert client.get("/api/function").json()["entries"] == []


def test_the_scale_can_be_filled_in_by_keyboard_alone(page: Page, web_server: str) -> None:
    page.goto(web_server + "/function")

    page.locator("#activity_1").focus()
    page.keyboard.type("climbing stairs")
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    page.keyboard.press("Enter")

    expect(page).to_have_url(web_server + "/history#function")
    expect(page.locator(".psfs-list")).to_contain_text("climbing stairs 4")


def test_the_api_saves_a_scale_and_says_when_the_next_is_due(api: TestClient) -> None:
    created = api.post(
        "/api/function", json={"ratings": [{"activity": "bending to the floor", "score": 3}]}
    )
    too_high = api.post("/api/function", json={"ratings": [{"activity": "x", "score": 11}]})
    six = api.post(
        "/api/function",
        json={"ratings": [{"activity": f"activity {n}", "score": 1} for n in range(6)]},
    )
    state = api.get("/api/function").json()

    assert created.status_code == 201
    assert created.json()["mean"] == 3
    assert_error(too_high, 422)
    assert_error(six, 422)
    assert state["due"] is False
    assert state["activities"] == ["bending to the floor"]
    assert len(state["entries"]) == 1
