"""A clinician's steps for a patient: add them, prescribe, hand the programme over by link."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spinecoach.catalog.loader import Catalog
from spinecoach.clinic.tokens import new_token
from spinecoach.clinic_records import EnrolmentLinkRecord, ProgrammeRecord, StaffRecord
from spinecoach.prescribing import checked_programme
from spinecoach.store.clinic_scope import ClinicScope

# Long enough for a patient to open it at home after the appointment, short enough that a
# link forgotten in a message does not stay open for months.
LINK_LIFETIME = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class NewLink:
    """An enrolment link just made: its secret (shown once, never stored) and its record."""

    token: str
    link: EnrolmentLinkRecord


def prescribe(
    scope: ClinicScope,
    catalog: Catalog,
    staff: StaffRecord,
    person_id: int,
    exercises: Sequence[Mapping[str, object]],
    sessions_per_week: object,
    starts: date,
    ends: date | None,
    note: object,
    now: datetime,
) -> ProgrammeRecord:
    """Check the programme against the safe ranges and keep it as the patient's next version."""
    programme = checked_programme(catalog, exercises, sessions_per_week, starts, ends, note)
    return scope.prescribe(person_id, programme, staff.id, now)


def enrolment_link(
    scope: ClinicScope, staff: StaffRecord, person_id: int, now: datetime
) -> NewLink:
    """Make a single-use link that binds the patient's phone; it expires after 14 days."""
    token, digest = new_token()
    link = scope.add_enrolment_link(person_id, digest, staff.id, now, now + LINK_LIFETIME)
    return NewLink(token, link)
