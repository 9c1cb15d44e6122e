"""Hold the engine and the transaction every record store writes and reads through."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection, Engine, Select, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from spinecoach.errors import NotFoundError
from spinecoach.store.database import translate_database_errors
from spinecoach.store.models import Base, PersonRow, SessionRow


class StoreBase:
    """Open transactions on one database; each noun's store builds on it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._orm_sessions = sessionmaker(engine, expire_on_commit=False)

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
