"""A database held by another writer is BusyError (retry later), never "cannot use the database"."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, Engine, text

from spinecoach.errors import BusyError
from spinecoach.store.database import open_database, translate_database_errors


@contextmanager
def held(engine: Engine) -> Iterator[Connection]:
    """Hold the write lock on the sessions table in a transaction of another connection."""
    with engine.connect() as holder:
        if engine.dialect.name == "sqlite":
            holder.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            holder.exec_driver_sql("LOCK TABLE sessions IN EXCLUSIVE MODE")
        yield holder
        holder.rollback()


def test_a_write_refused_for_a_lock_held_elsewhere_is_busy(database_url: str) -> None:
    engine = open_database(database_url)
    quick = "PRAGMA busy_timeout=50" if engine.dialect.name == "sqlite" else "SET lock_timeout=50"
    try:
        with held(engine), engine.connect() as writer:
            writer.exec_driver_sql(quick)
            with (
                pytest.raises(BusyError, match="busy") as refused,
                translate_database_errors(engine),
            ):
                if engine.dialect.name == "sqlite":
                    writer.exec_driver_sql("BEGIN IMMEDIATE")
                writer.execute(text("UPDATE sessions SET speed = 1"))
            writer.rollback()
    finally:
        engine.dispose()

    assert "try again" in refused.value.user_message
