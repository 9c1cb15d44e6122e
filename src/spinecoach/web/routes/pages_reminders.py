"""The reminders page: choose days, a time and minutes; download a calendar file (.ics)."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from spinecoach.coaching.access import Records
from spinecoach.errors import SpinecoachError
from spinecoach.reports.ical import WEEKDAYS
from spinecoach.web import exports
from spinecoach.web.deps import (
    CatalogDep,
    ClockDep,
    PatientOnly,
    PersonDep,
    RepositoryDep,
    SameSiteOnly,
)
from spinecoach.web.progress import download
from spinecoach.web.reminders import app_links, calendar_file, read_choice
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False)
DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


def _page(
    request: Request, given: dict[str, object], errors: dict[str, str], status: int
) -> Response:
    context = {"nav": "history", "day_names": DAY_NAMES, "given": given, "errors": errors}
    return render(request, "reminders.html", context, status_code=status)


@router.get("/reminders", response_class=HTMLResponse, dependencies=[PatientOnly])
def reminders_page(request: Request) -> Response:
    """Show the form: Monday, Wednesday and Friday at 08:00 until the person changes them."""
    given: dict[str, object] = {"days": ["mon", "wed", "fri"], "time": "08:00", "minutes": ""}
    return _page(request, given, {}, 200)


@router.get("/reminders/stretch.ics", dependencies=[SameSiteOnly])
def reminder_file(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
    days: Annotated[list[str] | None, Query(max_length=7)] = None,
    time: str = "",
    minutes: str = "",
) -> Response:
    """Download the weekly reminder, or show the form again with what to fix."""
    days = days or []
    choice, errors = read_choice(days, time, minutes)
    given: dict[str, object] = {"days": days, "time": time[:20], "minutes": minutes[:10]}
    if choice is None:
        return _page(request, given, errors, 422)
    try:
        data = calendar_file(
            Records(repository, person), catalog, clock, choice, app_links(request)
        )
    except SpinecoachError as error:  # e.g. too few minutes for any stretch, or no screen yet
        return _page(request, given, {"form": error.user_message}, 422)
    return download(data, exports.CALENDAR_TYPE, "spinecoach-reminder.ics")
