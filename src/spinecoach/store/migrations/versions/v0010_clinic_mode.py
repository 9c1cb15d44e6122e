"""Clinic mode: clinics, staff and their sign-ins, programmes, enrolment links and devices.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

A patient is a person with a clinic (people.clinic_id); the one person of a laptop install
keeps NULL there, so personal mode reads exactly what it read before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _stamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    """Create the clinic tables and give people a clinic."""
    op.create_table(
        "clinics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        _stamp("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinics")),
    )
    op.create_index(op.f("ix_clinics_uuid"), "clinics", ["uuid"], unique=True)
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        _stamp("created_at"),
        _stamp("removed_at", nullable=True),
        sa.CheckConstraint("role IN ('admin', 'clinician')", name=op.f("ck_staff_role_known")),
        _fk("staff", "clinic_id", "clinics"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_email")),
    )
    op.create_index(op.f("ix_staff_clinic_id"), "staff", ["clinic_id"])
    op.create_table(
        "staff_sign_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        _stamp("signed_in_at"),
        _stamp("last_seen_at"),
        _stamp("ended_at", nullable=True),
        _fk("staff_sign_ins", "staff_id", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sign_ins")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_staff_sign_ins_token_digest")),
    )
    op.create_index(op.f("ix_staff_sign_ins_staff_id"), "staff_sign_ins", ["staff_id"])
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("client_address", sa.String(length=100), nullable=False),
        _stamp("failed_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    op.create_index(
        op.f("ix_sign_in_failures_email_failed_at"), "sign_in_failures", ["email", "failed_at"]
    )
    op.create_index(
        op.f("ix_sign_in_failures_client_address_failed_at"),
        "sign_in_failures",
        ["client_address", "failed_at"],
    )
    # A plain ADD COLUMN, not a batch (which rebuilds the table every record points at), and
    # no foreign key: SQLite can add a referencing column in place but not drop one again.
    op.add_column("people", sa.Column("clinic_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_people_clinic_id"), "people", ["clinic_id"])
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("exercises", _JSON, nullable=False),
        sa.Column("sessions_per_week", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("prescribed_by", sa.Integer(), nullable=False),
        _stamp("prescribed_at"),
        sa.CheckConstraint(
            "sessions_per_week BETWEEN 1 AND 14",
            name=op.f("ck_programmes_sessions_per_week_range"),
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_programmes_version_positive")),
        _fk("programmes", "clinic_id", "clinics"),
        _fk("programmes", "person_id", "people"),
        _fk("programmes", "prescribed_by", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("person_id", "version", name=op.f("uq_programmes_person_id_version")),
    )
    op.create_index(op.f("ix_programmes_clinic_id"), "programmes", ["clinic_id"])
    for table in ("enrolment_links", "devices"):
        columns: list[sa.schema.SchemaItem] = (
            [
                sa.Column("created_by", sa.Integer(), nullable=False),
                _stamp("created_at"),
                _stamp("expires_at"),
                _stamp("used_at", nullable=True),
                _stamp("revoked_at", nullable=True),
                _fk(table, "created_by", "staff"),
            ]
            if table == "enrolment_links"
            else [
                sa.Column("label", sa.String(length=200), nullable=False),
                _stamp("enrolled_at"),
                _stamp("last_seen_at"),
                _stamp("revoked_at", nullable=True),
            ]
        )
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("clinic_id", sa.Integer(), nullable=False),
            sa.Column("person_id", sa.Integer(), nullable=False),
            sa.Column("token_digest", sa.String(length=64), nullable=False),
            *columns,
            _fk(table, "clinic_id", "clinics"),
            _fk(table, "person_id", "people"),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint("token_digest", name=op.f(f"uq_{table}_token_digest")),
        )
        op.create_index(op.f(f"ix_{table}_clinic_id"), table, ["clinic_id"])
        op.create_index(op.f(f"ix_{table}_person_id"), table, ["person_id"])


def downgrade() -> None:
    """Drop the clinic tables and people's clinic."""
    for table in ("devices", "enrolment_links", "programmes"):
        op.drop_table(table)
    op.drop_index(op.f("ix_people_clinic_id"), table_name="people")
    op.drop_column("people", "clinic_id")
    for table in ("sign_in_failures", "staff_sign_ins", "staff", "clinics"):
        op.drop_table(table)
