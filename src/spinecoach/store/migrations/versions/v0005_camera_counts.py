"""Add to exercise_results what the camera coach counted: reps seen, good-form seconds, corrections.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

All three stay NULL for results recorded with the camera off, which includes every result
from before this step.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add reps_seen, good_form_seconds and corrections to exercise_results."""
    with op.batch_alter_table("exercise_results") as batch:
        batch.add_column(sa.Column("reps_seen", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("good_form_seconds", sa.Float(), nullable=True))
        batch.add_column(
            sa.Column(
                "corrections",
                sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                nullable=True,
            )
        )
        batch.create_check_constraint(
            op.f("ck_exercise_results_reps_seen_not_negative"), "reps_seen >= 0"
        )
        batch.create_check_constraint(
            op.f("ck_exercise_results_good_form_not_negative"), "good_form_seconds >= 0"
        )


def downgrade() -> None:
    """Drop the three columns again."""
    with op.batch_alter_table("exercise_results") as batch:
        batch.drop_constraint(op.f("ck_exercise_results_good_form_not_negative"), type_="check")
        batch.drop_constraint(op.f("ck_exercise_results_reps_seen_not_negative"), type_="check")
        batch.drop_column("corrections")
        batch.drop_column("good_form_seconds")
        batch.drop_column("reps_seen")
