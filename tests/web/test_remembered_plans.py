"""The home page and the reminders follow the choices a person made last, not the defaults."""

from icalendar import Calendar
from starlette.testclient import TestClient

from spinecoach.catalog.loader import default_catalog
from spinecoach.catalog.vocabulary import Movement
from tests.web.api_helpers import answers

MARIA_AT_HER_DESK = {"place": "chair", "minutes": "5", "avoid": "kneeling"}
KNEELING_STRETCHES = [
    exercise.name
    for exercise in default_catalog().exercises.values()
    if Movement.KNEELING in exercise.movements
]


def started_and_finished(api: TestClient, choices: dict[str, str], reason: str) -> None:
    """Pass the screening, start a session from the plan form's choices, and end it."""
    assert api.post("/api/screening", json={"answers": answers()}).status_code == 201
    started = api.post("/start", data={**choices, "pain_before": "3"}, follow_redirects=False)
    assert started.status_code == 303, started.text
    session = started.headers["location"].split("session_id=")[1]
    ended = api.post(f"/api/sessions/{session}/finish", json={"reason": reason, "pain_after": 5})
    assert ended.status_code == 200, ended.text


def description(calendar: bytes) -> str:
    """Return the text of the calendar file's one event."""
    (event,) = Calendar.from_ical(calendar).walk("VEVENT")
    return str(event["DESCRIPTION"])


def test_marias_home_page_offers_her_chair_plan_with_a_link_to_change_it(
    api: TestClient,
) -> None:
    started_and_finished(api, MARIA_AT_HER_DESK, "finished")
    chair_plan = api.get("/api/plan", params=MARIA_AT_HER_DESK).json()

    page = api.get("/")

    assert page.status_code == 200
    assert "On a chair, 5 minutes, avoiding kneeling." in page.text
    assert 'href="/plan?place=chair&amp;minutes=5&amp;avoid=kneeling">Change' in page.text
    assert (
        'class="button button-big" href="/start?place=chair&amp;minutes=5&amp;avoid=kneeling"'
        in page.text
    )
    for item in chair_plan["exercises"]:
        assert item["name"] in page.text
    assert not any(name in page.text for name in KNEELING_STRETCHES)


def test_the_plan_page_opened_plainly_starts_from_the_remembered_choices(
    api: TestClient,
) -> None:
    started_and_finished(api, MARIA_AT_HER_DESK, "finished")

    page = api.get("/plan")

    assert 'name="place" value="chair" checked' in page.text
    assert 'value="5"' in page.text
    assert 'name="avoid" value="kneeling" checked' in page.text


def test_with_nothing_remembered_the_home_page_offers_the_default_plan(api: TestClient) -> None:
    api.post("/api/screening", json={"answers": answers()})

    page = api.get("/")

    assert 'class="button button-big" href="/start"' in page.text
    assert 'href="/plan">Change the plan' in page.text
    assert "choices-line" not in page.text


def test_when_the_remembered_choices_fit_nothing_today_the_home_page_says_so_calmly(
    api: TestClient,
) -> None:
    # The only chair stretch without bending forward is the twist, and it rests after this stop.
    started_and_finished(api, {"place": "chair", "avoid": "bending-forward"}, "pain")

    page = api.get("/")

    assert page.status_code == 200
    assert 'class="notice notice-calm" id="nothing-fits"' in page.text
    assert "Nothing fits on a chair today" in page.text
    assert "Your choices: On a chair, no time limit, avoiding bending forward." in page.text
    assert 'href="/plan?place=chair&amp;avoid=bending-forward">Change the plan' in page.text
    assert "button-big" not in page.text and "Back home" not in page.text


def test_toms_web_reminder_follows_his_choices_and_links_to_the_app(api: TestClient) -> None:
    started_and_finished(api, {"avoid": "kneeling"}, "finished")

    response = api.get("/reminders/stretch.ics", params={"days": ["mon"], "time": "08:00"})
    from_the_api = api.get("/api/reminder", params={"days": "mon", "time": "08:00"})

    text = description(response.content)
    assert response.status_code == 200
    assert not any(name in text for name in KNEELING_STRETCHES)
    assert "http://testserver/plan?avoid=kneeling" in text
    assert "http://testserver/screening" in text
    assert "spinecoach " not in text and "`" not in text
    assert description(from_the_api.content) == text


def test_the_web_reminders_minutes_replace_only_the_remembered_minutes(api: TestClient) -> None:
    started_and_finished(api, MARIA_AT_HER_DESK, "finished")

    response = api.get(
        "/reminders/stretch.ics", params={"days": ["tue"], "time": "12:30", "minutes": "3"}
    )

    assert "/plan?place=chair&minutes=3&avoid=kneeling" in description(response.content)
