"""Back up every table to one JSON document and restore it, in one transaction, adding only.

Generic over the ORM metadata: a table or column another change adds is carried without code
here. The document names its format, format version and the Alembic schema revision, and a
restore refuses a document it cannot read exactly (foreign, damaged, newer or older schema)
before it writes anything.

Restoring the same backup twice must not duplicate anything. Rows are matched by primary key:
a row already present with identical values is skipped, a missing one is inserted, and a row
whose values differ stops the whole restore. We chose this over refusing any non-empty database
because it keeps the store append-only (nothing is overwritten or deleted), makes a repeated or
interrupted restore harmless, and lets a person restore into the database the backup came from
after adding new entries; a real conflict still names the row instead of guessing who wins.

One row is made way for: the empty profile the app creates on first use (the only person, with
no records at all). A backup that brings its own person replaces it, so restoring on a new
computer after a first look around still gives the backup's person and records.

Only the values the backup holds are compared. A backup made before a column existed gets it
filled in by the migrations (for a record's UUID, a new random one on every restore), and the
row restored from that same backup before is still the same row.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, Integer, Table, func, select, text
from sqlalchemy.exc import IntegrityError

from spinecoach.catalog.loader import Catalog
from spinecoach.errors import ConflictError, InvalidInputError
from spinecoach.records import JsonValue
from spinecoach.safety.schema import Questionnaire
from spinecoach.store.backup_meaning import check_meaning
from spinecoach.store.backup_values import check_supported, decode_tables, encode
from spinecoach.store.clinic_rows import CLINIC_TABLES, ClinicRow
from spinecoach.store.database import translate_database_errors
from spinecoach.store.models import Base
from spinecoach.store.record_words import record_named

FORMAT = "spinecoach-backup"
FORMAT_VERSION = 1

Row = tuple[object, ...]
# Per table, the columns the migrations filled in because the backup was made before them.
FilledIn = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class CheckedRows:
    """A backup's rows by table, decoded and checked, in this schema: what a restore writes."""

    tables: dict[str, list[dict[str, object]]]
    # Left out when a row is compared with the one stored under its key: the backup never held
    # them, so they cannot disagree with it.
    filled_in: FilledIn = field(default_factory=dict)


@dataclass(frozen=True)
class TableDump:
    """One table's column names and rows, in primary-key order, as Python values."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass
class RestoreSummary:
    """How many rows a restore added and how many it found already present, per table."""

    inserted: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    # Whether the backup's person took the place of an empty profile made at first use.
    replaced_empty_profile: bool = False


CLINIC_DATABASE = (
    "this database belongs to a clinic, whose patients' records a personal backup must not mix "
    "with; back it up and restore it with the database's own tools (pg_dump), as the README's "
    "clinic section says"
)


def record_tables() -> list[Table]:
    """Return every table of a person's records in foreign-key order, parents before children.

    Clinic mode's own tables (staff, sign-ins, programmes, ...) are not a person's records: a
    clinic backs its database up with its database's tools, and export refuses to run there.
    """
    tables = [table for table in Base.metadata.sorted_tables if table.name not in CLINIC_TABLES]
    for table in tables:
        for column in table.columns:
            check_supported(column)
    return tables


def schema_revision(connection: Connection) -> str | None:
    """Return the Alembic revision the database is at, or None for an unmigrated one."""
    return MigrationContext.configure(connection).get_current_revision()


def dump_tables(engine: Engine) -> tuple[str | None, list[TableDump]]:
    """Read the schema revision and every row of every table in one read transaction."""
    dumps: list[TableDump] = []
    # Repeatable read gives PostgreSQL one snapshot for all tables; SQLite ignores it.
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name != "sqlite" else {}
    connection = engine.connect().execution_options(**options)
    with translate_database_errors(engine), connection, connection.begin():
        if engine.dialect.name == "sqlite":
            # pysqlite opens no transaction for reads, so each SELECT would see its own moment;
            # an explicit BEGIN makes every table come from the same one.
            connection.exec_driver_sql("BEGIN")
        revision = schema_revision(connection)
        if connection.scalar(select(func.count()).select_from(ClinicRow)):
            raise InvalidInputError(CLINIC_DATABASE)
        for table in record_tables():
            query = select(table).order_by(*_key_columns(table))
            rows = tuple(tuple(row) for row in connection.execute(query))
            dumps.append(TableDump(table.name, tuple(table.columns.keys()), rows))
    return revision, dumps


def export_tables(engine: Engine) -> tuple[str | None, dict[str, JsonValue]]:
    """Return the schema revision and every table as {"columns": [...], "rows": [[...]]}."""
    revision, dumps = dump_tables(engine)
    tables: dict[str, JsonValue] = {}
    for dump in dumps:
        columns = [Base.metadata.tables[dump.name].columns[name] for name in dump.columns]
        tables[dump.name] = {
            "columns": list(dump.columns),
            "rows": [
                [encode(c, v) for c, v in zip(columns, row, strict=True)] for row in dump.rows
            ],
        }
    return revision, tables


def export_backup(engine: Engine, now: datetime) -> dict[str, JsonValue]:
    """Return the whole database as one JSON document."""
    revision, tables = export_tables(engine)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": revision,
        "exported_at": now.isoformat(),
        "tables": tables,
    }


def _key_columns(table: Table) -> list[str]:
    """Return the primary-key column names, or all columns for a table without one."""
    keys = [column.name for column in table.primary_key.columns]
    return keys or list(table.columns.keys())


def restore_tables(
    engine: Engine,
    tables: JsonValue,
    source: str,
    catalog: Catalog,
    questionnaire: Questionnaire,
    filled_in: FilledIn | None = None,
) -> RestoreSummary:
    """Add the missing rows of a backup's tables, at this schema, in one transaction.

    The caller has checked the document's format and schema revision (store.backup_restore).
    Every row is checked against the catalogue and the screening rules before anything is written.
    """
    decoded = checked_rows(tables, source, catalog, questionnaire, filled_in)
    with translate_database_errors(engine), engine.begin() as connection:
        return write_rows(connection, decoded, source)


def checked_rows(
    tables: JsonValue,
    source: str,
    catalog: Catalog,
    questionnaire: Questionnaire,
    filled_in: FilledIn | None = None,
) -> CheckedRows:
    """Return a backup's rows, at this schema, checked against the catalogue and the rules."""
    decoded = decode_tables(source, record_tables(), tables)
    check_meaning(source, decoded, catalog, questionnaire)
    return CheckedRows(decoded, filled_in or {})


