"""Clinic mode, part 2: stored alerts with acknowledgements, and an append-only audit trail.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08

Alerts used to be worked out from the screenings on each visit; from here they are raised in
the transaction that stores the record, so the red flags already stored become alerts here.
The audit trail refuses UPDATE and DELETE through triggers, on both databases.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = (
    "red-flag",
    "pain-stop",
    "severe-pain",
    "pain-rising",
    "no-session-14-days",
    "no-session-3-days",
    "pain-up",
)
_REFUSAL = "the audit trail is append-only"


def _stamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    """Create the alerts and audit tables; turn stored red-flag screenings into alerts."""
    kinds = ", ".join(f"'{kind}'" for kind in _KINDS)
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        _stamp("raised_at"),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("source_uuid", sa.String(length=36), nullable=True),
        _stamp("acknowledged_at", nullable=True),
        sa.Column("acknowledged_by", sa.Integer(), nullable=True),
        sa.Column("acknowledgement_note", sa.Text(), nullable=True),
        sa.CheckConstraint(f"kind IN ({kinds})", name=op.f("ck_alerts_kind_known")),
        _fk("alerts", "clinic_id", "clinics"),
        _fk("alerts", "person_id", "people"),
        _fk("alerts", "acknowledged_by", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    op.create_index(
        "ix_alerts_open",
        "alerts",
        ["clinic_id", "person_id"],
        postgresql_where=sa.text("acknowledged_at IS NULL"),
        sqlite_where=sa.text("acknowledged_at IS NULL"),
    )
    op.create_index(op.f("ix_alerts_person_id_raised_at"), "alerts", ["person_id", "raised_at"])
    op.execute(
        "INSERT INTO alerts (clinic_id, person_id, kind, raised_at, detail, source_uuid) "
        "SELECT people.clinic_id, screenings.person_id, 'red-flag', screenings.taken_at, "
        "CASE screenings.outcome WHEN 'emergency' THEN 'the screen said to get emergency care' "
        "ELSE 'the screen said to see a doctor before stretching' END, screenings.uuid "
        "FROM screenings JOIN people ON people.id = screenings.person_id "
        "WHERE people.clinic_id IS NOT NULL AND screenings.outcome <> 'go'"
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        _stamp("at"),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("client_address", sa.String(length=100), nullable=False),
        _fk("audit_events", "clinic_id", "clinics"),
        _fk("audit_events", "staff_id", "staff"),
        _fk("audit_events", "person_id", "people"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_clinic_id_id"), "audit_events", ["clinic_id", "id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON audit_events "
                f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )


def downgrade() -> None:
    """Drop the audit trail and the stored alerts (red flags are in the screenings still)."""
    op.drop_table("audit_events")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_events_append_only()")
    op.drop_table("alerts")
