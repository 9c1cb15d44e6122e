"""Restore a backup document: check what it is, bring an older one up to date, then add its rows.

A backup made before a schema change is migrated the way a database would be: its rows go into a
scratch SQLite database created at the backup's revision, the packaged Alembic migrations
upgrade that database, and the result is restored like a current backup. So data migrations
written for databases also apply to backups, and nothing here needs to know what changed.

A backup made before records had UUIDs (schema revision 0006 and older) still restores: the
migration gives each of its rows a new random UUID, and a row already restored from it once is
recognised by the values the backup holds, so restoring it again adds nothing.
"""

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, create_engine
from sqlalchemy.exc import IntegrityError

from spinecoach.catalog.loader import Catalog
from spinecoach.errors import InvalidInputError
from spinecoach.records import JsonValue
from spinecoach.safety.schema import Questionnaire
from spinecoach.store.backup import (
    FORMAT,
    FORMAT_VERSION,
    CheckedRows,
    FilledIn,
    RestoreSummary,
    checked_rows,
    export_tables,
    restore_tables,
    schema_revision,
)
from spinecoach.store.backup_values import decode_tables
from spinecoach.store.clinic_rows import CLINIC_TABLES
from spinecoach.store.database import alembic_config, translate_database_errors


def _known_revisions() -> set[str]:
    """Return every schema revision this version of spinecoach knows."""
    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def _envelope(source: str, document: JsonValue) -> tuple[JsonValue, JsonValue]:
    """Return the schema revision and tables of a backup, refusing anything else."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInputError(f"{source}: not a spinecoach backup (no format {FORMAT!r})")
    version = document.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidInputError(f"{source}: format_version: expected a whole number from 1")
    if version > FORMAT_VERSION:
        raise InvalidInputError(
            f"{source}: format_version: {version} is newer than {FORMAT_VERSION}; "
            "update spinecoach to restore it"
        )
    return document.get("schema_revision"), document.get("tables")


def restore_backup(
    engine: Engine,
    document: JsonValue,
    source: str,
    catalog: Catalog,
    questionnaire: Questionnaire,
) -> RestoreSummary:
    """Add a backup's missing rows in one transaction; refuse the whole file on any problem.

    Ids must name this catalogue's routines and exercises, and each screening's outcome must
    follow from its answers under the screening rules given (store.backup_meaning).
    """
    with translate_database_errors(engine), engine.connect() as connection:
        current = schema_revision(connection)
    tables, filled_in = tables_at(current, document, source)
    return restore_tables(engine, tables, source, catalog, questionnaire, filled_in)


def backup_rows(
    current: str | None,
    document: JsonValue,
    source: str,
    catalog: Catalog,
    questionnaire: Questionnaire,
) -> CheckedRows:
    """Return a backup's rows at the `current` schema revision, checked, ready to be written.

    A server checks (and upgrades) a backup before its write waits for the one writer.
    """
    tables, filled_in = tables_at(current, document, source)
    return checked_rows(tables, source, catalog, questionnaire, filled_in)


def tables_at(current: str | None, document: JsonValue, source: str) -> tuple[JsonValue, FilledIn]:
    """Return a backup's tables at the `current` schema revision, refusing what is not ours.

    With them, per table, the columns the migrations filled in that the backup did not hold.
    """
    revision, tables = _envelope(source, document)
    if revision == current:
        return tables, {}
    if not isinstance(revision, str) or revision not in _known_revisions():
        raise InvalidInputError(
            f"{source}: schema_revision: {revision!r} comes from a newer or unknown "
            "spinecoach; update spinecoach to restore it"
        )
    upgraded = upgrade_tables(source, revision, tables)
    return upgraded, _filled_in(tables, upgraded)


def _columns(table: JsonValue) -> frozenset[str]:
    """Return the column names of one table of a backup document."""
    names = table.get("columns") if isinstance(table, dict) else None
    return frozenset(map(str, names)) if isinstance(names, list) else frozenset()


def _filled_in(original: JsonValue, upgraded: dict[str, JsonValue]) -> FilledIn:
    """Return, per table the backup held, the columns only the migrations gave values."""
    held = original if isinstance(original, dict) else {}
    return {
        name: _columns(table) - _columns(held[name])
        for name, table in upgraded.items()
        if name in held
    }


def upgrade_tables(source: str, revision: str, tables: JsonValue) -> dict[str, JsonValue]:
    """Return a backup's tables at `revision` as they are after every later migration."""
    with tempfile.TemporaryDirectory(prefix="spinecoach-restore-") as folder:
        # A plain engine: SQLite then leaves foreign keys unchecked, which batch migrations need
        # (they copy a parent table and drop the old one). The restore into the real database
        # checks every key afterwards.
        engine = create_engine(f"sqlite:///{Path(folder) / 'scratch.db'}")
        try:
            with engine.begin() as connection:
                _migrate(connection, revision)
                _load(connection, source, tables)
                _migrate(connection, "head")
            _, upgraded = export_tables(engine)
        except IntegrityError as error:
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise InvalidInputError(
                f"{source}: the rows break a rule of the database ({reason}); nothing was restored"
            ) from None
        finally:
            engine.dispose()
    return upgraded


def _migrate(connection: Connection, revision: str) -> None:
    """Upgrade the scratch database on this connection to the revision."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _load(connection: Connection, source: str, tables: JsonValue) -> None:
    """Insert a backup's rows into the scratch database's tables as they were at its revision."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    skipped = CLINIC_TABLES | {"alembic_version"}  # a personal backup holds neither
    staged = [table for table in metadata.sorted_tables if table.name not in skipped]
    decoded = decode_tables(source, staged, tables)
    for table in staged:
        rows = [{k: _as_stored(v) for k, v in row.items()} for row in decoded[table.name]]
        if rows:
            connection.execute(table.insert(), rows)


def _as_stored(value: object) -> object:
    """Return timestamps as naive UTC, as the store keeps them on SQLite (models.UtcDateTime)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value
