"""The store as a server uses it: on SQLite, pooled readers and one writer thread."""

import logging
import sqlite3
from dataclasses import dataclass

from sqlalchemy import Engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from spinecoach.coaching.results import result_outside_plan
from spinecoach.store.audit_trail import AuditTrail
from spinecoach.store.clinic_alerts import ClinicAlerts
from spinecoach.store.clinic_roster import ClinicRoster
from spinecoach.store.clinic_scope import ClinicScope
from spinecoach.store.clinics import ClinicDirectory
from spinecoach.store.database import create_database_engine
from spinecoach.store.enrolments import Enrolments
from spinecoach.store.repository import Repository
from spinecoach.store.write_queue import WriteQueue

logger = logging.getLogger("spinecoach.web")
# Read connections: a request holds one only while it reads, and in WAL mode none of them waits
# for a writer, ours or another process's. Past this many at once, a request waits for a free
# connection, never for a lock.
READERS = 16


@dataclass(frozen=True, slots=True)
class ServingStore:
    """The repository requests use, the queue results go through, and what to close at exit."""

    repository: Repository
    writes: WriteQueue
    engines: tuple[Engine, ...]
    # What the clinic's stores read through, and the queue their writes take (SQLite's one
    # writer), or None where each request writes in its own thread (PostgreSQL).
    reader: Engine
    store_writes: WriteQueue | None

    def directory(self) -> ClinicDirectory:
        """Return the store of clinics, staff and sign-ins."""
        return ClinicDirectory(self.reader, self.store_writes)

    def clinic_scope(self, clinic_id: int) -> ClinicScope:
        """Return the store of one clinic's patients, programmes, links and devices."""
        return ClinicScope(self.reader, clinic_id, self.store_writes)

    def clinic_alerts(self, clinic_id: int) -> ClinicAlerts:
        """Return the store of one clinic's alerts and their acknowledgements."""
        return ClinicAlerts(self.reader, clinic_id, self.store_writes)

    def clinic_roster(self, clinic_id: int) -> ClinicRoster:
        """Return what one clinic's dashboard reads."""
        return ClinicRoster(self.reader, clinic_id, self.store_writes)

    def audit_trail(self, clinic_id: int) -> AuditTrail:
        """Return one clinic's append-only audit trail."""
        return AuditTrail(self.reader, clinic_id, self.store_writes)

    def enrolments(self) -> Enrolments:
        """Return the store that binds devices to patients and finds them by their secret."""
        return Enrolments(self.reader, self.store_writes)

    def close(self) -> None:
        """Write what is queued, then close every pooled connection."""
        self.writes.close()
        for engine in self.engines:
            engine.dispose()


def serving_store(engine: Engine) -> ServingStore:
    """Return the store to serve with, from the engine the migrations ran on.

    PostgreSQL takes many writers: each request writes in its own thread, and the queue only
    gathers results into shared commits. SQLite takes one: every write goes through the queue's
    thread and its one connection, and the repository's own engine is read-only, so a write
    that forgot the queue fails in the tests instead of waiting on the lock in production.

    WAL mode lets readers go on while the writer (or another process) holds the write lock, and
    a commit needs one disk sync instead of three. synchronous=FULL is kept (NORMAL was measured
    faster): an acknowledged result is on disk, because the browser drops it from its outbox
    once the server says it is stored, and a power cut may lose at most the exercise in progress.
    """
    if engine.dialect.name != "sqlite":
        writes = WriteQueue(engine, fits=result_outside_plan)
        repository = Repository(engine, fits=result_outside_plan)
        return ServingStore(repository, writes, (engine,), engine, None)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()  # the connections opened for the migrations go; the new ones get the pragmas
    writer = create_database_engine(url, pool_size=1)
    event.listen(writer, "connect", _writing)
    reader = create_database_engine(url, pool_size=READERS)
    event.listen(reader, "connect", _reading)
    with writer.connect():
        pass  # WAL now, before the first reader: a read-only connection cannot switch modes
    # Every result is checked against its session's routine by coaching's rule (results.py).
    writes = WriteQueue(writer, fits=result_outside_plan)
    return ServingStore(Repository(reader, writes=writes), writes, (reader, writer), reader, writes)


def _writing(dbapi_connection: object, connection_record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]  # DBAPI objects are untyped
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:
        # Switching needs the file to itself, and SQLite does not wait for it: with another
        # process writing right now, this run keeps the old journal (slower, still correct) and
        # the next start switches. A file once in WAL mode stays so.
        logger.warning("the database stays out of WAL mode until the next start: it is in use")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _reading(dbapi_connection: object, connection_record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]  # DBAPI objects are untyped
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()
