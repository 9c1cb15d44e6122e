"""Add to sessions: the speed they were played at, and a heartbeat with the owning process.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Written as 0002 on the harden branch; chained after main's 0002 (preferences) when main was
merged in, so the branch keeps one line of migrations.

Sessions from before this step were played at normal speed as far as anyone knows (speed 1)
and have no heartbeat or owner, so none of them looks alive to a later session.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add speed, heartbeat_at, owner_host and owner_pid to sessions."""
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("speed", sa.Float(), server_default="1", nullable=False))
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("owner_host", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("owner_pid", sa.Integer(), nullable=True))
        batch.create_check_constraint(op.f("ck_sessions_speed_positive"), "speed > 0")


def downgrade() -> None:
    """Drop the four columns again."""
    with op.batch_alter_table("sessions") as batch:
        batch.drop_constraint(op.f("ck_sessions_speed_positive"), type_="check")
        batch.drop_column("owner_pid")
        batch.drop_column("owner_host")
        batch.drop_column("heartbeat_at")
        batch.drop_column("speed")
