"""SQLAlchemy tables: people and the records they keep, each table with its own row class."""

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.records import (
    JsonValue,
    PainContext,
    PainKind,
    ScreeningOutcome,
    SessionStatus,
    new_uuid,
)

# Fixed constraint names, so migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp, also on SQLite, which stores no offset."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store UTC; SQLite gets it without an offset because it would drop one anyway."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("the store only accepts timezone-aware timestamps")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return every timestamp as aware UTC, whatever the server's time zone."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def one_of(column: str, values: list[str]) -> str:
    """Return a CHECK expression limiting a text column to the given values."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


OUTCOMES = [outcome.value for outcome in ScreeningOutcome]
STATUSES = [status.value for status in SessionStatus]
REGIONS = [region.value for region in SpineRegion]
KINDS = [kind.value for kind in PainKind]
CONTEXTS = [context.value for context in PainContext]

# A record's UUID as text (36 characters with hyphens), made in Python when the row is built:
# no query and no database function, so writing a result costs no more (bench/web.py). Text
# rather than PostgreSQL's uuid type so both databases and the backups hold the same value.
# Unique through an index, not a constraint: SQLite can drop an indexed column in place, but
# not a UNIQUE one, whose table it would have to rebuild under the rows that point at it.
UUID_LENGTH = 36

# JSONB on PostgreSQL so a clinic can index and query answers; plain JSON text elsewhere.
JsonColumn = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    """Declarative base holding the metadata the migrations are checked against."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PersonRow(Base):
    """A person; every other record belongs to one, so a clinic can hold many.

    On a laptop the local person is the oldest row (lowest id), never found by name, so a
    rename or a restored backup with another name keeps every record in view.
    """

    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint("birth_year BETWEEN 1000 AND 9999", name="birth_year_four_digits"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL until the person gives one (migration 0007 turned the old placeholder "me" into NULL).
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    uuid: Mapped[str] = mapped_column(
        String(UUID_LENGTH), unique=True, index=True, default=new_uuid
    )
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # When the name question was first offered, answered or skipped: it is asked only once.
    profile_asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # A clinic's patient; NULL for the one person of a laptop install (personal mode). Not a
    # foreign key: SQLite can add such a column in place but not drop it in a downgrade. The
    # store sets it only from a clinic it has just read, and never deletes a clinic.
    clinic_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)


