"""Bounded reads of a long pain diary: pages, counts, the first and latest scores, weekly sums.

A person may keep hundreds of thousands of scores. Every read here is a LIMIT query or an
aggregate computed by the database, so a page or a trend costs the same at any diary length.
Scores given around a demonstration session are left out of the trends' reads, as
reports.history.scores_outside_demos leaves them out of records in memory.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, column, func, or_, select, values

from spinecoach.records import Page, PageCursor, PainContext, PainEntryRecord
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase, select_columns
from spinecoach.store.convert import PAIN_COLUMNS, pain_entry_record
from spinecoach.store.keyset import read_page
from spinecoach.store.models import PainEntryRow, SessionRow, UtcDateTime

KEY = (PainEntryRow.recorded_at, PainEntryRow.id)
CONTEXTS = {context.value: context for context in PainContext}


@dataclass(frozen=True, slots=True)
class PainEnds:
    """What a verdict reads of one person's scores: per series a count and its ends, and recent.

    first and latest hold up to `sample` scores each, oldest first; recent is every score of
    any context from the lookback on, as (time, score), oldest first.
    """

    counts: dict[PainContext, int]
    first: dict[PainContext, list[PainEntryRecord]]
    latest: dict[PainContext, list[PainEntryRecord]]
    recent: list[tuple[datetime, int]]


class PainReads(StoreBase):
    """Read a person's pain scores a page, a count or a week at a time."""

    def pain_page(
        self,
        person_id: int,
        context: PainContext,
        *,
        before: PageCursor | None = None,
        after: PageCursor | None = None,
        limit: int,
    ) -> Page[PainEntryRecord]:
        """Return up to `limit` scores of one context before or after a cursor, or the latest."""
        query = _of(person_id, context).add_columns(*KEY)
        with self._transaction() as orm:
            return read_page(
                orm.connection(),
                query,
                KEY,
                pain_entry_record,
                before=before,
                after=after,
                limit=limit,
            )

    def latest_pain(self, person_id: int) -> PainEntryRecord | None:
        """Return the person's latest score of any context, or None: the latest of each."""
        latest = []
        with self._transaction() as orm:
            for context in PainContext:
                # One context at a time, as the (person, context, time) index is ordered.
                query = (
                    _of(person_id, context)
                    .order_by(PainEntryRow.recorded_at.desc(), PainEntryRow.id.desc())
                    .limit(1)
                )
                latest += [pain_entry_record(row) for row in orm.connection().execute(query)]
        return max(latest, key=lambda pain: (pain.recorded_at, pain.id), default=None)

    def pain_count(self, person_id: int, context: PainContext, since: datetime | None) -> int:
        """Return how many scores of one context, outside demonstrations, from `since` on."""
        query = select(func.count()).select_from(PainEntryRow)
        query = query.where(*_trend_scores(person_id, (context,), since))
        with self._transaction() as orm:
            return int(orm.connection().execute(query).scalar_one())

    def pain_ends(
        self,
        person_id: int,
        context: PainContext,
        since: datetime | None,
        count: int,
        *,
        latest: bool,
    ) -> list[PainEntryRecord]:
        """Return the first (or latest) `count` scores of a context outside demos, oldest first."""
        order = (
            (PainEntryRow.recorded_at.desc(), PainEntryRow.id.desc())
            if latest
            else (PainEntryRow.recorded_at, PainEntryRow.id)
        )
        query = (
            select_columns(PainEntryRow, PAIN_COLUMNS)
            .where(*_trend_scores(person_id, (context,), since))
            .order_by(*order)
            .limit(count)
        )
        with self._transaction() as orm:
            found = [pain_entry_record(row) for row in orm.connection().execute(query).all()]
        return found[::-1] if latest else found

    def weekly_pain_sums(
        self,
        person_id: int,
        contexts: Sequence[PainContext],
        bounds: Sequence[datetime],
        since: datetime | None,
    ) -> list[tuple[int, PainContext, int, int]]:
        """Return (week index, context, total, count) of the scores in each week that has some.

        Week i runs from bounds[i] to bounds[i + 1]: the caller picks the instants in the
        person's time zone, so the database needs none.
        """
        edges = [check.utc_timestamp("week start", edge) for edge in bounds]
        if len(edges) < 2:
            return []
        weeks = (
            values(
                column("week", Integer),
                column("starts", UtcDateTime),
                column("ends", UtcDateTime),
                name="weeks",
            )
            .data([(i, edges[i], edges[i + 1]) for i in range(len(edges) - 1)])
            .cte()
        )
        query = (
            select(weeks.c.week, PainEntryRow.context, func.sum(PainEntryRow.score), func.count())
            .select_from(weeks)
            .join(
                PainEntryRow,
                and_(
                    PainEntryRow.recorded_at >= weeks.c.starts,
                    PainEntryRow.recorded_at < weeks.c.ends,
                ),
            )
            .where(*_trend_scores(person_id, contexts, since))
            .group_by(weeks.c.week, PainEntryRow.context)
        )
        with self._transaction() as orm:
            rows = orm.connection().execute(query).all()
        return [
            (week, CONTEXTS[context], int(total), count) for week, context, total, count in rows
        ]

    def pain_ends_of_many(
        self,
        person_ids: Sequence[int],
        contexts: Sequence[PainContext],
        sample: int,
        recent_since: datetime,
    ) -> dict[int, PainEnds]:
        """Return each person's counts, series ends and recent scores in three queries.

        For a page of patients: the same numbers pain_count, pain_ends and pain_since give one
        person at a time, without a round trip per person and series.
        """
        ids = list(person_ids)
        found = {person_id: PainEnds({}, {}, {}, []) for person_id in ids}
        if not ids:
            return found
        where = _many_trend_scores(ids, contexts)
        series = (PainEntryRow.person_id, PainEntryRow.context)
        oldest = func.row_number().over(partition_by=series, order_by=KEY)
        newest = func.row_number().over(
            partition_by=series, order_by=(PainEntryRow.recorded_at.desc(), PainEntryRow.id.desc())
        )
        ranked = (
            select_columns(PainEntryRow, PAIN_COLUMNS)
            .add_columns(oldest.label("oldest"), newest.label("newest"))
            .where(*where)
            .subquery()
        )
        ends = (
            select(*(ranked.c[name] for name in PAIN_COLUMNS), ranked.c.oldest, ranked.c.newest)
            .where(or_(ranked.c.oldest <= sample, ranked.c.newest <= sample))
            .order_by(ranked.c.recorded_at, ranked.c.id)
        )
        counts = (
            select(PainEntryRow.person_id, PainEntryRow.context, func.count())
            .where(*where)
            .group_by(PainEntryRow.person_id, PainEntryRow.context)
        )
        recent = (
            select(PainEntryRow.person_id, PainEntryRow.recorded_at, PainEntryRow.score)
            .where(*_many_trend_scores(ids, tuple(PainContext)))
            .where(PainEntryRow.recorded_at >= check.utc_timestamp("since", recent_since))
            .order_by(PainEntryRow.recorded_at, PainEntryRow.id)
        )
        with self._transaction() as orm:
            connection = orm.connection()
            for person_id, context, count in connection.execute(counts):
                found[person_id].counts[CONTEXTS[context]] = int(count)
            for row in connection.execute(ends):
                entry = pain_entry_record(tuple(row)[: len(PAIN_COLUMNS)])
                if row.oldest <= sample:
                    found[entry.person_id].first.setdefault(entry.context, []).append(entry)
                if row.newest <= sample:
                    found[entry.person_id].latest.setdefault(entry.context, []).append(entry)
            for person_id, at, score in connection.execute(recent):
                found[person_id].recent.append((at, score))
        return found

    def pain_since(self, person_id: int, since: datetime) -> list[tuple[datetime, int]]:
        """Return (time, score) of every score outside demonstrations from `since`, oldest first."""
        query = (
            select(PainEntryRow.recorded_at, PainEntryRow.score)
            .where(*_trend_scores(person_id, tuple(PainContext), since))
            .order_by(PainEntryRow.recorded_at, PainEntryRow.id)
        )
        with self._transaction() as orm:
            return [(at, score) for at, score in orm.connection().execute(query).all()]

    def pain_notes(
        self, person_id: int, since: datetime | None, limit: int
    ) -> list[PainEntryRecord]:
        """Return the latest `limit` scores with a note from `since` on, oldest first."""
        found: list[PainEntryRecord] = []
        with self._transaction() as orm:
            for context in PainContext:
                # The latest of each context, as the (person, context, time) index is ordered.
                query = (
                    select_columns(PainEntryRow, PAIN_COLUMNS)
                    .where(PainEntryRow.context == context.value, *_noted(person_id, since))
                    .order_by(PainEntryRow.recorded_at.desc(), PainEntryRow.id.desc())
                    .limit(limit)
                )
                found += [pain_entry_record(row) for row in orm.connection().execute(query)]
        found.sort(key=lambda pain: (pain.recorded_at, pain.id))
        return found[-limit:]


