"""Append Patient-Specific Functional Scale entries and read them back."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from spinecoach.records import PsfsRating, PsfsRecord
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.convert import psfs_record
from spinecoach.store.models import PsfsRow


class PsfsStore(StoreBase):
    """Append a person's functional scale entries and list them oldest first."""

    def record_psfs(
        self, person_id: int, *, taken_at: datetime, ratings: Sequence[PsfsRating]
    ) -> PsfsRecord:
        """Append a filled-in Patient-Specific Functional Scale."""
        row = PsfsRow(
            person_id=person_id,
            taken_at=check.utc_timestamp("taken_at", taken_at),
            ratings=check.psfs_ratings("ratings", ratings),
        )
        return psfs_record(self._append(row, person_id))

    def psfs_entries(self, person_id: int) -> list[PsfsRecord]:
        """Return the person's Patient-Specific Functional Scale entries, oldest first."""
        query = select(PsfsRow).where(PsfsRow.person_id == person_id)
        with self._transaction() as orm:
            rows = orm.scalars(query.order_by(PsfsRow.taken_at, PsfsRow.id))
            return [psfs_record(row) for row in rows]