class ScreeningRow(Base):
    """A red-flag screening with the raw answers."""

    __tablename__ = "screenings"
    __table_args__ = (
        CheckConstraint(one_of("outcome", OUTCOMES), name="outcome"),
        Index(None, "person_id", "taken_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answers: Mapped[dict[str, JsonValue]] = mapped_column(JsonColumn)
    outcome: Mapped[str] = mapped_column(String(20))
    rules_version: Mapped[str] = mapped_column(String(50))
    doctor_acknowledged: Mapped[bool] = mapped_column(Boolean)
    uuid: Mapped[str] = mapped_column(
        String(UUID_LENGTH), unique=True, index=True, default=new_uuid
    )


class SessionRow(Base):
    """A stretching session; status and ended_at are set once, when it ends."""

    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint(one_of("status", STATUSES), name="status"),
        CheckConstraint("planned_seconds > 0", name="planned_seconds_positive"),
        CheckConstraint("speed > 0", name="speed_positive"),
        # An ended session has an end time and a session in progress has none.
        CheckConstraint(
            "(status = 'in-progress') = (ended_at IS NULL)", name="ended_at_matches_status"
        ),
        Index(None, "person_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    routine_id: Mapped[str] = mapped_column(String(100))
    routine: Mapped[dict[str, JsonValue]] = mapped_column(JsonColumn)
    planned_seconds: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    speed: Mapped[float] = mapped_column(Float, server_default="1")
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    owner_host: Mapped[str | None] = mapped_column(String(255), nullable=True)
    owner_pid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    uuid: Mapped[str] = mapped_column(
        String(UUID_LENGTH), unique=True, index=True, default=new_uuid
    )
    # For a session stopped for pain: the stretch the person was moving in, as their player
    # saw it; NULL when no stretch had been started (then none is blamed).
    pain_worse_during: Mapped[str | None] = mapped_column(String(100), nullable=True)


class ExerciseResultRow(Base):
    """One exercise done (or skipped) in a session; its person is the session's person."""

    __tablename__ = "exercise_results"
    __table_args__ = (
        # Each routine position is written once: a retry cannot record it twice.
        UniqueConstraint("session_id", "position"),
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("repetitions_done >= 0", name="repetitions_not_negative"),
        CheckConstraint("hold_seconds_actual >= 0", name="hold_not_negative"),
        CheckConstraint("reps_seen >= 0", name="reps_seen_not_negative"),
        CheckConstraint("good_form_seconds >= 0", name="good_form_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    exercise_id: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    repetitions_done: Mapped[int] = mapped_column(Integer)
    hold_seconds_actual: Mapped[float] = mapped_column(Float)
    skipped: Mapped[bool] = mapped_column(Boolean)
    # The camera coach's counts (migration 0005); NULL when the camera was off.
    reps_seen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    good_form_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    corrections: Mapped[list[JsonValue] | None] = mapped_column(JsonColumn, nullable=True)
    # The sender's key for this result (migration 0006): a retry with it gets the stored row
    # back. NULL from the terminal player and for every result stored before keys were kept.
    idempotency_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    uuid: Mapped[str] = mapped_column(
        String(UUID_LENGTH), unique=True, index=True, default=new_uuid
    )


class PainEntryRow(Base):
    """A pain score, optionally tied to the session it was given in."""

    __tablename__ = "pain_entries"
    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 10", name="score_0_to_10"),
        CheckConstraint(one_of("region", REGIONS), name="region"),
        CheckConstraint(one_of("kind", KINDS), name="kind"),
        CheckConstraint(one_of("context", CONTEXTS), name="context"),
        # The diary's pages and the trends read one context at a time; with the score and
        # session they need, counts and weekly sums never visit the table. It replaced
        # (person_id, recorded_at), which SQLite kept choosing for those reads (migration 0012).
        Index(None, "person_id", "context", "recorded_at", "score", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    score: Mapped[int] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(String(20), nullable=True)
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    context: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"), nullable=True)
    uuid: Mapped[str] = mapped_column(
        String(UUID_LENGTH), unique=True, index=True, default=new_uuid
    )


class PreferencesRow(Base):
    """The session choices a person last made (place, minutes, avoid, pain); newest wins."""

    __tablename__ = "preferences"
    __table_args__ = (Index(None, "person_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    choices: Mapped[dict[str, JsonValue]] = mapped_column(JsonColumn)


class PsfsRow(Base):
    """A filled-in Patient-Specific Functional Scale: activities and ratings as JSON."""

    __tablename__ = "psfs_entries"
    __table_args__ = (Index(None, "person_id", "taken_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # [{"activity": text, "score": 0-10}, ...]: one to five, in the order the person gave them.
    ratings: Mapped[list[JsonValue]] = mapped_column(JsonColumn)
    uuid: Mapped[str] = mapped_column(
        String(UUID_LENGTH), unique=True, index=True, default=new_uuid
    )


class ReminderRow(Base):
    """One version of a person's calendar reminder: a new row each time what it says changes.

    Its sequence is the reminder's SEQUENCE in the calendar file (RFC 5545): 0 for the first,
    one more for each change, so a calendar replaces the older reminder with the newer one.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        # Two changes made at once cannot both take the same number.
        UniqueConstraint("person_id", "sequence"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sequence: Mapped[int] = mapped_column(Integer)
    # A digest of what the reminder says (routine, days, time, wording), to tell a change.
    fingerprint: Mapped[str] = mapped_column(String(64))


# Clinic mode's tables live in their own module; importing it here registers them on
# Base.metadata, so the migrations' checks see every table whichever module is imported.
from spinecoach.store import clinic_rows as clinic_rows  # noqa: E402