def _noted(person_id: int, since: datetime | None) -> list[ColumnElement[bool]]:
    """Return the conditions of a person's scores with a note (not blank), from since."""
    conditions = [
        PainEntryRow.person_id == person_id,
        PainEntryRow.note.is_not(None),
        func.trim(PainEntryRow.note) != "",
    ]
    if since is not None:
        conditions.append(PainEntryRow.recorded_at >= check.utc_timestamp("since", since))
    return conditions


def _of(person_id: int, context: PainContext) -> Select[Any]:
    """Select one context of a person's scores as full records."""
    return select_columns(PainEntryRow, PAIN_COLUMNS).where(
        PainEntryRow.person_id == person_id, PainEntryRow.context == context.value
    )


def _many_trend_scores(
    person_ids: Sequence[int], contexts: Sequence[PainContext]
) -> list[ColumnElement[bool]]:
    """Return _trend_scores' conditions for several people at once (no since)."""
    demos = select(SessionRow.id).where(
        SessionRow.person_id.in_(person_ids), SessionRow.speed != 1.0
    )
    return [
        PainEntryRow.person_id.in_(person_ids),
        PainEntryRow.context.in_([context.value for context in contexts]),
        or_(PainEntryRow.session_id.is_(None), PainEntryRow.session_id.not_in(demos)),
    ]


def _trend_scores(
    person_id: int, contexts: Sequence[PainContext], since: datetime | None
) -> list[ColumnElement[bool]]:
    """Return the conditions of the scores trends read: these contexts, from since, no demos."""
    demos = select(SessionRow.id).where(SessionRow.person_id == person_id, SessionRow.speed != 1.0)
    conditions = [
        PainEntryRow.person_id == person_id,
        PainEntryRow.context.in_([context.value for context in contexts]),
        or_(PainEntryRow.session_id.is_(None), PainEntryRow.session_id.not_in(demos)),
    ]
    if since is not None:
        conditions.append(PainEntryRow.recorded_at >= check.utc_timestamp("since", since))
    return conditions
