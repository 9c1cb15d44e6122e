"""Create and find the people whose records the store keeps, and keep their name and birth year."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from spinecoach.records import PersonRecord
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase, require_person
from spinecoach.store.convert import person_record
from spinecoach.store.models import PersonRow


class PeopleStore(StoreBase):
    """Append people: the local default person, or one per patient in a clinic."""

    def ensure_default_person(self, now: datetime) -> PersonRecord:
        """Return the local person, creating them (with no name yet) on first use."""
        created_at = check.utc_timestamp("created_at", now)
        existing = self.find_default_person()
        if existing is not None:
            return existing

        def create(orm: OrmSession) -> PersonRecord:
            # Looked for again under the write lock (or after the insert, on PostgreSQL): if
            # two processes raced, both settle on the oldest row.
            if self._default_person(orm) is None:
                orm.add(PersonRow(name=None, created_at=created_at))
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

    def person(self, person_id: int) -> PersonRecord:
        """Return a person by id, or NotFoundError."""
        with self._transaction() as orm:
            return person_record(require_person(orm, person_id))

    def add_person(self, name: str, *, created_at: datetime) -> PersonRecord:
        """Append another person, as a clinic does for each patient."""
        row = PersonRow(
            name=check.person_name("name", name),
            created_at=check.utc_timestamp("created_at", created_at),
        )

        def append(orm: OrmSession) -> PersonRow:
            orm.add(row)
            orm.flush()
            return row

        return person_record(self._write(append))

    def set_profile(
        self, person_id: int, name: str | None, birth_year: int | None, now: datetime
    ) -> PersonRecord:
        """Replace the person's name and year of birth (None clears one); marks them asked."""
        checked_name = None if name is None else check.person_name("name", name)
        checked_year = (
            None if birth_year is None else check.birth_year("birth_year", birth_year, now)
        )
        asked_at = check.utc_timestamp("now", now)

        def update(orm: OrmSession) -> PersonRecord:
            row = require_person(orm, person_id)
            row.name, row.birth_year = checked_name, checked_year
            if row.profile_asked_at is None:
                row.profile_asked_at = asked_at
            orm.flush()
            return person_record(row)

        return self._write(update)

    def mark_profile_asked(self, person_id: int, now: datetime) -> PersonRecord:
        """Remember that the person was offered the name question, so it is not asked again."""
        asked_at = check.utc_timestamp("now", now)

        def update(orm: OrmSession) -> PersonRecord:
            row = require_person(orm, person_id)
            if row.profile_asked_at is None:
                row.profile_asked_at = asked_at
                orm.flush()
            return person_record(row)

        return self._write(update)

    @staticmethod
    def _default_person(orm: OrmSession) -> PersonRow | None:
        """Return the oldest person outside any clinic: the local one, whatever their name."""
        local = select(PersonRow).where(PersonRow.clinic_id.is_(None))
        return orm.scalars(local.order_by(PersonRow.id).limit(1)).first()
