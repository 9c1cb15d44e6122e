"""Index each person's pain scores by context and time, for the diary's pages and the trends.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08

The diary's pages, each series' first and latest scores and the weekly means read one context
of one person's scores in time order; with only (person_id, recorded_at) every such read walked
all of the person's scores, hundreds of thousands for a long diary (bench/long_diary.py).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["person_id", "context", "recorded_at"]


def upgrade() -> None:
    """Add the index."""
    op.create_index(op.f("ix_pain_entries_person_id_context_recorded_at"), "pain_entries", COLUMNS)


def downgrade() -> None:
    """Drop the index."""
    op.drop_index(op.f("ix_pain_entries_person_id_context_recorded_at"), table_name="pain_entries")
