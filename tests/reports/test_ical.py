"""The stretching reminder: an RFC 5545 calendar that calendars read back as it was meant."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from spinecoach.catalog.loader import default_catalog
from spinecoach.errors import InvalidInputError
from spinecoach.planning import Constraints, plan
from spinecoach.reports.ical import (
    EventWords,
    first_day,
    parse_days,
    parse_time,
    reminder_calendar,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # a Tuesday
TUESDAY = date(2026, 11, 24)
TERMINAL = EventWords.for_terminal("spinecoach session desk-break")


def read_event(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return event


def test_reminder_repeats_weekly_on_the_chosen_days_at_the_chosen_time() -> None:
    routine = plan(Constraints(routine="desk-break"), [], TUESDAY, default_catalog())

    data = reminder_calendar(
        routine, 200, ["mon", "wed", "fri"], time(8, 0), TUESDAY, NOW, TERMINAL
    )

    event = read_event(data)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "WE", "FR"]
    assert event.decoded("DTSTART") == datetime(2026, 11, 25, 8, 0)  # floating: no zone
    assert event.decoded("DURATION") == timedelta(minutes=4)


def test_reminder_has_an_alarm_at_the_start() -> None:
    routine = plan(Constraints(routine="desk-break"), [], TUESDAY, default_catalog())

    event = read_event(
        reminder_calendar(routine, 200, ["sat"], time(18, 30), TUESDAY, NOW, TERMINAL)
    )

    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert "Desk break" in alarm["DESCRIPTION"]


def test_description_lists_every_exercise_with_its_dose_and_the_safety_line() -> None:
    routine = plan(Constraints(routine="all-six"), [], TUESDAY, default_catalog())

    event = read_event(reminder_calendar(routine, 900, ["mon"], time(7, 5), TUESDAY, NOW, TERMINAL))

    description = str(event["DESCRIPTION"])
    for item in routine.items:
        line = next(row for row in description.splitlines() if item.exercise.name in row)
        assert f"{item.repetitions} x" in line
        if item.hold_seconds:
            assert f"hold {item.hold_seconds} s" in line
    assert "stop at once if your pain gets worse" in description


def test_the_same_routine_keeps_its_uid_so_a_new_file_replaces_the_old_reminder() -> None:
    routine = plan(Constraints(routine="desk-break"), [], TUESDAY, default_catalog())

    first = read_event(reminder_calendar(routine, 200, ["mon"], time(8, 0), TUESDAY, NOW, TERMINAL))
    later = NOW + timedelta(days=3)
    second = read_event(
        reminder_calendar(routine, 200, ["tue"], time(9, 0), TUESDAY, later, TERMINAL)
    )

    assert first["UID"] == second["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("mon,wed,fri", ["mon", "wed", "fri"]), ("FRI, mon", ["mon", "fri"]), ("sun,sun", ["sun"])],
)
def test_days_are_read_in_week_order(text: str, expected: list[str]) -> None:
    assert parse_days(text) == expected


@pytest.mark.parametrize("text", ["", ",", "monday", "mon,xyz", "1"])
def test_days_that_are_not_weekdays_are_refused(text: str) -> None:
    with pytest.raises(InvalidInputError, match="--days"):
        parse_days(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("08:00", time(8, 0)), ("7:05", time(7, 5)), ("23:59", time(23, 59))]
)
def test_times_are_read_on_a_24_hour_clock(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8", "08:60", "8am", "08:00:00", ""])
def test_times_that_are_not_hh_mm_are_refused(text: str) -> None:
    with pytest.raises(InvalidInputError, match="--time"):
        parse_time(text)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(["tue"], TUESDAY), (["wed"], date(2026, 11, 25)), (["mon"], date(2026, 11, 30))],
)
def test_the_first_event_is_the_next_chosen_day_from_today(days: list[str], expected: date) -> None:
    assert first_day(days, TUESDAY) == expected


def test_the_web_wording_gives_the_app_links_and_no_terminal_command() -> None:
    routine = plan(Constraints(routine="desk-break"), [], TUESDAY, default_catalog())
    words = EventWords.for_web("http://192.168.1.5:8000/plan", "http://192.168.1.5:8000/screening")

    event = read_event(reminder_calendar(routine, 200, ["mon"], time(8, 0), TUESDAY, NOW, words))

    description = str(event["DESCRIPTION"])
    assert "http://192.168.1.5:8000/plan" in description
    assert "http://192.168.1.5:8000/screening" in description
    assert "spinecoach " not in description and "`" not in description
    assert "stop at once if your pain gets worse" in description
