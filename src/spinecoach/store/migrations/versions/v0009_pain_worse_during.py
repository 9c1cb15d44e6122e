"""Keep, with a session stopped for pain, the stretch the person was moving in.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Until now the stretch was worked out when read: the one after the last recorded result. That
blamed a stretch the person had not started (a stop during "Get ready", or in the rest after
a stretch), and kept it out of their plans for days. The player now says which stretch, if any,
they were moving in, and the session keeps it. Sessions stopped for pain before this step get
the old reading written in, so what they blamed stays as it was; NULL on a session stopped for
pain now means that no stretch had been started.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_sessions = sa.table(
    "sessions",
    sa.column("id", sa.Integer()),
    sa.column("status", sa.String()),
    sa.column("routine", sa.JSON().with_variant(JSONB(), "postgresql")),
    sa.column("pain_worse_during", sa.String()),
)
_results = sa.table(
    "exercise_results", sa.column("session_id", sa.Integer()), sa.column("position", sa.Integer())
)


def _stretch_after(routine: object, last_position: int | None) -> str | None:
    """Return the exercise one past the last recorded position, as the old reading did."""
    planned = routine.get("exercises") if isinstance(routine, dict) else None
    position = -1 if last_position is None else last_position
    if not isinstance(planned, list) or position + 1 >= len(planned):
        return None
    entry = planned[position + 1]
    exercise = entry.get("exercise") if isinstance(entry, dict) else None
    return exercise if isinstance(exercise, str) else None


def upgrade() -> None:
    """Add pain_worse_during to sessions and fill it for sessions already stopped for pain."""
    # A plain ADD COLUMN, not a batch: a batch rebuilds the table on SQLite, which results and
    # pain entries point at, and the rebuild breaks their foreign keys.
    op.add_column("sessions", sa.Column("pain_worse_during", sa.String(length=100), nullable=True))
    connection = op.get_bind()
    last = (
        sa.select(sa.func.max(_results.c.position))
        .where(_results.c.session_id == _sessions.c.id)
        .scalar_subquery()
    )
    stopped = connection.execute(
        sa.select(_sessions.c.id, _sessions.c.routine, last).where(
            _sessions.c.status == "stopped-pain"
        )
    ).all()
    for session_id, routine, last_position in stopped:
        exercise = _stretch_after(routine, last_position)
        if exercise is not None:
            connection.execute(
                sa.update(_sessions)
                .where(_sessions.c.id == session_id)
                .values(pain_worse_during=exercise)
            )


def downgrade() -> None:
    """Drop the column; the old reading works it out again."""
    op.drop_column("sessions", "pain_worse_during")  # SQLite 3.35+ drops a column in place
