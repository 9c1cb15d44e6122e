"""Keep the idempotency key each exercise result was sent with.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

A retry of a result carries the key of the first send; with the key stored, the server tells a
retry (answered with the stored result) from a different result at the same position (a
conflict). Results from before this step keep NULL: a result sent again for one of them is
recognised by its values, as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add idempotency_key to exercise_results."""
    with op.batch_alter_table("exercise_results") as batch:
        batch.add_column(sa.Column("idempotency_key", sa.String(length=200), nullable=True))


def downgrade() -> None:
    """Drop idempotency_key again."""
    with op.batch_alter_table("exercise_results") as batch:
        batch.drop_column("idempotency_key")
