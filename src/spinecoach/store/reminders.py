"""Number the versions of each person's calendar reminder, for its SEQUENCE (RFC 5545)."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase, require_person
from spinecoach.store.models import ReminderRow
from spinecoach.store.write_queue import RACE_ATTEMPTS


class ReminderStore(StoreBase):
    """Append a row each time a person's reminder says something new; never change one."""

    def reminder_sequence(self, person_id: int, fingerprint: str, *, issued_at: datetime) -> int:
        """Return the SEQUENCE of the reminder with this fingerprint, storing a new version.

        0 for the person's first reminder; the last one's again when nothing changed; else one
        more than the last, written down before it is returned.
        """
        issued = check.utc_timestamp("issued_at", issued_at)
        fingerprint = check.identifier("fingerprint", fingerprint, 64)
        with self._transaction() as orm:
            latest = _latest(orm, person_id)
        if latest is not None and latest.fingerprint == fingerprint:
            return latest.sequence  # the same reminder again: read only, no write lock

        def issue(orm: OrmSession) -> int:
            require_person(orm, person_id)
            latest = _latest(orm, person_id)  # again, under the write lock
            if latest is not None and latest.fingerprint == fingerprint:
                return latest.sequence
            sequence = 0 if latest is None else latest.sequence + 1
            orm.add(
                ReminderRow(
                    person_id=person_id,
                    issued_at=issued,
                    sequence=sequence,
                    fingerprint=fingerprint,
                )
            )
            orm.flush()
            return sequence

        for _ in range(RACE_ATTEMPTS - 1):
            try:
                return self._write(issue)
            except IntegrityError:
                # On PostgreSQL another change of the same person's reminder took this number
                # between our read and our insert: read again and take the next one.
                continue
        return self._write(issue)


def _latest(orm: OrmSession, person_id: int) -> ReminderRow | None:
    """Return the person's newest reminder version, or None before their first reminder."""
    query = select(ReminderRow).where(ReminderRow.person_id == person_id)
    return orm.scalars(query.order_by(ReminderRow.sequence.desc()).limit(1)).first()
