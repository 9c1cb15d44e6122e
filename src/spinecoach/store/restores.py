"""Add a checked backup's rows through the store's writer, and read the schema it is at."""

from sqlalchemy.orm import Session as OrmSession

from spinecoach.store.backup import CheckedRows, RestoreSummary, schema_revision, write_rows
from spinecoach.store.base import StoreBase
from spinecoach.store.database import translate_database_errors
from spinecoach.store.schema_lock import SQLITE_MIGRATION_WAIT_MS

# A restore is a person waiting at the data page for a one-off change, with nobody to send it
# again for them: it waits for its turn as long as a migration would, not a result's 4 s.
RESTORE_WAIT_SECONDS = SQLITE_MIGRATION_WAIT_MS / 1000


class RestoreStore(StoreBase):
    """Restore backups as every other write: on a server on SQLite, in the one writer's turn."""

    def schema_revision(self) -> str | None:
        """Return the Alembic revision the database is at, or None for an unmigrated one."""
        with translate_database_errors(self._engine), self._engine.connect() as connection:
            return schema_revision(connection)

    def restore_rows(self, rows: CheckedRows, source: str) -> RestoreSummary:
        """Add a checked backup's missing rows in one write transaction (backup_restore)."""

        def write(orm: OrmSession) -> RestoreSummary:
            return write_rows(orm.connection(), rows, source)

        return self._write(write, RESTORE_WAIT_SECONDS)
