"""Append pain scores and read them back."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.errors import NotFoundError
from spinecoach.records import PainContext, PainEntryRecord, PainKind
from spinecoach.store import validation as check
from spinecoach.store.alert_raising import raise_for_pain
from spinecoach.store.base import (
    StoreBase,
    plain_rows,
    require_person,
    require_session,
    select_columns,
)
from spinecoach.store.convert import PAIN_COLUMNS, pain_entry_record, pain_values
from spinecoach.store.models import PainEntryRow


class PainStore(StoreBase):
    """Append a person's 0-10 pain scores and list them oldest first."""

    def record_pain(
        self,
        person_id: int,
        *,
        recorded_at: datetime,
        score: int,
        context: PainContext | str,
        region: SpineRegion | str | None = None,
        kind: PainKind | str | None = None,
        note: str | None = None,
        session_id: int | None = None,
    ) -> PainEntryRecord:
        """Append a 0-10 pain score, optionally tied to one of the person's sessions."""
        row = PainEntryRow(
            person_id=person_id,
            recorded_at=check.utc_timestamp("recorded_at", recorded_at),
            score=check.whole_number("score", score, 0, 10),
            region=_value(check.optional_choice(SpineRegion, "region", region)),
            kind=_value(check.optional_choice(PainKind, "kind", kind)),
            context=check.choice(PainContext, "context", context).value,
            note=check.optional_note("note", note),
            session_id=session_id,
        )

        def append(orm: OrmSession) -> PainEntryRow:
            person = require_person(orm, person_id)
            if session_id is not None:
                session = require_session(orm, session_id)
                if session.person_id != person_id:
                    raise NotFoundError(f"session {session_id} is not one of this person's")
            orm.add(row)
            orm.flush()
            raise_for_pain(orm, person, row)
            return row

        return pain_entry_record(pain_values(self._write(append)))

    def pain_entries(
        self,
        person_id: int,
        *,
        since: datetime | None = None,
        context: PainContext | None = None,
    ) -> list[PainEntryRecord]:
        """Return the person's pain entries (of one context, if given), oldest first."""
        query = select_columns(PainEntryRow, PAIN_COLUMNS).where(
            PainEntryRow.person_id == person_id
        )
        if since is not None:
            query = query.where(PainEntryRow.recorded_at >= check.utc_timestamp("since", since))
        if context is not None:
            query = query.where(PainEntryRow.context == context.value)
        query = query.order_by(PainEntryRow.recorded_at, PainEntryRow.id)
        with self._transaction() as orm:
            return [pain_entry_record(row) for row in orm.connection().execute(query).all()]

    def pain_of_session(self, person_id: int, session_id: int) -> list[PainEntryRecord]:
        """Return the scores given around one of the person's sessions, oldest first."""
        query = (
            select_columns(PainEntryRow, PAIN_COLUMNS)
            .where(PainEntryRow.person_id == person_id, PainEntryRow.session_id == session_id)
            .order_by(PainEntryRow.recorded_at, PainEntryRow.id)
        )
        with self._transaction() as orm:
            return [pain_entry_record(row) for row in orm.connection().execute(query).all()]

    def latest_pain_kind(self, person_id: int) -> PainKind | None:
        """Return the kind of the person's latest score that named one, or None."""
        query = (
            select(PainEntryRow.kind)
            .where(PainEntryRow.person_id == person_id, PainEntryRow.kind.is_not(None))
            .order_by(PainEntryRow.recorded_at.desc(), PainEntryRow.id.desc())
            .limit(1)
        )
        with self._transaction() as orm:
            kind = orm.scalar(query)
        return None if kind is None else PainKind(kind)

    def session_pain_scores(
        self, person_id: int, *, only: Sequence[int] | None = None
    ) -> dict[tuple[int, PainContext], int]:
        """Return each session's scores before and after by (session id, context); later wins.

        Only what a history table shows: on five years of records, full pain records for the
        scores given around sessions cost a third of the history's time (bench/history.py).
        """
        scores: dict[tuple[int, PainContext], int] = {}
        with self._transaction() as orm:
            # One context at a time: the (person, context, time) index then gives the rows in
            # order and skips the diary, which may hold hundreds of thousands of scores.
            for context in (PainContext.BEFORE, PainContext.AFTER):
                query = (
                    select_columns(PainEntryRow, ("session_id", "score"))
                    .where(PainEntryRow.person_id == person_id)
                    .where(PainEntryRow.context == context.value)
                    .where(PainEntryRow.session_id.is_not(None))
                    .order_by(PainEntryRow.recorded_at, PainEntryRow.id)
                )
                if only is not None:
                    query = query.where(PainEntryRow.session_id.in_(only))
                # plain_rows cannot expand a list of ids, which a page's few need not.
                rows = plain_rows(orm, query) if only is None else orm.execute(query).all()
                scores.update(((session_id, context), score) for session_id, score in rows)
        return scores


def _value(member: SpineRegion | PainKind | None) -> str | None:
    """Return the stored text of an optional enum member."""
    return None if member is None else member.value
