"""Start and finish sessions, and read them back for history."""

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session as OrmSession

from spinecoach.errors import ConflictError, InvalidInputError
from spinecoach.records import JsonObject, Page, PageCursor, SessionRecord, SessionStatus
from spinecoach.store import validation as check
from spinecoach.store.alert_raising import raise_for_pain_stop, raise_for_quiet_spell_ended
from spinecoach.store.base import StoreBase, require_person, require_session, select_columns
from spinecoach.store.convert import (
    SESSION_COLUMNS,
    session_record,
    session_values,
)
from spinecoach.store.keyset import read_page
from spinecoach.store.liveness import SessionOwner
from spinecoach.store.models import SessionRow


class SessionStore(StoreBase):
    """Append sessions, end each one once, and list them."""

    def start_session(
        self,
        person_id: int,
        *,
        started_at: datetime,
        routine_id: str,
        routine: JsonObject,
        planned_seconds: int,
        speed: float = 1.0,
        owner: SessionOwner | None = None,
    ) -> SessionRecord:
        """Append a session in progress with a snapshot of its planned routine.

        With an owner, the session is marked as played by that process (see liveness.py).
        """
        started = check.utc_timestamp("started_at", started_at)
        row = SessionRow(
            person_id=person_id,
            started_at=started,
            routine_id=check.identifier("routine_id", routine_id, 100),
            routine=check.json_object("routine", routine),
            planned_seconds=check.whole_number("planned_seconds", planned_seconds, 1),
            status=SessionStatus.IN_PROGRESS.value,
            ended_at=None,
            speed=check.speed("speed", speed),
            heartbeat_at=started if owner else None,
            owner_host=owner.host if owner else None,
            owner_pid=owner.pid if owner else None,
        )

        def append(orm: OrmSession) -> SessionRow:
            person = require_person(orm, person_id)
            raise_for_quiet_spell_ended(orm, person, started)
            orm.add(row)
            orm.flush()
            return row

        return session_record(session_values(self._write(append)))

    def finish_session(
        self,
        session_id: int,
        *,
        status: SessionStatus | str,
        ended_at: datetime,
        pain_worse_during: str | None = None,
    ) -> SessionRecord:
        """End a session in progress: the one change the store allows, made exactly once.

        A session row is written when it starts, so a crash leaves a resumable record; its end
        is only known later. Status and end time are therefore set once, by an UPDATE guarded on
        status = in-progress, and no later call can overwrite how a session ended.
        """
        final = check.choice(SessionStatus, "status", status)
        if final is SessionStatus.IN_PROGRESS:
            raise InvalidInputError("status: a session cannot finish as in-progress")
        ended = check.utc_timestamp("ended_at", ended_at)
        if pain_worse_during is not None:
            if final is not SessionStatus.STOPPED_PAIN:
                raise InvalidInputError(
                    "pain_worse_during: only a session stopped for pain names a stretch"
                )
            pain_worse_during = check.identifier("pain_worse_during", pain_worse_during, 100)

        def finish(orm: OrmSession) -> SessionRecord:
            session = require_session(orm, session_id)
            check.not_before("ended_at", ended, "started_at", session.started_at)
            guarded = (
                update(SessionRow)
                .where(SessionRow.id == session_id)
                .where(SessionRow.status == SessionStatus.IN_PROGRESS.value)
                .values(status=final.value, ended_at=ended, pain_worse_during=pain_worse_during)
                .execution_options(synchronize_session=False)
            )
            if orm.execute(guarded).rowcount != 1:  # type: ignore[attr-defined]  # CursorResult
                raise ConflictError(f"session {session_id} has already ended")
            orm.refresh(session)
            if final is SessionStatus.STOPPED_PAIN:
                raise_for_pain_stop(orm, require_person(orm, session.person_id), session)
            return session_record(session_values(session))

        return self._write(finish)

    def session(self, session_id: int) -> SessionRecord | None:
        """Return one session by id, or None: one indexed read, for a request about one session."""
        query = select_columns(SessionRow, SESSION_COLUMNS).where(SessionRow.id == session_id)
        with self._transaction() as orm:
            row = orm.connection().execute(query).first()
            return None if row is None else session_record(row)

    def sessions(self, person_id: int, *, since: datetime | None = None) -> list[SessionRecord]:
        """Return the person's sessions, oldest first, from `since` on if given."""
        query = select_columns(SessionRow, SESSION_COLUMNS).where(SessionRow.person_id == person_id)
        if since is not None:
            query = query.where(SessionRow.started_at >= check.utc_timestamp("since", since))
        query = query.order_by(SessionRow.started_at, SessionRow.id)
        with self._transaction() as orm:
            return [session_record(row) for row in orm.connection().execute(query).all()]

    def session_page(
        self,
        person_id: int,
        *,
        before: PageCursor | None = None,
        after: PageCursor | None = None,
        limit: int,
    ) -> Page[SessionRecord]:
        """Return up to `limit` sessions started before or after a cursor, or the latest."""
        key = (SessionRow.started_at, SessionRow.id)
        query = select_columns(SessionRow, SESSION_COLUMNS).where(SessionRow.person_id == person_id)
        with self._transaction() as orm:
            return read_page(
                orm.connection(),
                query.add_columns(*key),
                key,
                session_record,
                before=before,
                after=after,
                limit=limit,
            )
