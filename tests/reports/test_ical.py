"""The stretching reminder: an RFC 5545 calendar that calendars read back as it was meant."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from spinecoach.catalog.loader import default_catalog
from spinecoach.errors import InvalidInputError
from spinecoach.planning import Constraints, plan
from spinecoach.reports.ical import (
    EventWords,
    ReminderIdentity,
    first_day,
    parse_days,
    parse_time,
    reminder_calendar,
    reminder_fingerprint,
    reminder_uid,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # a Tuesday
TUESDAY = date(2026, 11, 24)
TERMINAL = EventWords.for_terminal("spinecoach session desk-break")
WEB = EventWords.for_web("http://localhost:8000/plan", "http://localhost:8000/screening")
ALICE = "0f5c1bd2-8c1e-4a5e-9a43-2c1f0e7b6d11"  # two people's UUIDs, as the store makes them
BOB = "7d2e4c3a-1b5f-4e6d-8a9c-0b1d2e3f4a5b"
FIRST = ReminderIdentity(reminder_uid(ALICE), 0)


def read_event(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return event


def test_reminder_repeats_weekly_on_the_chosen_days_at_the_chosen_time() -> None:
    routine = plan(Constraints(routine="desk-break"), [], TUESDAY, default_catalog())

    data = reminder_calendar(
        routine, 200, ["mon", "wed", "fri"], time(8, 0), TUESDAY, NOW, TERMINAL, FIRST
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
        reminder_calendar(routine, 200, ["sat"], time(18, 30), TUESDAY, NOW, TERMINAL, FIRST)
    )

    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert "Desk break" in alarm["DESCRIPTION"]


def test_description_lists_every_exercise_with_its_dose_and_the_safety_line() -> None:
    routine = plan(Constraints(routine="all-six"), [], TUESDAY, default_catalog())

    event = read_event(
        reminder_calendar(routine, 900, ["mon"], time(7, 5), TUESDAY, NOW, TERMINAL, FIRST)
    )

    description = str(event["DESCRIPTION"])
    for item in routine.items:
        line = next(row for row in description.splitlines() if item.exercise.name in row)
        assert f"{item.repetitions} x" in line
        if item.hold_seconds:
            assert f"hold {item.hold_seconds} s" in line
    assert "stop at once if your pain gets worse" in description


def test_the_event_carries_the_uid_and_sequence_it_is_given() -> None:
    routine = plan(Constraints(routine="desk-break"), [], TUESDAY, default_catalog())
    identity = ReminderIdentity(reminder_uid(ALICE), 3)

    event = read_event(
        reminder_calendar(routine, 200, ["mon"], time(8, 0), TUESDAY, NOW, TERMINAL, identity)
    )

    assert event["UID"] == identity.uid
    assert event.decoded("SEQUENCE") == 3


def test_each_person_has_their_own_reminder_uid_which_never_changes() -> None:
    assert reminder_uid(ALICE) == reminder_uid(ALICE)
    assert reminder_uid(ALICE) != reminder_uid(BOB)
    assert ALICE not in reminder_uid(ALICE)  # a synced calendar does not name the records


def test_the_fingerprint_changes_with_what_the_reminder_says_not_with_the_date() -> None:
    desk = plan(Constraints(routine="desk-break"), [], TUESDAY, default_catalog())
    six = plan(Constraints(routine="all-six"), [], TUESDAY, default_catalog())
    base = reminder_fingerprint(desk, 200, ["mon"], time(8, 0), TERMINAL)

    changed = {
        reminder_fingerprint(six, 900, ["mon"], time(8, 0), TERMINAL),
        reminder_fingerprint(desk, 200, ["tue"], time(8, 0), TERMINAL),
        reminder_fingerprint(desk, 200, ["mon"], time(9, 0), TERMINAL),
        reminder_fingerprint(desk, 200, ["mon"], time(8, 0), WEB),
    }

    assert base not in changed and len(changed) == 4
    assert reminder_fingerprint(desk, 200, ["mon"], time(8, 0), TERMINAL) == base


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

    event = read_event(
        reminder_calendar(routine, 200, ["mon"], time(8, 0), TUESDAY, NOW, words, FIRST)
    )

    description = str(event["DESCRIPTION"])
    assert "http://192.168.1.5:8000/plan" in description
    assert "http://192.168.1.5:8000/screening" in description
    assert "spinecoach " not in description and "`" not in description
    assert "stop at once if your pain gets worse" in description
