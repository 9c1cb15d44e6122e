"""Take over or close abandoned sessions, guarded so two processes never both win."""

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Update, update

from spinecoach.errors import ConflictError
from spinecoach.records import SessionRecord, SessionStatus
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase, require_session
from spinecoach.store.convert import session_record, session_values
from spinecoach.store.liveness import SessionOwner
from spinecoach.store.models import SessionRow


class SessionClaimStore(StoreBase):
    """Resume or close a session in progress only if nobody wrote to it since it was seen."""

    def claim_session(
        self, seen: SessionRecord, *, owner: SessionOwner, now: datetime
    ) -> SessionRecord:
        """Take over a session in progress to resume it, if nobody wrote to it since `seen`.

        The UPDATE is guarded on the heartbeat and owner that were seen, so of two processes
        resuming the same session at once exactly one gets it; the other gets a ConflictError.
        """
        claimed_at = check.utc_timestamp("now", now)
        with self._transaction() as orm:
            guarded = self._unchanged_since(seen).values(
                heartbeat_at=claimed_at, owner_host=owner.host, owner_pid=owner.pid
            )
            if orm.execute(guarded).rowcount != 1:  # type: ignore[attr-defined]  # CursorResult
                raise ConflictError(
                    f"session {seen.id} was just resumed or ended by another process"
                )
        with self._transaction() as orm:
            return session_record(session_values(require_session(orm, seen.id)))

    def close_abandoned_session(self, seen: SessionRecord, *, ended_at: datetime) -> bool:
        """End an abandoned session as quit unless it was written to since `seen`.

        Return False when it changed meanwhile (another process resumed or ended it): then it
        is left as it is, since only the process that plays a session may end it.
        """
        ended = check.utc_timestamp("ended_at", ended_at)
        with self._transaction() as orm:
            check.not_before("ended_at", ended, "started_at", seen.started_at)
            guarded = self._unchanged_since(seen).values(
                status=SessionStatus.QUIT.value, ended_at=ended
            )
            return bool(orm.execute(guarded).rowcount == 1)  # type: ignore[attr-defined]

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
