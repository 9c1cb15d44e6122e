"""Append the session choices a person wants remembered and read the newest back."""

from datetime import datetime

from sqlalchemy import select

from spinecoach.records import JsonObject, PreferencesRecord
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.convert import preferences_record
from spinecoach.store.models import PreferencesRow


class PreferencesStore(StoreBase):
    """Append remembered session choices; the newest entry is the one in force."""

    def record_preferences(
        self, person_id: int, *, recorded_at: datetime, choices: JsonObject
    ) -> PreferencesRecord:
        """Append the session choices to remember; earlier ones stay as they were."""
        row = PreferencesRow(
            person_id=person_id,
            recorded_at=check.utc_timestamp("recorded_at", recorded_at),
            choices=check.json_object("choices", choices),
        )
        return preferences_record(self._append(row, person_id))

    def latest_preferences(self, person_id: int) -> PreferencesRecord | None:
        """Return the newest remembered session choices, or None before the first session."""
        query = select(PreferencesRow).where(PreferencesRow.person_id == person_id)
        query = query.order_by(PreferencesRow.recorded_at.desc(), PreferencesRow.id.desc())
        with self._transaction() as orm:
            row = orm.scalars(query.limit(1)).first()
            return None if row is None else preferences_record(row)
