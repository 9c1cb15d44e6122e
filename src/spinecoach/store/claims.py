"""Sessions in progress as several processes see them: all of them, and a guarded take-over.

Kept apart from the Repository's appends because only these writes race with other processes;
each is one UPDATE guarded on what the caller saw, so exactly one of two racing callers wins.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Update, select, update
from sqlalchemy.orm import Session as OrmSession

from spinecoach.errors import ConflictError
from spinecoach.records import ResumableSession, SessionRecord, SessionStatus
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.convert import exercise_result_record, session_record, session_values
from spinecoach.store.liveness import SessionOwner
from spinecoach.store.models import ExerciseResultRow, SessionRow


class SessionClaims(StoreBase):
    """Find every session in progress and take one over or close it, if nobody wrote since."""

    def unfinished_session(self, person_id: int) -> ResumableSession | None:
        """Return the latest session still in progress with its exercises done, for resuming."""
        return next(iter(self.unfinished_sessions(person_id)), None)

    def unfinished_sessions(self, person_id: int) -> list[ResumableSession]:
        """Return every session still in progress, newest first, with its exercises done.

        More than one exists when sessions run alongside (two windows, two devices) or when
        one was abandoned while another was playing; liveness.py tells them apart.
        """
        query = (
            select(SessionRow)
            .where(SessionRow.person_id == person_id)
            .where(SessionRow.status == SessionStatus.IN_PROGRESS.value)
            .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
        )
        with self._transaction() as orm:
            unfinished = []
            for row in orm.scalars(query).all():
                results = orm.scalars(
                    select(ExerciseResultRow)
                    .where(ExerciseResultRow.session_id == row.id)
                    .order_by(ExerciseResultRow.position)
                )
                unfinished.append(
                    ResumableSession(
                        session=session_record(session_values(row)),
                        results=tuple(exercise_result_record(result) for result in results),
                    )
                )
            return unfinished

    def claim_session(
        self, seen: SessionRecord, *, owner: SessionOwner, now: datetime, speed: float = 1.0
    ) -> SessionRecord:
        """Take over a session in progress to resume it, if nobody wrote to it since `seen`.

        The UPDATE is guarded on the heartbeat and owner that were seen, so of two processes
        resuming the same session at once exactly one gets it; the other gets a ConflictError.
        A session resumed faster than normal becomes a demo; one that was a demo stays one.
        """
        claimed_at = check.utc_timestamp("now", now)
        changes: dict[str, object] = {
            "heartbeat_at": claimed_at,
            "owner_host": owner.host,
            "owner_pid": owner.pid,
        }
        if check.speed("speed", speed) != 1.0:
            changes["speed"] = speed

        def claim(orm: OrmSession) -> SessionRecord:
            guarded = self._unchanged_since(seen).values(**changes)
            if orm.execute(guarded).rowcount != 1:  # type: ignore[attr-defined]  # CursorResult
                raise ConflictError(
                    f"session {seen.id} was just resumed or ended by another process"
                )
            return session_record(session_values(orm.get_one(SessionRow, seen.id)))

        return self._write(claim)

    def close_abandoned_session(self, seen: SessionRecord, *, ended_at: datetime) -> bool:
        """End an abandoned session as quit unless it was written to since `seen`.

        Return False when it changed meanwhile (another process resumed or ended it): then it
        is left as it is, since only the process that plays a session may end it.
        """
        ended = check.utc_timestamp("ended_at", ended_at)
        check.not_before("ended_at", ended, "started_at", seen.started_at)

        def close(orm: OrmSession) -> bool:
            guarded = self._unchanged_since(seen).values(
                status=SessionStatus.QUIT.value, ended_at=ended
            )
            return bool(orm.execute(guarded).rowcount == 1)  # type: ignore[attr-defined]

        return self._write(close)

    @staticmethod
    def _unchanged_since(seen: SessionRecord) -> Update:
        """Return an UPDATE of the session guarded on it being as `seen`: running, same writer."""
        return (
            update(SessionRow)
            .where(SessionRow.id == seen.id)
            .where(SessionRow.status == SessionStatus.IN_PROGRESS.value)
            .where(_same(SessionRow.heartbeat_at, seen.heartbeat_at))
            .where(_same(SessionRow.owner_host, seen.owner_host))
            .where(_same(SessionRow.owner_pid, seen.owner_pid))
            .execution_options(synchronize_session=False)
        )


def _same(column: Any, value: object) -> ColumnElement[bool]:
    """Return column = value, or IS NULL for None (SQL's = never matches NULL)."""
    return column.is_(None) if value is None else column == value  # type: ignore[no-any-return]
