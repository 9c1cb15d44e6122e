"""Open a database: build the engine, run the packaged Alembic migrations, explain failures."""

import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.pool import ConnectionPoolEntry

from spinecoach.errors import BusyError, InvalidInputError
from spinecoach.private_files import create_private_file
from spinecoach.store.schema_lock import SQLITE_MIGRATION_WAIT_MS, lock_schema

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# PostgreSQL waits for a row lock forever unless told: a result blocked by another transaction
# would hang. As long as SQLite's writer waits (write_queue.WAIT_SECONDS), then BusyError (503).
PG_LOCK_TIMEOUT_MS = 4_000
# A safety net, not a budget: no statement of ours comes near it, a runaway one is cut.
PG_STATEMENT_TIMEOUT_MS = 120_000
_PG_WAITS = (("lock_timeout", PG_LOCK_TIMEOUT_MS), ("statement_timeout", PG_STATEMENT_TIMEOUT_MS))
VERSION_TABLE = "alembic_version"
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


def create_database_engine(url: str, *, pool_size: int | None = None) -> Engine:
    """Build an engine for the URL without connecting; SQLite gets foreign keys switched on."""
    pool = {} if pool_size is None else {"pool_size": pool_size, "max_overflow": 0}
    try:
        # Pre-ping replaces connections a restarted PostgreSQL server has closed.
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"), **pool)
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        shown = _PASSWORD.sub(r"\1***@", url)
        raise InvalidInputError(f"database URL {shown!r} cannot be used: {error}") from None
    if engine.dialect.name == "sqlite":
        _create_owner_only(engine.url.database)
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _limit_postgres_waits)
    return engine


def _create_owner_only(database: str | None) -> None:
    """Create a new SQLite file readable by its owner alone, before SQLite makes it 0644.

    SQLite gives its journal and WAL files the database file's mode, so they follow.
    """
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    # A folder that is missing or cannot be written: SQLite's own error says which, later.
    with suppress(OSError):
        create_private_file(Path(database))


