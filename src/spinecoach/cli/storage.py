"""Open the person's records from --db, SPINECOACH_DB or the default SQLite file."""

from datetime import datetime

from spinecoach.coaching.access import open_records as open_person_records
from spinecoach.records import PersonRecord
from spinecoach.store.repository import Repository


def open_records(db: str | None, now: datetime) -> tuple[Repository, PersonRecord]:
    """Return a repository on an up-to-date database and the local person."""
    records = open_person_records(db, now)
    return records.repository, records.person
