"""One clinic's alerts: read the open ones, keep quiet spells as they are seen, acknowledge.

Every query names the clinic, as in ClinicScope: another clinic's alert is not found.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Engine, select, tuple_, update
from sqlalchemy.orm import Session as OrmSession

from spinecoach.alert_rules import QuietSpell
from spinecoach.clinic_records import AlertKind, AlertRecord
from spinecoach.errors import ConflictError, NotFoundError
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.clinic_rows import AlertRow
from spinecoach.store.write_queue import WriteQueue

NOTE_LENGTH = 1000


class ClinicAlerts(StoreBase):
    """The alerts of one clinic's patients, and their acknowledgements."""

    def __init__(self, engine: Engine, clinic_id: int, writes: WriteQueue | None = None) -> None:
        """Work in clinic_id; writes go through the queue when the server has one (SQLite)."""
        super().__init__(engine, writes)
        self.clinic_id = clinic_id

    def open_alerts(self, person_ids: Iterable[int] | None = None) -> dict[int, list[AlertRecord]]:
        """Return the open alerts by patient (of the given ones, or all), the newest first."""
        query = select(AlertRow).where(
            AlertRow.clinic_id == self.clinic_id, AlertRow.acknowledged_at.is_(None)
        )
        if person_ids is not None:
            query = query.where(AlertRow.person_id.in_(list(person_ids)))
        found: dict[int, list[AlertRecord]] = {}
        with self._transaction() as orm:
            for row in orm.scalars(query.order_by(AlertRow.raised_at.desc(), AlertRow.id.desc())):
                found.setdefault(row.person_id, []).append(alert_record(row))
        return found

    def patient_alerts(self, person_id: int, acknowledged: int) -> list[AlertRecord]:
        """Return all the patient's open alerts and their latest acknowledged ones, newest first."""
        mine = select(AlertRow).where(
            AlertRow.clinic_id == self.clinic_id, AlertRow.person_id == person_id
        )
        newest = (AlertRow.raised_at.desc(), AlertRow.id.desc())
        with self._transaction() as orm:
            rows = [
                *orm.scalars(mine.where(AlertRow.acknowledged_at.is_(None)).order_by(*newest)),
                *orm.scalars(
                    mine.where(AlertRow.acknowledged_at.is_not(None))
                    .order_by(*newest)
                    .limit(acknowledged)
                ),
            ]
        return sorted(
            (alert_record(row) for row in rows), key=lambda a: (a.raised_at, a.id), reverse=True
        )

    def keep_quiet_spells(self, spells: Sequence[tuple[int, QuietSpell]]) -> None:
        """Store each patient's current quiet spell the first time it is seen.

        Stored, a spell stays open until acknowledged even after the next session ends it.
        """
        if not spells:
            return
        keys = [(person_id, spell.kind.value, spell.raised_at) for person_id, spell in spells]

        def keep(orm: OrmSession) -> None:
            seen = set(
                orm.execute(
                    select(AlertRow.person_id, AlertRow.kind, AlertRow.raised_at).where(
                        AlertRow.clinic_id == self.clinic_id,
                        tuple_(AlertRow.person_id, AlertRow.kind, AlertRow.raised_at).in_(keys),
                    )
                )
            )
            for person_id, spell in spells:
                if (person_id, spell.kind.value, spell.raised_at) not in seen:
                    orm.add(
                        AlertRow(
                            clinic_id=self.clinic_id,
                            person_id=person_id,
                            kind=spell.kind.value,
                            raised_at=spell.raised_at,
                            detail=spell.detail,
                        )
                    )

        if self._needs_keeping(keys):
            self._write(keep)

    def _needs_keeping(self, keys: Sequence[tuple[int, str, datetime]]) -> bool:
        """Say whether any spell is new, reading first so a look at the dashboard rarely writes."""
        query = select(AlertRow.person_id, AlertRow.kind, AlertRow.raised_at).where(
            AlertRow.clinic_id == self.clinic_id,
            tuple_(AlertRow.person_id, AlertRow.kind, AlertRow.raised_at).in_(keys),
        )
        with self._transaction() as orm:
            return len(set(orm.execute(query))) < len(set(keys))

    def acknowledge(
        self, person_id: int, alert_id: int, staff_id: int, note: str, now: datetime
    ) -> AlertRecord:
        """Mark the alert seen by staff_id with an optional note; 409 if someone already did."""
        at = check.utc_timestamp("now", now)
        kept_note = check.optional_note("note", note.strip() or None)

        def acknowledge(orm: OrmSession) -> AlertRecord:
            row = orm.scalars(
                select(AlertRow).where(
                    AlertRow.id == alert_id,
                    AlertRow.clinic_id == self.clinic_id,
                    AlertRow.person_id == person_id,
                )
            ).first()
            if row is None:
                raise NotFoundError(f"alert {alert_id} does not exist", "alert")
            done = orm.execute(
                update(AlertRow)
                .where(AlertRow.id == alert_id, AlertRow.acknowledged_at.is_(None))
                .values(
                    acknowledged_at=at, acknowledged_by=staff_id, acknowledgement_note=kept_note
                )
                .execution_options(synchronize_session=False)
            )
            if done.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult
                raise ConflictError(f"alert {alert_id} was already acknowledged")
            orm.refresh(row)
            return alert_record(row)

        return self._write(acknowledge)


def alert_record(row: AlertRow) -> AlertRecord:
    """Return a stored alert as a record."""
    return AlertRecord(
        id=row.id,
        person_id=row.person_id,
        kind=AlertKind(row.kind),
        raised_at=row.raised_at,
        detail=row.detail,
        acknowledged_at=row.acknowledged_at,
        acknowledged_by=row.acknowledged_by,
        acknowledgement_note=row.acknowledgement_note,
    )
