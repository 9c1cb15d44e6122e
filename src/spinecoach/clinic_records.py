"""Plain records of clinic mode, as the store returns them: no ORM rows leave the store."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class PrescribedExercise:
    """One stretch of a programme with its dose: repetitions, and the hold of each (0: none)."""

    exercise: str
    repetitions: int
    hold_seconds: int


@dataclass(frozen=True, slots=True)
class Programme:
    """What a clinician prescribes: stretches in order, how often, from when to when, a note."""

    exercises: tuple[PrescribedExercise, ...]
    sessions_per_week: int
    starts: date
    ends: date | None
    note: str


class StaffRole(StrEnum):
    """What a staff member may do: an administrator also manages the clinic's staff."""

    ADMIN = "admin"
    CLINICIAN = "clinician"


@dataclass(frozen=True, slots=True)
class ClinicRecord:
    """A clinic."""

    id: int
    uuid: str
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StaffRecord:
    """A staff member, without their password hash (which only sign-in reads)."""

    id: int
    clinic_id: int
    email: str
    name: str
    role: StaffRole
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """A clinic's patient: a person of the store with a clinic."""

    id: int
    clinic_id: int
    name: str
    birth_year: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ProgrammeRecord:
    """One stored version of a patient's programme, with who prescribed it and when."""

    id: int
    person_id: int
    version: int
    exercises: tuple[PrescribedExercise, ...]
    sessions_per_week: int
    starts: date
    ends: date | None
    note: str
    prescribed_by: int
    prescribed_at: datetime


@dataclass(frozen=True, slots=True)
class EnrolmentLinkRecord:
    """An enrolment link as the clinician sees it: the token itself is never stored."""

    id: int
    person_id: int
    created_by: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    """A patient's enrolled phone or computer."""

    id: int
    clinic_id: int
    person_id: int
    label: str
    enrolled_at: datetime
    last_seen_at: datetime
    revoked_at: datetime | None


class Severity(StrEnum):
    """How soon a clinician should act: critical today, high this week, low when convenient."""

    CRITICAL = "critical"
    HIGH = "high"
    LOW = "low"


# Lower first: the dashboard sorts by it.
SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.LOW: 2}


class AlertKind(StrEnum):
    """What raised an alert; each kind has one severity and one rule."""

    RED_FLAG = "red-flag"
    PAIN_STOP = "pain-stop"
    SEVERE_PAIN = "severe-pain"
    PAIN_RISING = "pain-rising"
    NO_SESSION_14_DAYS = "no-session-14-days"
    NO_SESSION_3_DAYS = "no-session-3-days"
    PAIN_UP = "pain-up"


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """An alert raised by a patient's records; acknowledged_at is None while it is open."""

    id: int
    person_id: int
    kind: AlertKind
    raised_at: datetime
    detail: str
    acknowledged_at: datetime | None
    acknowledged_by: int | None
    acknowledgement_note: str | None


@dataclass(frozen=True, slots=True)
class AuditEventRecord:
    """One read or change of a patient's records by a staff member, as the trail keeps it."""

    id: int
    staff_id: int
    staff_name: str
    patient_name: str | None
    at: datetime
    action: str
    subject: str
    person_id: int | None
    client_address: str
