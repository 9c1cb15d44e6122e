"""Progress for a period in the person's local time, and file downloads, for pages and the API."""

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time

from starlette.responses import Response

from spinecoach.clock import Clock
from spinecoach.coaching.progress import Progress, load_progress, pain_verdicts
from spinecoach.errors import InvalidInputError
from spinecoach.records import PersonRecord, PsfsRecord
from spinecoach.reports.trends import VerdictKind
from spinecoach.store.repository import Repository


def local_start(day: date) -> datetime:
    """Return the start of a day in this computer's time zone, as `--since DATE` reads it."""
    return datetime.combine(day, time()).astimezone()


def load_period(
    repository: Repository, person: PersonRecord, clock: Clock, since: date | None
) -> Progress:
    """Return the progress from `since` (or the first record) to now, in local time."""
    # Local time: weeks, days and streaks follow the person's calendar, as in the terminal.
    now = clock.now().astimezone()
    return load_progress(repository, person, now, local_start(since) if since else None)


def verdicts(
    repository: Repository, clock: Clock
) -> Callable[[Mapping[int, Sequence[PsfsRecord]]], dict[int, VerdictKind]]:
    """Return a function giving people's pain verdicts, as their history pages show them."""
    now = clock.now().astimezone()  # local time, as load_period reads weeks and days
    return lambda psfs: pain_verdicts(repository, psfs, now)


def since_from_text(value: str) -> date | None:
    """Return the day a since field names (YYYY-MM-DD), None when blank; raise when unusable."""
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInputError(
            f"{value[:20]!r} is not a date; give it as year-month-day, e.g. 2026-11-01"
        ) from None


def option_message(error: InvalidInputError) -> str:
    """Return a shared parser's message without the terminal option it names ('--time: ')."""
    _, colon, rest = error.user_message.partition(": ")
    return rest if colon and error.user_message.startswith("--") else error.user_message


def download(data: bytes, media_type: str, filename: str) -> Response:
    """Return bytes the browser saves as a file (health records: never cached)."""
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }
    return Response(data, media_type=media_type, headers=headers)
