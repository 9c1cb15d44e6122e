"""Index each person's pain scores by context and time, for the diary's pages and the trends.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08

The diary's pages, each series' first and latest scores and the weekly means read one context
of one person's scores in time order; with only (person_id, recorded_at) every such read walked
all of the person's scores, hundreds of thousands for a long diary (bench/long_diary.py). The
score and session in the index let counts and weekly sums be read from it alone. The old index
goes: SQLite, which keeps no statistics unless asked, chose it over the new one for any read
ordered by time, and a read across contexts uses the new one and sorts what it finds.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["person_id", "context", "recorded_at", "score", "session_id"]
NAME = "ix_pain_entries_person_id_context_recorded_at_score_session_id"


OLD = "ix_pain_entries_person_id_recorded_at"


def upgrade() -> None:
    """Add the index by context and drop the one by time alone."""
    op.create_index(op.f(NAME), "pain_entries", COLUMNS)
    op.drop_index(op.f(OLD), table_name="pain_entries")


def downgrade() -> None:
    """Put the index by time back and drop the one by context."""
    op.create_index(op.f(OLD), "pain_entries", ["person_id", "recorded_at"])
    op.drop_index(op.f(NAME), table_name="pain_entries")
