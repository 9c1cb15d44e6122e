"""Read a reminder's days, time and minutes with the terminal's parsers, and build the .ics."""

from dataclasses import dataclass
from datetime import time
from urllib.parse import urlencode

from starlette.requests import Request

from spinecoach.catalog.loader import Catalog
from spinecoach.clock import Clock
from spinecoach.coaching.access import Records
from spinecoach.coaching.exchange import AppLinks, reminder
from spinecoach.errors import InvalidInputError
from spinecoach.planning import Constraints
from spinecoach.reports.ical import parse_days, parse_time
from spinecoach.web import forms
from spinecoach.web.progress import option_message
from spinecoach.words import whole_number

MAX_MINUTES = 120


@dataclass(frozen=True)
class ReminderChoice:
    """The weekdays (in week order), the time of day and the minutes wanted, if any."""

    days: list[str]
    at: time
    minutes: int | None


def read_choice(
    days: list[str], at: str, minutes: str
) -> tuple[ReminderChoice | None, dict[str, str]]:
    """Return the choice, or a message per field that cannot be used."""
    errors: dict[str, str] = {}
    chosen: list[str] = []
    clock_time: time | None = None
    wanted: int | None = None
    if not days:
        errors["days"] = "choose at least one day"
    else:
        try:
            chosen = parse_days(",".join(day[:10] for day in days))
        except InvalidInputError as error:
            errors["days"] = option_message(error)
    try:
        clock_time = parse_time(at[:20])
    except InvalidInputError as error:
        errors["time"] = option_message(error)
    if minutes.strip():
        number = whole_number(minutes)
        if number is None or not 1 <= number <= MAX_MINUTES:
            errors["minutes"] = f"choose a whole number of minutes from 1 to {MAX_MINUTES}"
        else:
            wanted = number
    if errors or clock_time is None:
        return None, errors
    return ReminderChoice(chosen, clock_time, wanted), errors


def app_links(request: Request) -> AppLinks:
    """Return the plan and safety pages at the address this request reached the app by.

    The LAN token is left out on purpose: a calendar is shared and synced, and the phone's
    browser already holds the token in its cookie.
    """
    base = str(request.base_url)

    def plan_url(constraints: Constraints) -> str:
        query = urlencode(forms.plan_query(constraints))
        return f"{base}plan" + (f"?{query}" if query else "")

    return AppLinks(plan=plan_url, screening=f"{base}screening")


def calendar_file(
    records: Records, catalog: Catalog, clock: Clock, choice: ReminderChoice, links: AppLinks
) -> bytes:
    """Return the .ics `spinecoach remind` writes for the same choice, pointing to the web app."""
    minutes = float(choice.minutes) if choice.minutes is not None else None
    made = reminder(records, catalog, clock.now(), choice.days, choice.at, None, minutes, links)
    return made.calendar
