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


class AlertAnswer(BaseModel):
    """An alert raised by the patient's records, with its rule."""

    kind: Literal["red-flag"]
    severity: Literal["critical", "high", "low"]
    rule: str
    raised_at: str
    detail: str


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