def _enable_sqlite_foreign_keys(
    dbapi_connection: object, connection_record: ConnectionPoolEntry
) -> None:
    """Make SQLite check foreign keys, which it skips unless asked on every connection."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]  # DBAPI objects are untyped
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _limit_postgres_waits(dbapi_connection: object, connection_record: ConnectionPoolEntry) -> None:
    """Make PostgreSQL give up on a held lock (and a runaway statement) instead of waiting."""
    # Session settings, set once per connection (a startup `options` would be refused by
    # PgBouncer); committed so that they outlive this first transaction. Only where nothing set
    # one already (0, PostgreSQL's "forever"): a wait given in the URL (`?options=-c
    # lock_timeout=300`), on the role or on the database is the administrator's choice.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]  # DBAPI objects are untyped
    for name, milliseconds in _PG_WAITS:
        cursor.execute(
            f"SELECT set_config('{name}', '{milliseconds}', false) "
            f"WHERE current_setting('{name}') = '0'"
        )
    cursor.close()
    dbapi_connection.commit()  # type: ignore[attr-defined]


def open_database(url: str) -> Engine:
    """Return an engine for the URL after upgrading its schema to the newest migration."""
    engine = create_database_engine(url)
    try:
        _migrate(engine, "head", upgrade=True)
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade_to_head(url: str) -> None:
    """Apply every migration not yet applied to the database at the URL."""
    engine = create_database_engine(url)
    try:
        _migrate(engine, "head", upgrade=True)
    finally:
        engine.dispose()


def downgrade_to_base(url: str) -> None:
    """Undo every migration, dropping all tables and the data in them."""
    downgrade_to(url, "base")


def downgrade_to(url: str, revision: str) -> None:
    """Undo the migrations after `revision`, as an upgrade runs them (SQLite's keys off)."""
    engine = create_database_engine(url)
    try:
        _migrate(engine, revision, upgrade=False)
    finally:
        engine.dispose()


def alembic_config() -> Config:
    """Return an Alembic config pointing at the packaged migrations; no alembic.ini needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def _migrate(engine: Engine, revision: str, *, upgrade: bool) -> None:
    """Run migrations on one connection handed to env.py, in one transaction where possible."""
    config = alembic_config()
    with translate_database_errors(engine), engine.connect() as connection:
        if upgrade and revision == "head" and _at_head(connection, config):
            return
        with _sqlite_settings_for_migrating(connection), connection.begin():
            # Before the first look at the tables: a process that waited here sees the tables
            # the one before it created, finds the database at head and does nothing.
            lock_schema(connection)
            config.attributes["connection"] = connection
            if upgrade:
                _refuse_foreign_database(connection, config)
                command.upgrade(config, revision)
            else:
                command.downgrade(config, revision)
            if connection.dialect.name == "sqlite":
                _check_foreign_keys(connection)


def _at_head(connection: Connection, config: Config) -> bool:
    """Tell, by reading only, whether the database is at the newest migration already."""
    # True on every open but a database's first and the first after an update: those take no
    # lock, so they never wait for a process that is writing, nor hold one up. A database at our
    # newest revision is ours, so there is nothing foreign to refuse either.
    with connection.begin():
        current = MigrationContext.configure(connection).get_current_heads()
    return bool(current) and set(current) == set(ScriptDirectory.from_config(config).get_heads())


@contextmanager
def _sqlite_settings_for_migrating(connection: Connection) -> Iterator[None]:
    """On SQLite, leave foreign keys off and wait longer for the lock while migrating."""
    if connection.dialect.name != "sqlite":
        yield
        return
    # A batch migration rebuilds a table (copy, drop, rename), and with foreign keys on SQLite
    # refuses to drop a table that other rows point at, so an existing database with history
    # could not be upgraded. As Alembic advises, keys are off for the migration (the pragma
    # must run outside a transaction) and checked afterwards.
    usual_wait = int(connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one())
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_MIGRATION_WAIT_MS}")
    connection.commit()
    try:
        yield
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.exec_driver_sql(f"PRAGMA busy_timeout={usual_wait}")
        connection.commit()


def _check_foreign_keys(connection: Connection) -> None:
    """Roll the migration back if it left a row pointing at nothing."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = ", ".join(sorted({str(row[0]) for row in broken}))
        raise InvalidInputError(
            f"upgrading the database would leave rows in {tables} pointing at nothing; "
            "it was left as it was"
        )


def _refuse_foreign_database(connection: Connection, config: Config) -> None:
    """Refuse, before writing anything, a database that is neither empty nor ours.

    Ours means an alembic_version row naming one of our migrations. Anything else with tables
    belongs to another program (or a newer spinecoach), and adding our tables to it would mix
    two programs' data in one file.
    """
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return
    shown = connection.engine.url.render_as_string(hide_password=True)
    if VERSION_TABLE not in tables:
        listed = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise InvalidInputError(
            f"{shown} is not a spinecoach database (it holds other tables: {listed}); "
            "it was left untouched. Give a new file or a spinecoach database."
        )
    versions = set(connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    if not versions <= known:
        raise InvalidInputError(
            f"{shown} was written by a newer spinecoach or another program (schema version "
            f"{', '.join(sorted(versions))}); it was left untouched. Update spinecoach."
        )


@contextmanager
def translate_database_errors(engine: Engine) -> Iterator[None]:
    """Turn a database that cannot be opened, read or written into an InvalidInputError."""
    try:
        yield
    except IntegrityError:
        raise  # a broken constraint is the caller's conflict or a bug, not an unusable database
    except DBAPIError as error:
        if is_busy(error):
            raise BusyError(BUSY_MESSAGE) from error
        shown = engine.url.render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise InvalidInputError(
            f"cannot use the database {shown}: {reason}. Check that the file or server "
            "exists, is a spinecoach database and can be read and written."
        ) from error


BUSY_MESSAGE = (
    "the database is busy with another change and nothing was saved; try again in a few seconds"
)
# PostgreSQL's codes for a transaction that lost a race or waited too long: serialization_failure,
# deadlock_detected, lock_not_available (lock_timeout) and query_canceled (statement_timeout, or
# an administrator's cancel). Nothing of it was written, and a retry can succeed.
_PG_BUSY = frozenset({"40001", "40P01", "55P03", "57014"})
_SQLITE_BUSY = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED


def is_busy(error: DBAPIError) -> bool:
    """Say whether the database refused only because another writer held it: worth a retry."""
    cause = error.orig
    code = getattr(cause, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _SQLITE_BUSY  # an extended code keeps the primary in its low byte
    return getattr(cause, "sqlstate", None) in _PG_BUSY
