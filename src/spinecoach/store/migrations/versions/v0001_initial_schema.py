"""Create people, screenings, sessions, exercise results and pain entries.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Values are written out here rather than imported from the models, so this step keeps creating
the same schema after the models move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp() -> sa.DateTime:
    """Return the column type of every timestamp: with time zone where the database has one."""
    return sa.DateTime(timezone=True)


def _json() -> sa.JSON:
    """Return the column type of JSON documents: JSONB on PostgreSQL."""
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    """Create the five tables."""
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", _timestamp(), nullable=False),
        sa.Column("answers", _json(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("rules_version", sa.String(length=50), nullable=False),
        sa.Column("doctor_acknowledged", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('emergency', 'see-doctor', 'go')", name=op.f("ck_screenings_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_screenings_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
    )
    op.create_index(
        op.f("ix_screenings_person_id_taken_at"), "screenings", ["person_id", "taken_at"]
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("started_at", _timestamp(), nullable=False),
        sa.Column("routine_id", sa.String(length=100), nullable=False),
        sa.Column("routine", _json(), nullable=False),
        sa.Column("planned_seconds", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("ended_at", _timestamp(), nullable=True),
        sa.CheckConstraint(
            "(status = 'in-progress') = (ended_at IS NULL)",
            name=op.f("ck_sessions_ended_at_matches_status"),
        ),
        sa.CheckConstraint(
            "status IN ('in-progress', 'completed', 'stopped-pain', 'quit')",
            name=op.f("ck_sessions_status"),
        ),
        sa.CheckConstraint(
            "planned_seconds > 0", name=op.f("ck_sessions_planned_seconds_positive")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_sessions_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    op.create_index(
        op.f("ix_sessions_person_id_started_at"), "sessions", ["person_id", "started_at"]
    )
    op.create_table(
        "exercise_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("completed_at", _timestamp(), nullable=False),
        sa.Column("repetitions_done", sa.Integer(), nullable=False),
        sa.Column("hold_seconds_actual", sa.Float(), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "hold_seconds_actual >= 0", name=op.f("ck_exercise_results_hold_not_negative")
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_exercise_results_position_not_negative")),
        sa.CheckConstraint(
            "repetitions_done >= 0", name=op.f("ck_exercise_results_repetitions_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_exercise_results_session_id_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_results")),
        sa.UniqueConstraint(
            "session_id", "position", name=op.f("uq_exercise_results_session_id_position")
        ),
    )
    op.create_table(
        "pain_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", _timestamp(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=20), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("context", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "context IN ('before', 'during', 'after', 'diary')",
            name=op.f("ck_pain_entries_context"),
        ),
        sa.CheckConstraint(
            "kind IN ('dull', 'sharp', 'burning', 'radiating')", name=op.f("ck_pain_entries_kind")
        ),
        sa.CheckConstraint(
            "region IN ('cervical', 'thoracic', 'lumbar', 'sacrum', 'coccyx')",
            name=op.f("ck_pain_entries_region"),
        ),
        sa.CheckConstraint(
            "score >= 0 AND score <= 10", name=op.f("ck_pain_entries_score_0_to_10")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_pain_entries_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_pain_entries_session_id_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pain_entries")),
    )
    op.create_index(
        op.f("ix_pain_entries_person_id_recorded_at"), "pain_entries", ["person_id", "recorded_at"]
    )


def downgrade() -> None:
    """Drop the five tables, children first."""
    op.drop_index(op.f("ix_pain_entries_person_id_recorded_at"), table_name="pain_entries")
    op.drop_table("pain_entries")
    op.drop_table("exercise_results")
    op.drop_index(op.f("ix_sessions_person_id_started_at"), table_name="sessions")
    op.drop_table("sessions")
    op.drop_index(op.f("ix_screenings_person_id_taken_at"), table_name="screenings")
    op.drop_table("screenings")
    op.drop_table("people")
