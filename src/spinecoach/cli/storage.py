"""Open the person's records from --db, SPINECOACH_DB or the default SQLite file."""

from datetime import datetime

from spinecoach.records import PersonRecord
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from spinecoach.store.settings import resolve_settings


def open_records(db: str | None, now: datetime) -> tuple[Repository, PersonRecord]:
    """Return a repository on an up-to-date database and the local person."""
    settings = resolve_settings(db)
    repository = Repository(open_database(settings.database_url))
    return repository, repository.ensure_default_person(now)