# The columns a person may change after a backup was made (their profile): a stored row that
# differs only there is the same record, and keeps what it says now.
CHANGEABLE: dict[str, frozenset[str]] = {
    "people": frozenset({"name", "birth_year", "profile_asked_at"}),
}


def write_rows(connection: Connection, decoded: CheckedRows, source: str) -> RestoreSummary:
    """Add the missing rows of checked tables in the connection's open transaction."""
    if connection.scalar(select(func.count()).select_from(ClinicRow)):
        raise InvalidInputError(CLINIC_DATABASE)
    summary = RestoreSummary()
    try:
        summary.replaced_empty_profile = _make_way_for_backup_person(connection, decoded)
        for table in record_tables():
            rows = decoded.tables[table.name]
            ignored = decoded.filled_in.get(table.name, frozenset())
            ignored |= CHANGEABLE.get(table.name, frozenset())
            _restore_table(connection, table, rows, ignored, summary, source)
        _advance_sequences(connection)
    except IntegrityError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise InvalidInputError(
            f"{source}: the rows break a rule of the database ({reason}); nothing was restored"
        ) from None
    return summary


def _make_way_for_backup_person(connection: Connection, decoded: CheckedRows) -> bool:
    """Delete the first-use empty profile when the backup brings people; say whether it did.

    Only when that profile is the one row in the whole database: a person with even one record
    of their own is never removed, and a conflict with the backup is refused as before.
    """
    people = Base.metadata.tables["people"]
    incoming = decoded.tables[people.name]
    # Columns the backup never held (a UUID given by the migrations) cannot tell rows apart.
    ignored = decoded.filled_in.get(people.name, frozenset())
    names = [column.key for column in people.columns if column.key not in ignored]
    present = list(connection.execute(select(*(people.c[name] for name in names)).limit(2)))
    if not incoming or len(present) != 1:
        return False
    for table in record_tables():
        if table is not people and connection.execute(select(table).limit(1)).first():
            return False
    only = present[0]
    if any(tuple(row[name] for name in names) == tuple(only) for row in incoming):
        return False  # the backup's own person, restored before: nothing to make way for
    connection.execute(people.delete().where(people.c.id == only[names.index("id")]))
    return True


def _restore_table(
    connection: Connection,
    table: Table,
    rows: list[dict[str, object]],
    ignored: frozenset[str],
    summary: RestoreSummary,
    source: str,
) -> None:
    """Insert the rows whose key is new; skip identical ones; refuse one that differs."""
    keys = _key_columns(table)
    names = [c.key for c in table.columns if c.key in keys or c.key not in ignored]
    positions = [names.index(key) for key in keys]
    # Plain tuples by position: a lookup by name per value doubled a repeated restore's time.
    present: Mapping[Row, Row] = {
        tuple(row[position] for position in positions): tuple(row)
        for row in connection.execute(select(*(table.c[name] for name in names)))
    }
    new_rows = []
    for row in rows:
        key = tuple(row[name] for name in keys)
        existing = present.get(key)
        if existing is None:
            new_rows.append(row)
        elif existing != tuple(row[name] for name in names):
            shown = ", ".join(str(value) for value in key)
            raise ConflictError(
                f"{source}: {record_named(table.name, shown)} is not the same as the one already "
                "in this database; nothing was restored. Restore it into a new, empty database"
            )
    if new_rows:
        connection.execute(table.insert(), new_rows)
    summary.inserted[table.name] = len(new_rows)
    summary.skipped[table.name] = len(rows) - len(new_rows)


def _advance_sequences(connection: Connection) -> None:
    """Move PostgreSQL id sequences past restored ids, so the next new row gets a free id."""
    if connection.dialect.name != "postgresql":
        return  # SQLite picks max(id) + 1 by itself
    for table in record_tables():
        keys = list(table.primary_key.columns)
        # Only a single integer key gets a sequence (SERIAL or IDENTITY) from SQLAlchemy.
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        highest = connection.execute(select(func.max(keys[0]))).scalar()
        if isinstance(highest, int):
            connection.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, :column), :value)"),
                {"table": table.name, "column": keys[0].name, "value": highest},
            )
