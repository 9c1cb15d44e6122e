"""The history's paging parameters, read the same way for GET /api/history and the /history page.

Keyset cursors (`before=` and `after=`, a record's time and id), not page numbers: a score the
person adds while reading older pages shifts nothing, so no entry shows twice or goes missing.
"""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.exceptions import RequestValidationError

from spinecoach.coaching.diary import PAGE_SIZE, HistoryPage, PageAt
from spinecoach.errors import InvalidInputError
from spinecoach.records import CURSOR_PATTERN, PageCursor
from spinecoach.store.keyset import MAX_PAGE

LISTS = ("sessions", "diary")
CURSOR_WORDS = (
    "where an earlier page ended, as the last answer's sessions_page or diary_page gave it"
)
LimitQuery = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_PAGE,
        description=f"How many sessions and diary entries a page holds (1-{MAX_PAGE}).",
    ),
]
CursorQuery = Annotated[
    str | None,
    Query(pattern=CURSOR_PATTERN, max_length=40, description=f"A cursor: {CURSOR_WORDS}."),
]


def page_at(list_name: str, before: str | None, after: str | None) -> PageAt:
    """Return which page of a list the query asks for; raise InvalidInputError naming the field."""
    if before and after:
        raise InvalidInputError(f"{list_name}_after: give {list_name}_before or _after, not both")
    return PageAt(
        PageCursor.from_text(before, f"{list_name}_before") if before else None,
        PageCursor.from_text(after, f"{list_name}_after") if after else None,
    )


def api_page_at(list_name: str, before: str | None, after: str | None) -> PageAt:
    """Return page_at's answer, or raise the 422 an API client gets for a bad query field."""
    try:
        return page_at(list_name, before, after)
    except InvalidInputError as error:
        field, _, message = error.user_message.partition(": ")
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", field), "msg": message, "input": None}]
        ) from None


def page_limit(text: str) -> int:
    """Return the page size a page's query gives, PAGE_SIZE when blank; raise when unusable."""
    given = text.strip()
    if not given:
        return PAGE_SIZE
    # Three digits at most before int(): a thousand-digit number is refused, not converted.
    if not (given.isdigit() and len(given) <= 3 and 1 <= int(given) <= MAX_PAGE):
        raise InvalidInputError(f"limit: give a whole number from 1 to {MAX_PAGE}")
    return int(given)


PAGE_FIELDS = ("limit", *(f"{name}_{side}" for name in LISTS for side in ("before", "after")))
ANCHORS = {"sessions": "sessions", "diary": "diary-list"}


@dataclass(frozen=True, slots=True)
class AskedPages:
    """The pages a history page's address asks for; problem says why the newest are shown."""

    query: dict[str, str]
    limit: int
    at: dict[str, PageAt]
    problem: str | None = None


def asked_pages(request: Request) -> AskedPages:
    """Read limit and each list's cursor from a page's address; a bad one gives the newest."""
    query = {name: request.query_params.get(name, "")[:60] for name in PAGE_FIELDS}
    try:
        limit = page_limit(query["limit"])
        at = {
            name: page_at(name, query[f"{name}_before"], query[f"{name}_after"]) for name in LISTS
        }
    except InvalidInputError as error:
        # A link changed by hand: the newest page, with what was wrong above the lists.
        newest = {name: PageAt() for name in LISTS}
        return AskedPages({}, PAGE_SIZE, newest, error.user_message)
    return AskedPages(query, limit, at)


def page_links(page: HistoryPage, query: dict[str, str], base: str) -> dict[str, dict[str, str]]:
    """Return each list's Older and Newer links; the other list stays on the page it was on."""
    links: dict[str, dict[str, str]] = {}
    for name, shown in (("sessions", page.sessions), ("diary", page.diary)):
        kept = {k: v for k, v in query.items() if v and not k.startswith(f"{name}_")}
        links[name] = {}
        for word, cursor, side in (
            ("older", shown.older, "before"),
            ("newer", shown.newer, "after"),
        ):
            if cursor is not None:
                asked = {**kept, f"{name}_{side}": cursor.text()}
                links[name][word] = f"{base}?{urlencode(asked)}#{ANCHORS[name]}"
    return links
