"""The reminders page in Chromium: the terminal's .ics downloaded and parsed back; bad values."""

from datetime import time
from pathlib import Path

import httpx2 as httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.web.api_helpers import answers, assert_error


def parse(data: bytes) -> tuple[dict[str, object], list[str]]:
    """Return the one event of a calendar file and the actions of its alarms."""
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    alarms = [str(alarm["ACTION"]) for alarm in events[0].walk("VALARM")]
    return dict(events[0]), alarms


def test_the_form_downloads_a_weekly_reminder_with_an_alarm_and_the_routine(
    page: Page, web_server: str, client: httpx.Client
) -> None:
    client.post("/api/screening", json={"answers": answers()})
    page.goto(web_server + "/reminders")

    page.get_by_label("Wednesday").uncheck()
    page.get_by_label("Saturday").check()
    page.get_by_label("At what time?").fill("07:30")
    page.get_by_label("Minutes you have").fill("5")
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download the reminder (.ics)").click()
    event, alarms = parse(Path(waiting.value.path()).read_bytes())

    rule = event["RRULE"]
    assert waiting.value.suggested_filename == "spinecoach-reminder.ics"
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "FR", "SA"]
    start = event["DTSTART"].dt
    assert start.time() == time(7, 30) and start.tzinfo is None  # floating local time
    assert start.strftime("%a") in {"Mon", "Fri", "Sat"}
    assert alarms == ["DISPLAY"]
    assert f"{web_server}/plan?minutes=5" in str(event["DESCRIPTION"])
    assert "Safety: move gently" in str(event["DESCRIPTION"])
    assert event["DURATION"].dt.total_seconds() <= 5 * 60


def test_bad_values_are_shown_again_with_a_message(client: httpx.Client) -> None:
    response = client.get(
        "/reminders/stretch.ics", params={"days": "mon", "time": "7 am", "minutes": "500"}
    )
    superscript = client.get(
        "/reminders/stretch.ics", params={"days": "mon", "time": "07:00", "minutes": "²"}
    )

    assert response.status_code == 422
    assert "&#39;7 am&#39; is not a time; use 24-hour HH:MM" in response.text
    assert "choose a whole number of minutes from 1 to 120" in response.text
    assert 'name="days" value="mon" checked' in response.text
    assert 'value="500"' in response.text
    assert superscript.status_code == 422


def test_no_day_ticked_is_refused_with_a_message(page: Page, web_server: str) -> None:
    page.goto(web_server + "/reminders")
    for day in ("Monday", "Wednesday", "Friday"):
        page.get_by_label(day).uncheck()

    page.get_by_role("button", name="Download the reminder (.ics)").click()

    expect(page.locator("#err-days")).to_have_text("choose at least one day")
    expect(page.get_by_label("At what time?")).to_have_value("08:00")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"days": "mon,someday", "time": "08:00"}, "days: 'someday' is not a day"),
        ({"days": "mon", "time": "24:00"}, "time: '24:00' is not a time"),
    ],
)
def test_the_api_refuses_a_bad_reminder_with_a_detail(
    client: httpx.Client, params: dict[str, str], message: str
) -> None:
    detail = assert_error(client.get("/api/reminder", params=params), 400)

    assert message in detail


def test_the_api_reminder_is_the_same_calendar_as_the_page(client: httpx.Client) -> None:
    client.post("/api/screening", json={"answers": answers()})

    api = client.get("/api/reminder", params={"days": "tue,thu", "time": "18:00"})
    page = client.get("/reminders/stretch.ics", params={"days": ["tue", "thu"], "time": "18:00"})

    assert api.headers["content-type"].startswith("text/calendar")
    api_event, _ = parse(api.content)
    page_event, _ = parse(page.content)
    for field in ("UID", "RRULE", "DTSTART", "DURATION", "DESCRIPTION", "SUMMARY"):
        assert api_event[field] == page_event[field] or str(api_event[field]) == str(
            page_event[field]
        )


def test_a_changed_reminder_keeps_its_uid_and_counts_one_more_version(
    client: httpx.Client,
) -> None:
    client.post("/api/screening", json={"answers": answers()})

    first, _ = parse(client.get("/api/reminder", params={"days": "mon", "time": "08:00"}).content)
    again, _ = parse(client.get("/api/reminder", params={"days": "mon", "time": "08:00"}).content)
    moved, _ = parse(client.get("/api/reminder", params={"days": "mon", "time": "19:00"}).content)

    assert first["UID"] == again["UID"] == moved["UID"]
    assert [int(str(e["SEQUENCE"])) for e in (first, again, moved)] == [0, 0, 1]
