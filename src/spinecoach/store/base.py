"""Hold the engine and the transaction every record store writes and reads through."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Engine, Select, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from spinecoach.errors import NotFoundError
from spinecoach.store.database import translate_database_errors
from spinecoach.store.models import Base, PersonRow, SessionRow
from spinecoach.store.result_batches import ResultCheck
from spinecoach.store.write_queue import WriteQueue

T = TypeVar("T")
RowT = TypeVar("RowT", bound=Base)


class StoreBase:
    """Open transactions on one database; each noun's store builds on it.

    With a write queue (a server on SQLite), every write goes to its one writer thread and the
    engine only reads; without one (the terminal, PostgreSQL), the caller's thread writes.
    """

    def __init__(
        self, engine: Engine, writes: WriteQueue | None = None, fits: ResultCheck | None = None
    ) -> None:
        """Read and write engine; fits checks each result against its session's routine.

        A write queue checks the results it writes with its own fits.
        """
        self._engine = engine
        self._writes = writes
        self._fits = fits
        self._orm_sessions = sessionmaker(engine, expire_on_commit=False)

    def _write(self, work: Callable[[OrmSession], T], wait_seconds: float | None = None) -> T:
        """Run work in one write transaction, committed before returning what it returned.

        wait_seconds replaces the write queue's usual wait for its turn (a server on SQLite).
        """
        if self._writes is not None:
            return self._writes.run(work, wait_seconds)
        with self._transaction() as orm:
            _lock_for_writing(orm.connection())
            return work(orm)

    def _append(self, row: RowT, person_id: int) -> RowT:
        """Append a row of one person's records; NotFoundError if there is no such person."""

        def append(orm: OrmSession) -> RowT:
            require_person(orm, person_id)
            orm.add(row)
            orm.flush()  # the row's id, read by the caller once it is committed
            return row

        return self._write(append)

    @contextmanager
    def _core_write(self) -> Iterator[Connection]:
        """Open one write transaction without an ORM session, in the caller's thread."""
        with self._core_transaction() as connection:
            _lock_for_writing(connection)
            yield connection

    @contextmanager
    def _transaction(self) -> Iterator[OrmSession]:
        """Open one transaction, committed on success, with database failures explained."""
        with translate_database_errors(self._engine), self._orm_sessions.begin() as orm:
            yield orm

    @contextmanager
    def _core_transaction(self) -> Iterator[Connection]:
        """Open one transaction without an ORM session: for hot paths that need none."""
        with translate_database_errors(self._engine), self._engine.begin() as connection:
            yield connection


def _lock_for_writing(connection: Connection) -> None:
    """On SQLite, take the write lock before the first read (waiting out the busy timeout).

    A transaction that read first and then wants to write can be refused at once when another
    connection wrote meanwhile; one that holds the lock from its start is never refused later.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def select_columns(model: type[Base], names: tuple[str, ...]) -> Select[Any]:
    """Select columns as plain tuples: far cheaper than ORM objects for bulk reads."""
    return select(*(model.__table__.c[name] for name in names))


def plain_rows(orm: OrmSession, query: ClauseElement) -> list[tuple[Any, ...]]:
    """Run a query on the driver's own cursor and return its rows as the driver made them.

    For bulk reads of integers and strings only (a boolean comes back as 0/1 on SQLite): the
    Row objects of SQLAlchemy's result cost twice the query itself on the 20,000 results of
    five years of history (bench/history.py).
    """
    connection = orm.connection()
    compiled = cast(SQLCompiler, query.compile(dialect=connection.dialect))
    parameters: Any = compiled.params
    if compiled.positional:
        parameters = tuple(compiled.params[name] for name in compiled.positiontup or ())
    driver = connection.connection.dbapi_connection
    assert driver is not None  # the connection was just checked out
    cursor = driver.cursor()
    try:
        cursor.execute(str(compiled), parameters)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def require_person(orm: OrmSession, person_id: int) -> PersonRow:
    """Return the person or raise NotFoundError naming the id."""
    person = orm.get(PersonRow, person_id)
    if person is None:
        raise NotFoundError(f"person {person_id} does not exist")
    return person


def require_session(orm: OrmSession, session_id: int) -> SessionRow:
    """Return the session or raise NotFoundError naming the id."""
    session = orm.get(SessionRow, session_id)
    if session is None:
        raise NotFoundError(f"session {session_id} does not exist")
    return session
