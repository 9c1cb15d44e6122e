"""Give every record a random UUID, and keep each person's calendar reminder versions.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

Ids are only unique in one database, so files made from them (FHIR bundles, calendar
reminders) named unrelated records alike. Each existing row gets a fresh random UUID here,
made in Python so SQLite and PostgreSQL do the same. A backup made before this step is
upgraded through this migration when it is restored (store/backup_restore.py), so its rows get
new UUIDs too. The reminders table starts empty: the next reminder a person makes is number 0.

Written beside 0007 (columns on people) and independent of it: it touches no column 0007 adds.
"""

from collections.abc import Sequence
from uuid import uuid4

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECORD_TABLES = (
    "people",
    "screenings",
    "sessions",
    "exercise_results",
    "pain_entries",
    "psfs_entries",
)


def _fill_uuids(table: str) -> None:
    """Give each existing row of the table its own random UUID."""
    connection = op.get_bind()
    rows = sa.table(table, sa.column("id", sa.Integer()), sa.column("uuid", sa.String(36)))
    ids = connection.execute(sa.select(rows.c.id)).scalars().all()
    if ids:
        update = rows.update().where(rows.c.id == sa.bindparam("row_id"))
        connection.execute(
            update.values(uuid=sa.bindparam("new_uuid")),
            [{"row_id": row_id, "new_uuid": str(uuid4())} for row_id in ids],
        )


def upgrade() -> None:
    """Add a unique uuid to each record table, filled in for every row; add reminders."""
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("uuid", sa.String(length=36), nullable=True))
        _fill_uuids(table)
        with op.batch_alter_table(table) as batch:
            batch.alter_column("uuid", existing_type=sa.String(length=36), nullable=False)
        op.create_index(op.f(f"ix_{table}_uuid"), table, ["uuid"], unique=True)
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.CheckConstraint("sequence >= 0", name=op.f("ck_reminders_sequence_not_negative")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_reminders_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("person_id", "sequence", name=op.f("uq_reminders_person_id_sequence")),
    )


def downgrade() -> None:
    """Drop reminders and every uuid column again."""
    op.drop_table("reminders")
    for table in reversed(RECORD_TABLES):
        op.drop_index(op.f(f"ix_{table}_uuid"), table_name=table)
        # In place, not as a batch: SQLite 3.35 and later drop a column without rebuilding the
        # table, which a parent table (people, sessions) could not be with foreign keys on.
        op.drop_column(table, "uuid")
