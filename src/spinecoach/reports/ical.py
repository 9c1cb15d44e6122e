"""A weekly stretching reminder as an iCalendar file (RFC 5545), made with `icalendar`."""

import hashlib
import math
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from spinecoach.catalog.routine import Routine
from spinecoach.catalog.vocabulary import Sides
from spinecoach.errors import InvalidInputError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")
_SAFETY = "Safety: move gently, never into pain, and stop at once if your pain gets worse."
PRODUCT_ID = "-//spinecoach//stretching reminder//EN"


@dataclass(frozen=True)
class ReminderIdentity:
    """Which reminder an event is (UID) and which version of it (SEQUENCE, counted from 0)."""

    uid: str
    sequence: int


def reminder_uid(person_uuid: str) -> str:
    """Return the UID of the person's reminder: the same in every file they make, no one else's.

    Made from the person's UUID rather than equal to it: a calendar is shared and synced, and
    should not carry the name their health records have in a FHIR file.
    """
    return f"{uuid.uuid5(uuid.UUID(person_uuid), 'stretching-reminder')}@spinecoach"


@dataclass(frozen=True)
class EventWords:
    """The event's last lines: how to start the routine, and the safety reminder."""

    start: str
    safety: str

    @classmethod
    def for_terminal(cls, command: str) -> "EventWords":
        """Point to the terminal's commands."""
        return cls(
            f"Start it with: {command}",
            f"{_SAFETY} If a warning sign appears, answer `spinecoach screen` again before "
            "stretching.",
        )

    @classmethod
    def for_web(cls, plan_url: str, screening_url: str) -> "EventWords":
        """Point to the web app's pages, for someone who never opens a terminal."""
        return cls(
            f"Start it in your browser: {plan_url}",
            f"{_SAFETY} If a warning sign appears, answer the safety questions again before "
            f"stretching: {screening_url}",
        )


def parse_days(text: str) -> list[str]:
    """Return weekday abbreviations in week order from 'mon,wed,fri'; raise for anything else."""
    given = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [day for day in given if day not in WEEKDAYS]
    if not given or unknown:
        shown = f"{unknown[0]!r} is not a day" if unknown else "no day given"
        raise InvalidInputError(f"--days: {shown}; use e.g. mon,wed,fri ({', '.join(WEEKDAYS)})")
    return [day for day in WEEKDAYS if day in given]


def parse_time(text: str) -> time:
    """Return the time of day from 'HH:MM' (24-hour clock); raise for anything else."""
    match = _TIME.match(text.strip())
    if match is None:
        raise InvalidInputError(f"--time: {text!r} is not a time; use 24-hour HH:MM, e.g. 08:00")
    return time(int(match.group(1)), int(match.group(2)))


def first_day(days: list[str], today: date) -> date:
    """Return the first of the chosen weekdays on or after today."""
    wanted = {WEEKDAYS.index(day) for day in days}
    return next(today + timedelta(n) for n in range(7) if (today.weekday() + n) % 7 in wanted)


def routine_description(routine: Routine, words: EventWords) -> str:
    """Return the routine as plain lines for the event: one per exercise with its dose."""
    lines = [f"{routine.name}:"]
    for item in routine.items:
        dose = f"{item.repetitions} x"
        if item.hold_seconds:
            dose += f" hold {item.hold_seconds} s"
        if item.exercise.dose.sides is Sides.EACH:
            dose += ", each side"
        lines.append(f"- {item.exercise.name}: {dose}")
    lines.append(words.start)
    lines.append(words.safety)
    return "\n".join(lines)


def _minutes(seconds: float) -> int:
    """Return the event's length in whole minutes, at least one."""
    return max(1, math.ceil(seconds / 60))


def reminder_fingerprint(
    routine: Routine, seconds: float, days: list[str], at: time, words: EventWords
) -> str:
    """Return a digest of what the reminder says, its dates aside: it changes when that does.

    The first date is left out: it moves with the day the file is made, while the reminder
    (same days, time and routine) stays the same one.
    """
    said = [routine.name, routine_description(routine, words), ",".join(days), at.isoformat()]
    said.append(str(_minutes(seconds)))
    return hashlib.sha256("\n".join(said).encode()).hexdigest()


def reminder_calendar(
    routine: Routine,
    seconds: float,
    days: list[str],
    at: time,
    today: date,
    now: datetime,
    words: EventWords,
    identity: ReminderIdentity,
) -> bytes:
    """Return an .ics with one weekly event on the days, an alarm at its start, the routine inside.

    The start is a floating local time (no time zone): "08:00" stays 08:00 wherever the
    person's device is, which is what a daily habit wants. The identity's UID is the person's,
    so importing a new file replaces their old reminder instead of adding one, and its SEQUENCE
    counts the changes, so calendars keep the newer version.
    """
    event = Event()
    event.add("uid", identity.uid)
    event.add("dtstamp", now)
    # Calendars keep the event with the highest SEQUENCE when a UID is imported again.
    event.add("sequence", identity.sequence)
    event.add("summary", f"Stretch: {routine.name}")
    event.add("dtstart", datetime.combine(first_day(days, today), at))
    event.add("duration", timedelta(minutes=_minutes(seconds)))
    event.add("rrule", {"freq": "weekly", "byday": [day[:2].upper() for day in days]})
    event.add("description", routine_description(routine, words))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Time to stretch: {routine.name}")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
