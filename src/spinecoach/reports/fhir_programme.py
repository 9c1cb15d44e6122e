"""A clinic patient's FHIR R4 Bundle, shaped as the HL7 Physical Activity IG (STU1) shapes it.

The IG's exercise prescription is a ServiceRequest (category physical activity, SNOMED CT
229065009 "Exercise therapy", performer the patient, requester the prescriber) based on a
CarePlan and pertaining to a Goal; so is each version of the programme here. A later version
`replaces` the one before, which stays in the bundle as revoked (changed before its end) or
completed (ended first). The patient's own records (screenings, PSFS, sessions, pain scores)
are the same entries as in the personal export (fhir.py).

The stretches of a version are its ServiceRequest's orderDetail, one per stretch in order:
coded in our exercise system, the dose in words, and repetitions and hold as extensions a
program can read. Not a ServiceRequest per stretch: the clinician orders one programme, the
IG models one prescription, and the patient does the stretches together in one session;
separate requests would each need the programme's dates, goal and history repeated, and a
reader searching for the patient's exercise prescriptions would find six instead of one.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.vocabulary import Sides
from spinecoach.clinic_records import ClinicRecord, PrescribedExercise, ProgrammeRecord, StaffRecord
from spinecoach.records import JsonValue
from spinecoach.reports.fhir import (
    EXERCISE_SYSTEM,
    EXERCISE_THERAPY,
    SNOMED,
    SYSTEM,
    FhirRecords,
    JsonDict,
    bundle_entry,
    collection,
    dose_text,
    human_name,
    made_for,
    patient,
    patient_reference,
    record_urn,
    recorded_entries,
    reference,
)

PA_CODES = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"
PHYSICAL_ACTIVITY: JsonDict = {
    "coding": [{"system": PA_CODES, "code": "PhysicalActivity", "display": "Physical Activity"}]
}
LOW_BACK_PAIN: JsonDict = {"system": SNOMED, "code": "279039007", "display": "Low back pain"}
# FHIR's own extension, which the IG's ServiceRequest profile uses to name its Goal.
PERTAINS_TO_GOAL = "http://hl7.org/fhir/StructureDefinition/resource-pertainsToGoal"
REPETITIONS_EXTENSION = f"{SYSTEM}:fhir:repetitions"
HOLD_SECONDS_EXTENSION = f"{SYSTEM}:fhir:hold-seconds"


@dataclass(frozen=True)
class ProgrammeFhirRecords:
    """What a clinic patient's bundle is made from, loaded by the clinic's adapter."""

    records: FhirRecords  # the patient's own records; its routine is None
    clinic: ClinicRecord
    versions: Sequence[ProgrammeRecord] = ()  # the first version first
    prescribers: Mapping[int, StaffRecord] = field(default_factory=dict)  # by staff id
    catalog: Catalog | None = None  # names the stretches; ids alone without it


def build_programme_bundle(data: ProgrammeFhirRecords, now: datetime) -> JsonDict:
    """Return the patient's FHIR R4 collection Bundle: programme versions first, then records.

    now is in the clinic's local time: a programme whose last day is before its date is over.
    """
    person = data.records.person
    entries: list[JsonValue] = [bundle_entry(patient(person), record_urn(person.uuid))]
    for staff in _prescribers_in_order(data):
        entries.append(bundle_entry(practitioner(staff), practitioner_urn(data.clinic, staff)))
    if data.versions:
        entries.extend(_programme_entries(data, now.date()))
    return collection([*entries, *recorded_entries(data.records)], now)


def practitioner_urn(clinic: ClinicRecord, staff: StaffRecord) -> str:
    """Return the URN of a staff member: the same in every patient's bundle of the clinic."""
    return record_urn(str(uuid.uuid5(uuid.UUID(clinic.uuid), f"Practitioner/{staff.id}")))


def practitioner(staff: StaffRecord) -> JsonDict:
    """Return a staff member as a Practitioner: their name, nothing more."""
    return {
        "resourceType": "Practitioner",
        "id": f"staff-{staff.id}",
        "name": [human_name(staff.name)],
    }


def _prescribers_in_order(data: ProgrammeFhirRecords) -> list[StaffRecord]:
    found: dict[int, StaffRecord] = {}
    for version in data.versions:
        staff = data.prescribers.get(version.prescribed_by)
        if staff is not None:
            found.setdefault(staff.id, staff)
    return list(found.values())


