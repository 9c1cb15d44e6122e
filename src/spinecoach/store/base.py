"""Hold the engine and the transaction every record store writes and reads through."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, Select, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

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


def select_columns(model: type[Base], names: tuple[str, ...]) -> Select[Any]:
    """Select columns as plain tuples: far cheaper than ORM objects for bulk reads."""
    return select(*(model.__table__.c[name] for name in names))


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
