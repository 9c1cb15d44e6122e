"""SQLite settings for a server with many concurrent requests (the CLI keeps the store's own)."""

from sqlalchemy import Engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from spinecoach.store.database import create_database_engine


def tune_for_serving(engine: Engine) -> Engine:
    """Return the engine to serve with: for SQLite, one WAL connection that syncs each commit.

    The default rollback journal syncs the disk about three times per commit (some 20 ms here),
    so fifty people's phones, or one browser retrying a queue, wait in line behind each other.
    In WAL mode readers never wait for the writer and a commit needs one sync. synchronous=FULL
    is kept (NORMAL was measured faster): an acknowledged result is on disk, because the
    browser drops it from its outbox once the server says it is stored, and DESIGN.md promises
    that a power cut loses at most the exercise in progress.

    One pooled connection: requests queue for it in the pool, woken the moment it is free.
    With several, concurrent writers meet SQLite's busy handler, which sleeps up to 100 ms
    between retries: that, not the disk (a synced commit takes 0.25 ms here), was most of a
    recorded result's time under load (bench/web.py: 210 req/s, p99 1.4 s, with the default
    pool of 5 plus 10).
    """
    if engine.dialect.name != "sqlite":
        return engine
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()  # the connections opened for the migrations go; the new ones get the pragmas
    serving = create_database_engine(url, pool_size=1)
    event.listen(serving, "connect", _pragmas)
    return serving


def _pragmas(dbapi_connection: object, connection_record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]  # DBAPI objects are untyped
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
