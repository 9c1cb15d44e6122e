"""SQLAlchemy tables of clinic mode: clinics, their staff and sign-ins, programmes, hand-offs.

A patient is a row of `people` with a clinic; every record a patient keeps (screenings,
sessions, pain, ...) hangs off that row as it does for the one person of a laptop install.
Secrets (sign-in, enrolment link, device tokens) are kept only as SHA-256 digests, so a copy
of the database opens no one's account or phone.
"""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from spinecoach.clinic_records import AlertKind, StaffRole
from spinecoach.records import new_uuid
from spinecoach.store.models import UUID_LENGTH, Base, JsonColumn, UtcDateTime, one_of

ROLES = [role.value for role in StaffRole]
ALERT_KINDS = [kind.value for kind in AlertKind]
DIGEST_LENGTH = 64  # SHA-256 in hex
EMAIL_LENGTH = 320  # the longest address RFC 5321 allows (64 + 1 + 255)
# Not a person's records: personal backups leave them out (store/backup.py).
CLINIC_TABLES = frozenset(
    {
        "clinics",
        "staff",
        "staff_sign_ins",
        "sign_in_failures",
        "programmes",
        "enrolment_links",
        "devices",
        "alerts",
        "audit_events",
    }
)


class ClinicRow(Base):
    """A clinic: the boundary no staff member or patient ever sees past."""

    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(
        String(UUID_LENGTH), unique=True, index=True, default=new_uuid
    )
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StaffRow(Base):
    """A clinician or administrator who signs in with an e-mail address and a password."""

    __tablename__ = "staff"
    __table_args__ = (CheckConstraint(one_of("role", ROLES), name="role_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    # Kept in lower case: one address is one account, however it is typed.
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    # argon2id, with its parameters and salt in the string (argon2-cffi's PHC format).
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Set when the administrator removes them: they sign in no more; what they did stays.
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class StaffSignInRow(Base):
    """A signed-in browser of a staff member: the server side of the staff cookie."""

    __tablename__ = "staff_sign_ins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    token_digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), unique=True)
    signed_in_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class SignInFailureRow(Base):
    """A failed sign-in, counted per address typed and per network address to slow guessing."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (
        Index(None, "email", "failed_at"),
        Index(None, "client_address", "failed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH))
    client_address: Mapped[str] = mapped_column(String(100))
    failed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProgrammeRow(Base):
    """One version of a patient's prescribed programme; an edit adds the next version."""

    __tablename__ = "programmes"
    __table_args__ = (
        UniqueConstraint("person_id", "version"),
        CheckConstraint("sessions_per_week BETWEEN 1 AND 14", name="sessions_per_week_range"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    version: Mapped[int] = mapped_column(Integer)
    # [{"exercise", "repetitions", "hold_seconds"}, ...] in the order to do them.
    exercises: Mapped[list[dict[str, object]]] = mapped_column(JsonColumn)
    sessions_per_week: Mapped[int] = mapped_column(Integer)
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    prescribed_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    prescribed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EnrolmentLinkRow(Base):
    """A single-use link that binds a patient's phone; it expires and can be revoked."""

    __tablename__ = "enrolment_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    token_digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), unique=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class DeviceRow(Base):
    """A patient's phone or computer, bound by an enrolment link; revoked, it is a stranger."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    token_digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), unique=True)
    # What the browser said it was when it enrolled, so the clinician can tell devices apart.
    label: Mapped[str] = mapped_column(String(200))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class AlertRow(Base):
    """An alert raised by a patient's records, open until a clinician acknowledges it.

    Raised in the transaction that stores the record (alert_rules.py), so none waits for a
    page to be open; a spell without sessions is stored when first seen or when it ends.
    """

    __tablename__ = "alerts"
    __table_args__ = (
        CheckConstraint(one_of("kind", ALERT_KINDS), name="kind_known"),
        # The dashboard reads a clinic's open alerts on every visit: index only those.
        Index(
            "ix_alerts_open",
            "clinic_id",
            "person_id",
            postgresql_where=text("acknowledged_at IS NULL"),
            sqlite_where=text("acknowledged_at IS NULL"),
        ),
        Index(None, "person_id", "raised_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(30))
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime)
    detail: Mapped[str] = mapped_column(String(200))
    # The UUID of the screening, session or pain entry that raised it; NULL for a quiet spell.
    source_uuid: Mapped[str | None] = mapped_column(String(UUID_LENGTH), nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    acknowledgement_note: Mapped[str | None] = mapped_column(Text, nullable=True)


class AuditEventRow(Base):
    """One read or change of a patient's records by a staff member; rows are never changed.

    The migration adds triggers that refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index(None, "clinic_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    # "read" or "change", and the request that did it with the route's own address, such as
    # "PUT /api/clinic/patients/{patient_id}/programme" (the patient is in person_id).
    action: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    client_address: Mapped[str] = mapped_column(String(100))