def _programme_entries(data: ProgrammeFhirRecords, today: date) -> list[JsonValue]:
    """Return the Goal, the CarePlan and one ServiceRequest per programme version."""
    person = data.records.person
    plan_urn = made_for(person, "CarePlan/programme")
    goal_urn = made_for(person, "Goal/programme")
    urns = [made_for(person, f"ServiceRequest/programme-v{v.version}") for v in data.versions]
    requests: list[JsonValue] = []
    for index, version in enumerate(data.versions):
        later = data.versions[index + 1] if index + 1 < len(data.versions) else None
        request = service_request(data, version, _status(version, later, today), plan_urn, goal_urn)
        if index:
            request["replaces"] = [reference(urns[index - 1])]
        requests.append(bundle_entry(request, urns[index]))
    current = data.versions[-1]
    in_force = _status(current, None, today) == "active"
    first = data.versions[0]
    plan: JsonDict = {
        "resourceType": "CarePlan",
        "id": f"programme-plan-{person.id}",
        "status": "active" if in_force else "completed",
        "intent": "plan",
        "category": [PHYSICAL_ACTIVITY, {"coding": [EXERCISE_THERAPY]}],
        "title": "Stretching programme for low back pain",
        "subject": patient_reference(person),
        "period": _period(first.starts, current.ends),
        "created": first.prescribed_at.isoformat(),
        "goal": [reference(goal_urn)],
        # Every version, the one in force last: each request's status says which that is.
        "activity": [{"reference": reference(urn)} for urn in urns],
    }
    author = _prescriber_reference(data, current)
    if author is not None:
        plan["author"] = author
    goal: JsonDict = {
        "resourceType": "Goal",
        "id": f"programme-goal-{person.id}",
        "lifecycleStatus": "active" if in_force else "completed",
        "category": [PHYSICAL_ACTIVITY],
        "description": {"text": _goal_text(data)},
        "subject": patient_reference(person),
        # No addresses: no Condition is recorded; low back pain is each request's reason.
        "startDate": first.starts.isoformat(),
    }
    set_by = _prescriber_reference(data, first)
    if set_by is not None:
        goal["expressedBy"] = set_by
    return [bundle_entry(goal, goal_urn), bundle_entry(plan, plan_urn), *requests]


def _goal_text(data: ProgrammeFhirRecords) -> str:
    """Return the goal in words: less pain, and back to the activities the patient rated."""
    latest = data.records.psfs[-1] if data.records.psfs else None
    if latest is None or not latest.ratings:
        return "Less low back pain, and back to everyday activities"
    activities = ", ".join(rating.activity for rating in latest.ratings)
    return f"Less low back pain, and back to: {activities}"


def _status(version: ProgrammeRecord, later: ProgrammeRecord | None, today: date) -> str:
    """Return a version's ServiceRequest status: over by its end date, or replaced before it."""
    if later is None:
        return "completed" if version.ends is not None and version.ends < today else "active"
    replaced_on = later.prescribed_at.date()
    return "completed" if version.ends is not None and version.ends < replaced_on else "revoked"


def _period(starts: date, ends: date | None) -> JsonDict:
    period: JsonDict = {"start": starts.isoformat()}
    if ends is not None:
        period["end"] = ends.isoformat()
    return period


def _prescriber_reference(data: ProgrammeFhirRecords, version: ProgrammeRecord) -> JsonDict | None:
    staff = data.prescribers.get(version.prescribed_by)
    if staff is None:
        return None
    return {"reference": practitioner_urn(data.clinic, staff), "display": staff.name}


def service_request(
    data: ProgrammeFhirRecords, version: ProgrammeRecord, status: str, plan: str, goal: str
) -> JsonDict:
    """Return one programme version as the IG's exercise prescription."""
    person = data.records.person
    request: JsonDict = {
        "resourceType": "ServiceRequest",
        "id": f"programme-{version.id}",
        "extension": [{"url": PERTAINS_TO_GOAL, "valueReference": reference(goal)}],
        "basedOn": [reference(plan)],
        "status": status,
        "intent": "order",
        "category": [PHYSICAL_ACTIVITY],
        "code": {
            "coding": [EXERCISE_THERAPY],
            "text": f"Stretching programme for low back pain, version {version.version}",
        },
        "orderDetail": [_order_detail(item, data.catalog) for item in version.exercises],
        "subject": patient_reference(person),
        "occurrenceTiming": {
            "repeat": {
                "boundsPeriod": _period(version.starts, version.ends),
                "frequency": version.sessions_per_week,
                "period": 1,
                "periodUnit": "wk",
            }
        },
        "authoredOn": version.prescribed_at.isoformat(),
        "performer": [patient_reference(person)],
        "reasonCode": [{"coding": [LOW_BACK_PAIN], "text": "Low back pain"}],
    }
    requester = _prescriber_reference(data, version)
    if requester is not None:
        request["requester"] = requester
    if version.note.strip():
        request["patientInstruction"] = version.note
    return request


def _order_detail(item: PrescribedExercise, catalog: Catalog | None) -> JsonDict:
    """Return one stretch and its dose: coded, in words, and as numbers in extensions."""
    exercise = None if catalog is None else catalog.exercises.get(item.exercise)
    name = item.exercise if exercise is None else exercise.name
    sides = Sides.ONE if exercise is None else exercise.dose.sides
    extensions: list[JsonValue] = [{"url": REPETITIONS_EXTENSION, "valueInteger": item.repetitions}]
    if item.hold_seconds:
        extensions.append({"url": HOLD_SECONDS_EXTENSION, "valueInteger": item.hold_seconds})
    return {
        "extension": extensions,
        "coding": [{"system": EXERCISE_SYSTEM, "code": item.exercise, "display": name}],
        "text": f"{name}: {dose_text(item.repetitions, item.hold_seconds, sides)}",
    }
