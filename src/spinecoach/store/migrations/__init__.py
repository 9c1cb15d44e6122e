"""Alembic migrations for the store; run through spinecoach.store.database, no alembic.ini."""
