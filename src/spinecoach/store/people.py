"""Create and find the people whose records the store keeps."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from spinecoach.records import PersonRecord
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.convert import person_record
from spinecoach.store.models import PersonRow

DEFAULT_PERSON_NAME = "me"


class PeopleStore(StoreBase):
    """Append people: the local default person, or one per patient in a clinic."""

    def ensure_default_person(self, now: datetime) -> PersonRecord:
        """Return the local person, creating them on first use."""
        created_at = check.utc_timestamp("created_at", now)
        existing = self.find_default_person()
        if existing is not None:
            return existing

        def create(orm: OrmSession) -> PersonRecord:
            # Looked for again under the write lock (or after the insert, on PostgreSQL): if
            # two processes raced, both settle on the oldest row.
            if self._default_person(orm) is None:
                orm.add(PersonRow(name=DEFAULT_PERSON_NAME, created_at=created_at))
                orm.flush()
            settled = self._default_person(orm)
            assert settled is not None, "the default person was just added"
            return person_record(settled)

        return self._write(create)

    def find_default_person(self) -> PersonRecord | None:
        """Return the local person if there is one yet, without creating them."""
        with self._transaction() as orm:
            existing = self._default_person(orm)
            return person_record(existing) if existing is not None else None

    def add_person(self, name: str, *, created_at: datetime) -> PersonRecord:
        """Append another person, as a clinic does for each patient."""
        row = PersonRow(
            name=check.identifier("name", name, 200),
            created_at=check.utc_timestamp("created_at", created_at),
        )

        def append(orm: OrmSession) -> PersonRow:
            orm.add(row)
            orm.flush()
            return row

        return person_record(self._write(append))

    @staticmethod
    def _default_person(orm: OrmSession) -> PersonRow | None:
        """Return the oldest person with the default name, if any."""
        query = select(PersonRow).where(PersonRow.name == DEFAULT_PERSON_NAME)
        return orm.scalars(query.order_by(PersonRow.id).limit(1)).first()
