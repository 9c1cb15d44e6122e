"""Storage: records, settings, SQLAlchemy models and Alembic migrations (SQLite or PostgreSQL).

Importing this package imports nothing heavy; SQLAlchemy loads only with models, database and
repository, so the CLI starts fast when it does not touch the database.
"""
