"""Pydantic shapes of the clinic's JSON API (/api/clinic/...), as OpenAPI documents them."""

from datetime import date
from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, Field, StrictInt

from spinecoach.web.schemas import Body

PatientId = Annotated[int, Path(ge=1, le=2_147_483_647)]
ItemId = Annotated[int, Path(ge=1, le=2_147_483_647)]


class SignIn(Body):
    """A staff member's e-mail address and password."""

    email: Annotated[str, Field(max_length=320, examples=["amira@backcare.example"])]
    password: Annotated[str, Field(max_length=1024)]


class StaffAnswer(BaseModel):
    """A staff member as the API shows them."""

    id: int
    clinic: int
    email: str
    name: str
    role: Literal["admin", "clinician"]


class NewPatient(Body):
    """A patient to add: their name, and their year of birth if they give it."""

    name: Annotated[str, Field(max_length=200, examples=["Maria Lopez"])]
    year_of_birth: StrictInt | None = None


class PatientAnswer(BaseModel):
    """A patient of the clinic."""

    id: int
    name: str
    year_of_birth: int | None
    added_at: str


class PrescribedItem(Body):
    """One stretch of a programme: its catalogue id, repetitions and hold (0: no hold)."""

    exercise: Annotated[str, Field(max_length=100, examples=["knee-to-chest"])]
    repetitions: StrictInt
    hold_seconds: StrictInt = 0


class ProgrammeChange(Body):
    """A programme to prescribe; it becomes the patient's next version."""

    exercises: Annotated[list[PrescribedItem], Field(max_length=12)]
    sessions_per_week: StrictInt
    starts: date
    ends: date | None = None
    note: Annotated[str, Field(max_length=2000)] = ""


class ProgrammeAnswer(BaseModel):
    """One version of a patient's programme, with who prescribed it and when."""

    version: int
    exercises: list[PrescribedItem]
    sessions_per_week: int
    starts: date
    ends: date | None
    note: str
    prescribed_by: int
    prescribed_at: str


class DeviceAnswer(BaseModel):
    """An enrolled device of the patient."""

    id: int
    label: str
    enrolled_at: str
    last_seen_at: str
    revoked_at: str | None


class LinkAnswer(BaseModel):
    """An enrolment link (its secret is shown only when it is made)."""

    id: int
    created_at: str
    expires_at: str
    used_at: str | None
    revoked_at: str | None


AlertKindName = Literal[
    "red-flag",
    "pain-stop",
    "severe-pain",
    "pain-rising",
    "no-session-14-days",
    "no-session-3-days",
    "pain-up",
]


class AlertAnswer(BaseModel):
    """An alert raised by the patient's records, with its rule; open while not acknowledged."""

    id: int
    kind: AlertKindName
    severity: Literal["critical", "high", "low"]
    title: str
    rule: str
    raised_at: str
    detail: str
    acknowledged_at: str | None
    acknowledged_by: int | None
    acknowledgement_note: str | None


class Acknowledgement(Body):
    """A clinician's acknowledgement of an alert, with a note of what was done (optional)."""

    note: Annotated[str, Field(max_length=1000, examples=["Called her: a flare-up, resting."])] = ""


class ProgrammeSummary(BaseModel):
    """The programme in force, in brief, as the patient list shows it."""

    version: int
    stretches: int
    sessions_per_week: int
    prescribed_by: int


class LatestPain(BaseModel):
    """The patient's latest pain score (0-10) and when it was given."""

    score: int
    recorded_at: str


class PainVerdictAnswer(BaseModel):
    """The pain trend against the minimal clinically important change, as the patient sees it."""

    kind: Literal["see-doctor", "too-early", "improving", "worse", "no-clear-change"]
    label: str


class FunctionChangeAnswer(BaseModel):
    """The activity scale (PSFS): the mean of the first and the latest entries, 0-10."""

    first: float
    latest: float
    change: float


class PatientLineAnswer(PatientAnswer):
    """A patient with the dashboard's figures and open alerts."""

    programme: ProgrammeSummary | None
    sessions_this_week: int
    sessions_prescribed_per_week: int | None
    active_days_30: int
    latest_pain: LatestPain | None
    pain_verdict: PainVerdictAnswer
    function_change: FunctionChangeAnswer | None
    last_session_at: str | None
    alerts: list[AlertAnswer]


class PatientListAnswer(BaseModel):
    """One page of the clinic's patients, the ones needing attention first."""

    patients: list[PatientLineAnswer]
    total: int
    page: int
    per_page: int
    pages: int


class AuditEventAnswer(BaseModel):
    """One read or change of a patient's records by a staff member."""

    id: int
    at: str
    staff_id: int
    staff_name: str
    action: Literal["read", "change"]
    request: str
    patient_id: int | None
    patient_name: str | None
    client_address: str


class AuditPageAnswer(BaseModel):
    """Audit events, the newest first; pass next_before as `before` for the older ones."""

    events: list[AuditEventAnswer]
    next_before: int | None


class PatientDetail(PatientAnswer):
    """A patient with their programme's versions (the last is current), devices, links, alerts."""

    alerts: list[AlertAnswer]
    programme: ProgrammeAnswer | None
    programme_versions: list[ProgrammeAnswer]
    devices: list[DeviceAnswer]
    enrolment_links: list[LinkAnswer]


class NewLinkAnswer(BaseModel):
    """A new enrolment link: open it on the patient's phone (or show its QR code) once."""

    id: int
    url: str
    expires_at: str
