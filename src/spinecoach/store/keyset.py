"""Read a list a page at a time by (time, id): the keyset every paged list in the store uses."""

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select, and_, or_
from sqlalchemy.engine import Connection
from sqlalchemy.orm import InstrumentedAttribute

from spinecoach.errors import InvalidInputError
from spinecoach.records import Page, PageCursor
from spinecoach.store import validation as check

T = TypeVar("T")
# The most one page may hold, whatever a caller asks: each page is one bounded read.
MAX_PAGE = 100


def read_page(
    connection: Connection,
    query: Select[Any],
    columns: tuple[InstrumentedAttribute[Any], InstrumentedAttribute[Any]],
    record: Callable[[Any], T],
    *,
    before: PageCursor | None,
    after: PageCursor | None,
    limit: int,
) -> Page[T]:
    """Return up to `limit` records older than `before`, newer than `after`, or the newest.

    `query` ends with `columns`, the time and id the list is ordered by; `record` turns the
    columns before them into a record. One LIMIT query of limit + 1 rows: the extra row only
    says whether there is more.
    """
    if before is not None and after is not None:
        raise InvalidInputError("give before or after, not both")
    limit = check.whole_number("limit", limit, 1, MAX_PAGE)
    at, key = columns
    if after is not None:
        edge = check.utc_timestamp("after", after.at)
        # at >= edge first: the index on time gives the range, the id only breaks ties.
        query = query.where(at >= edge, or_(at > edge, and_(at == edge, key > after.id)))
        query = query.order_by(at, key)
    else:
        if before is not None:
            edge = check.utc_timestamp("before", before.at)
            query = query.where(at <= edge, or_(at < edge, and_(at == edge, key < before.id)))
        query = query.order_by(at.desc(), key.desc())
    rows = connection.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    found = [(PageCursor(row[-2], row[-1]), record(tuple(row)[:-2])) for row in rows[:limit]]
    if after is None:
        found.reverse()
        older = found[0][0] if more and found else None
        newer = found[-1][0] if before is not None and found else None
    else:
        older = found[0][0] if found else None
        newer = found[-1][0] if more and found else None
    return Page(tuple(item for _, item in found), older, newer)
