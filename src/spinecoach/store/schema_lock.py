"""One process at a time creates or migrates a database's tables; the others wait, then see them."""

from sqlalchemy import Connection, text

# The key of our PostgreSQL advisory lock. Advisory locks belong to one database, so only
# another program using this same number in the same database could wait on us.
SCHEMA_LOCK_KEY = 0x5350494E45434F41  # "SPINECOA" in ASCII

# How long a process waits for another one migrating a SQLite file. A personal database is
# migrated in well under a second; a minute leaves room for a big file, and past it the person
# hears that the database is locked instead of waiting on a process that may be stuck.
SQLITE_MIGRATION_WAIT_MS = 60_000


def lock_schema(connection: Connection) -> None:
    """Hold the schema lock until the connection's transaction ends; call it before any query."""
    # Without it, processes opening a new database together all find it empty and all create
    # the tables, and every one but the first fails. SQLite: BEGIN IMMEDIATE takes the write
    # lock at once (waiting out the busy timeout), and the SQLite driver leaves a transaction it
    # did not begin alone. PostgreSQL: an advisory lock that ends with the transaction; read
    # committed lets the queries after the wait see what the holder committed, where a
    # repeatable read snapshot would date from before the wait.
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        # Waiting for another process's migration, or for the tables a migration alters, is
        # the point here: the connection's short lock timeout and statement limit do not apply.
        connection.exec_driver_sql("SET LOCAL lock_timeout = 0")
        connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
