"""Open the person's records from an explicit URL, SPINECOACH_DB or the default SQLite file."""

from dataclasses import dataclass
from datetime import datetime

from spinecoach.coaching.results import result_outside_plan
from spinecoach.records import PersonRecord
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from spinecoach.store.settings import resolve_settings


@dataclass(frozen=True)
class Records:
    """One database's repository and the person whose records a front end works with."""

    repository: Repository
    person: PersonRecord


def open_records(db: str | None, now: datetime) -> Records:
    """Return the repository of an up-to-date database and the local person."""
    settings = resolve_settings(db)
    engine = open_database(settings.database_url)
    # Every result is checked against its session's routine by coaching's rule (results.py).
    repository = Repository(engine, fits=result_outside_plan)
    return Records(repository, repository.ensure_default_person(now))


def local_person(db: str | None) -> PersonRecord | None:
    """Return the local person of an up-to-date database, without creating one."""
    engine = open_database(resolve_settings(db).database_url)
    try:
        return Repository(engine).find_default_person()
    finally:
        engine.dispose()
