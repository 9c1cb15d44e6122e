"""A database held by another writer is BusyError (retry later), never "cannot use the database"."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, Engine, text

from spinecoach.errors import BusyError
from spinecoach.store.database import open_database, translate_database_errors
from tests.conftest import PostgresServer

# libpq's startup options, as a clinic would put them in its database URL.
WAITS_IN_URL = "?options=-c%20lock_timeout%3D300"


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


@pytest.mark.postgres
def test_a_statement_cut_short_by_the_postgres_statement_timeout_is_busy(
    postgres_server: PostgresServer,
) -> None:
    engine = open_database(postgres_server.create_database())
    try:
        with engine.connect() as reader:
            reader.exec_driver_sql("SET statement_timeout = 50")
            with pytest.raises(BusyError, match="busy"), translate_database_errors(engine):
                reader.exec_driver_sql("SELECT pg_sleep(5)")
            reader.rollback()
    finally:
        engine.dispose()


def _waits(url: str) -> tuple[str, str]:
    """Return the lock and statement timeouts of a connection the app opens on the URL."""
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            lock = connection.exec_driver_sql("SHOW lock_timeout").scalar_one()
            statement = connection.exec_driver_sql("SHOW statement_timeout").scalar_one()
    finally:
        engine.dispose()
    return lock, statement


@pytest.mark.postgres
def test_postgres_waits_given_in_the_database_url_are_kept(
    postgres_server: PostgresServer,
) -> None:
    waits = _waits(postgres_server.create_database() + WAITS_IN_URL)

    assert waits == ("300ms", "2min")


@pytest.mark.postgres
def test_postgres_waits_the_database_url_leaves_out_are_bounded(
    postgres_server: PostgresServer,
) -> None:
    waits = _waits(postgres_server.create_database())

    assert waits == ("4s", "2min")
