"""Create psfs_entries: the Patient-Specific Functional Scale, append-only.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the psfs_entries table and its index."""
    op.create_table(
        "psfs_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "ratings", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_psfs_entries_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_psfs_entries")),
    )
    op.create_index(
        op.f("ix_psfs_entries_person_id_taken_at"), "psfs_entries", ["person_id", "taken_at"]
    )


def downgrade() -> None:
    """Drop the psfs_entries table."""
    op.drop_index(op.f("ix_psfs_entries_person_id_taken_at"), table_name="psfs_entries")
    op.drop_table("psfs_entries")
