"""The history's paging parameters, read the same way for GET /api/history and the /history page.

Keyset cursors (`before=` and `after=`, a record's time and id), not page numbers: a score the
person adds while reading older pages shifts nothing, so no entry shows twice or goes missing.
"""

from typing import Annotated

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from spinecoach.coaching.diary import PAGE_SIZE, PageAt
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
