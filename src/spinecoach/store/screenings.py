"""Append red-flag screenings and read them back."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from spinecoach.records import JsonObject, ScreeningOutcome, ScreeningRecord
from spinecoach.store import validation as check
from spinecoach.store.alert_raising import raise_for_screening
from spinecoach.store.base import StoreBase, require_person
from spinecoach.store.convert import screening_record
from spinecoach.store.models import ScreeningRow


class ScreeningStore(StoreBase):
    """Append a person's screenings and read the latest or all of them."""

    def record_screening(
        self,
        person_id: int,
        *,
        taken_at: datetime,
        answers: JsonObject,
        outcome: ScreeningOutcome | str,
        rules_version: str,
        doctor_acknowledged: bool,
    ) -> ScreeningRecord:
        """Append a screening with its answers as given."""
        row = ScreeningRow(
            person_id=person_id,
            taken_at=check.utc_timestamp("taken_at", taken_at),
            answers=check.json_object("answers", answers),
            outcome=check.choice(ScreeningOutcome, "outcome", outcome).value,
            rules_version=check.identifier("rules_version", rules_version, 50),
            doctor_acknowledged=check.flag("doctor_acknowledged", doctor_acknowledged),
        )

        def append(orm: OrmSession) -> ScreeningRow:
            person = require_person(orm, person_id)
            orm.add(row)
            orm.flush()
            raise_for_screening(orm, person, row)
            return row

        return screening_record(self._write(append))

    def latest_screening(self, person_id: int) -> ScreeningRecord | None:
        """Return the most recent screening, or None if the person was never screened."""
        query = select(ScreeningRow).where(ScreeningRow.person_id == person_id)
        query = query.order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc()).limit(1)
        with self._transaction() as orm:
            row = orm.scalars(query).first()
            return None if row is None else screening_record(row)

    def screenings(self, person_id: int, *, since: datetime | None = None) -> list[ScreeningRecord]:
        """Return the person's screenings, oldest first, from `since` on if given."""
        query = select(ScreeningRow).where(ScreeningRow.person_id == person_id)
        if since is not None:
            query = query.where(ScreeningRow.taken_at >= check.utc_timestamp("since", since))
        query = query.order_by(ScreeningRow.taken_at, ScreeningRow.id)
        with self._transaction() as orm:
            return [screening_record(row) for row in orm.scalars(query).all()]
