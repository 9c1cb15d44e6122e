"""A patient's programme in force, as their own sessions plan from it (scoped to the person)."""

from datetime import date

from sqlalchemy import select

from spinecoach.clinic_records import ProgrammeRecord
from spinecoach.store.base import StoreBase
from spinecoach.store.clinic_rows import ProgrammeRow
from spinecoach.store.clinic_scope import programme_record


class ProgrammeStore(StoreBase):
    """Read the programme a clinic prescribed for a person."""

    def current_programme(self, person_id: int, today: date) -> ProgrammeRecord | None:
        """Return the newest version begun by today, unless it has ended; None without one.

        A version that starts later leaves the one before it in force until then.
        """
        with self._transaction() as orm:
            row = orm.scalars(
                select(ProgrammeRow)
                .where(ProgrammeRow.person_id == person_id, ProgrammeRow.starts <= today)
                .order_by(ProgrammeRow.version.desc())
                .limit(1)
            ).first()
            if row is None or (row.ends is not None and row.ends < today):
                return None
            return programme_record(row)
