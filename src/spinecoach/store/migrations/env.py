"""Alembic environment: migrate the connection the store hands over, against our metadata."""

from alembic import context
from sqlalchemy import Connection, create_engine

from spinecoach.store.models import Base
from spinecoach.store.schema_lock import lock_schema

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    """Configure a run on a live connection; batch mode lets SQLite alter tables."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Write the migration SQL for the configured URL instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the connection given by the store, or one opened from sqlalchemy.url."""
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        _configure(given)
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("run migrations through spinecoach.store.database or set sqlalchemy.url")
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            lock_schema(connection)  # the store takes it before handing its connection over
            _configure(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
