"""One clinic's audit trail: who read or changed which patient's records, when, from where.

Append-only: this store only adds rows, and the database refuses UPDATE and DELETE on the
table (triggers of migration 0011), so not even a bug here could rewrite what happened.
"""

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Engine, select

from spinecoach.clinic_records import AuditEventRecord
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.clinic_rows import AuditEventRow, StaffRow
from spinecoach.store.models import PersonRow
from spinecoach.store.write_queue import WriteQueue

ACTIONS = ("read", "change")
EXPORT_CHUNK = 1000


class AuditTrail(StoreBase):
    """Append to and page through one clinic's audit trail, the newest event first."""

    def __init__(self, engine: Engine, clinic_id: int, writes: WriteQueue | None = None) -> None:
        """Work in clinic_id; writes go through the queue when the server has one (SQLite)."""
        super().__init__(engine, writes)
        self.clinic_id = clinic_id

    def record(
        self,
        staff_id: int,
        action: str,
        subject: str,
        person_id: int | None,
        client_address: str,
        now: datetime,
    ) -> None:
        """Append one event; action is "read" or "change", subject the request that did it."""
        if action not in ACTIONS:
            raise ValueError(f"audit action {action!r} is not one of {ACTIONS}")
        row = AuditEventRow(
            clinic_id=self.clinic_id,
            staff_id=staff_id,
            at=check.utc_timestamp("now", now),
            action=action,
            subject=subject[:200],
            person_id=person_id,
            client_address=client_address[:100],
        )
        self._write(lambda orm: orm.add(row))

    def events(self, before: int | None, limit: int) -> list[AuditEventRecord]:
        """Return up to limit events older than the event id before (all, if None), newest first."""
        query = (
            select(AuditEventRow, StaffRow.name, PersonRow.name)
            .join(StaffRow, StaffRow.id == AuditEventRow.staff_id)
            .outerjoin(PersonRow, PersonRow.id == AuditEventRow.person_id)
            .where(AuditEventRow.clinic_id == self.clinic_id)
        )
        if before is not None:
            query = query.where(AuditEventRow.id < before)
        query = query.order_by(AuditEventRow.id.desc()).limit(limit)
        with self._transaction() as orm:
            return [
                _event_record(row, staff, patient) for row, staff, patient in orm.execute(query)
            ]

    def every_event(self) -> Iterator[AuditEventRecord]:
        """Yield the whole trail, newest first, a chunk per transaction (for the CSV export)."""
        before: int | None = None
        while chunk := self.events(before, EXPORT_CHUNK):
            yield from chunk
            before = chunk[-1].id


def _event_record(
    row: AuditEventRow, staff_name: str, patient_name: str | None
) -> AuditEventRecord:
    return AuditEventRecord(
        id=row.id,
        staff_id=row.staff_id,
        staff_name=staff_name,
        patient_name=patient_name,
        at=row.at,
        action=row.action,
        subject=row.subject,
        person_id=row.person_id,
        client_address=row.client_address,
    )
