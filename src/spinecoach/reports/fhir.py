"""Build a FHIR R4 Bundle of a person's records: plain dicts, validated in the tests.

The bundle is a `collection` (a set of resources with no workflow), so it needs no server.
Every entry's fullUrl is `urn:uuid:` and the record's own random UUID, made when the record was
(records.py), and every resource repeats it as an identifier; references use that URN. So the
same records always give the same names, and no record of another database ever shares one.
The plan and the questionnaires are no stored records: theirs are made from the person's UUID.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.catalog.vocabulary import Sides
from spinecoach.records import (
    ExerciseResultRecord,
    JsonValue,
    PainContext,
    PainEntryRecord,
    PersonRecord,
    PsfsRecord,
    ScreeningRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.reports.fhir_questionnaires import (
    psfs_questionnaire,
    psfs_response,
    screening_questionnaire,
    screening_response,
)
from spinecoach.safety.schema import Questionnaire
from spinecoach.session_outcome import SessionOutcome, outcome_of

JsonDict = dict[str, JsonValue]

# Our own code systems. The app works offline and owns no web domain, so they are URNs; the
# standard codes (SNOMED CT, LOINC) come first wherever one fits.
SYSTEM = "urn:spinecoach"
EXERCISE_SYSTEM = f"{SYSTEM}:exercise"
ROUTINE_SYSTEM = f"{SYSTEM}:routine"
REST_SECONDS_EXTENSION = f"{SYSTEM}:fhir:rest-seconds"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
EXERCISE_THERAPY: JsonDict = {"system": SNOMED, "code": "229065009", "display": "Exercise therapy"}
PAIN_SEVERITY: JsonDict = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
# A URN is a URI, and this system says the identifier's value is one (FHIR's own convention).
URI_SYSTEM = "urn:ietf:rfc:3986"

CONTEXT_TEXT = {
    PainContext.BEFORE: "before a session",
    PainContext.DURING: "during a session",
    PainContext.AFTER: "after a session",
    PainContext.DIARY: "diary entry, outside a session",
}
# Procedure.status has no "stopped for pain"; the reason goes into statusReason.
PROCEDURE_STATUS = {
    SessionStatus.COMPLETED: "completed",
    SessionStatus.STOPPED_PAIN: "stopped",
    SessionStatus.QUIT: "stopped",
    SessionStatus.IN_PROGRESS: "in-progress",
}
STOP_REASON = {
    SessionStatus.STOPPED_PAIN: "stopped because pain got worse",
    SessionStatus.QUIT: "stopped early by the person",
}


@dataclass(frozen=True)
class FhirRecords:
    """Everything the bundle is made from, loaded by the adapter.

    routine is the plan of the next session; None for a clinic's patient, whose plan is the
    programme their clinician prescribed (fhir_programme.py).
    """

    person: PersonRecord
    routine: Routine | None
    questionnaire: Questionnaire
    screenings: Sequence[ScreeningRecord] = ()
    pain_entries: Sequence[PainEntryRecord] = ()
    sessions: Sequence[SessionRecord] = ()
    results: Mapping[int, Sequence[ExerciseResultRecord]] = field(default_factory=dict)
    psfs: Sequence[PsfsRecord] = ()


def record_urn(record_uuid: str) -> str:
    """Return the URN naming a stored record's resource, in this bundle and any other."""
    return f"urn:uuid:{record_uuid}"


def made_for(person: PersonRecord, name: str) -> str:
    """Return the URN of a resource made for the person rather than stored, e.g. their plan.

    A name-based UUID under the person's own: the same every export, unlike any other person's.
    """
    return record_urn(str(uuid.uuid5(uuid.UUID(person.uuid), name)))


def reference(urn: str) -> JsonDict:
    """Return a reference to a resource in the bundle."""
    return {"reference": urn}


# QuestionnaireResponse holds at most one identifier; the other resources we make hold a list.
_SINGLE_IDENTIFIER = {"QuestionnaireResponse"}


def bundle_entry(resource: JsonDict, urn: str) -> JsonDict:
    """Return a bundle entry named by the URN, which the resource also carries as an identifier."""
    ours: JsonDict = {"system": URI_SYSTEM, "value": urn}
    if resource["resourceType"] in _SINGLE_IDENTIFIER:
        resource["identifier"] = ours
    else:
        given = resource.get("identifier")
        resource["identifier"] = [*(given if isinstance(given, list) else []), ours]
    return {"fullUrl": urn, "resource": resource}


def patient_reference(person: PersonRecord) -> JsonDict:
    """Return a reference to the person's Patient entry."""
    return reference(record_urn(person.uuid))


def patient(person: PersonRecord) -> JsonDict:
    """Return a minimal Patient: the name and birth year as recorded, nothing that identifies more.

    A name of two or more words is also split at its last space into given names and family
    name, the usual reading; a single word stays in text only, since it could be either.
    """
    resource: JsonDict = {"resourceType": "Patient", "id": f"person-{person.id}"}
    if person.name:
        resource["name"] = [human_name(person.name)]
    if person.birth_year is not None:
        resource["birthDate"] = f"{person.birth_year:04d}"  # FHIR allows a year-only date
    return resource


def human_name(name: str) -> JsonDict:
    """Return a FHIR HumanName: the whole name as text, with given and family when they show."""
    given, _, family = name.rpartition(" ")
    if not given.strip() or not family:
        return {"text": name}
    given_names: list[JsonValue] = list(given.split())
    return {"text": name, "family": family, "given": given_names}


def dose_text(repetitions: int, hold_seconds: int, sides: Sides) -> str:
    """Return a dose as a clinician writes it: "8 repetitions, hold 20 s, on each side"."""
    text = f"{repetitions} repetitions"
    if hold_seconds:
        text += f", hold {hold_seconds} s"
    if sides is Sides.EACH:
        text += ", on each side"
    return text


def _dose_text(item: PlannedExercise) -> str:
    return dose_text(item.repetitions, item.hold_seconds, item.exercise.dose.sides)


def _activity(item: PlannedExercise) -> JsonDict:
    """Return one exercise as a CarePlan activity; Timing carries the dose a machine can read."""
    repeat: JsonDict = {"count": item.repetitions}
    if item.hold_seconds:
        # Timing.repeat.duration is how long each occurrence lasts: the hold of one repetition.
        repeat |= {"duration": item.hold_seconds, "durationUnit": "s"}
    exercise: JsonDict = {
        "system": EXERCISE_SYSTEM,
        "code": item.exercise.id,
        "display": item.exercise.name,
    }
    return {
        "detail": {
            "code": {"coding": [EXERCISE_THERAPY, exercise], "text": item.exercise.name},
            "status": "scheduled",
            "scheduledTiming": {"repeat": repeat},
            "description": f"{item.exercise.name}: {_dose_text(item)}. {item.exercise.summary}",
        }
    }


def care_plan(routine: Routine, person: PersonRecord, now: datetime) -> JsonDict:
    """Return the routine as an active CarePlan, one activity per exercise in order."""
    plan: JsonDict = {
        "resourceType": "CarePlan",
        "id": f"routine-{routine.id}",
        "extension": [{"url": REST_SECONDS_EXTENSION, "valueInteger": routine.rest_seconds}],
        "identifier": [{"system": ROUTINE_SYSTEM, "value": routine.id}],
        "status": "active",
        "intent": "plan",
        "category": [{"coding": [EXERCISE_THERAPY]}],
        "title": routine.name,
        "description": "Stretching routine for low back pain, as planned for the next session.",
        "subject": patient_reference(person),
        "created": now.isoformat(),
        "activity": [_activity(item) for item in routine.items],
    }
    if routine.notes:  # FHIR JSON never has empty arrays
        plan["note"] = [{"text": note} for note in routine.notes]
    return plan


def _coded(system_suffix: str, code: str, text: str) -> JsonDict:
    return {"coding": [{"system": f"{SYSTEM}:{system_suffix}", "code": code}], "text": text}


def pain_observation(
    entry: PainEntryRecord, subject: JsonDict, sessions: Mapping[int, str]
) -> JsonDict:
    """Return one 0-10 pain score as an Observation with when, where and how it was given.

    sessions holds the URN of each session in the bundle by id, for a score given in one.
    """
    components: list[JsonValue] = [
        {
            "code": _coded("observation", "pain-context", "when the score was given"),
            "valueCodeableConcept": _coded(
                "pain-context", entry.context.value, CONTEXT_TEXT[entry.context]
            ),
        }
    ]
    if entry.kind is not None:
        components.append(
            {
                "code": _coded("observation", "pain-kind", "how the pain feels"),
                "valueCodeableConcept": _coded("pain-kind", entry.kind.value, entry.kind.value),
            }
        )
    observation: JsonDict = {
        "resourceType": "Observation",
        "id": f"pain-{entry.id}",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": {"coding": [PAIN_SEVERITY], "text": "Pain 0-10"},
        "subject": subject,
        "effectiveDateTime": entry.recorded_at.isoformat(),
        "valueInteger": entry.score,
        "component": components,
    }
    if entry.region is not None:
        observation["bodySite"] = _coded("spine-region", entry.region.value, entry.region.value)
    session_urn = None if entry.session_id is None else sessions.get(entry.session_id)
    if session_urn is not None:
        # partOf may point at a Procedure: the session the score belongs to.
        observation["partOf"] = [reference(session_urn)]
    if entry.note:
        observation["note"] = [{"text": entry.note}]
    return observation


def session_procedure(
    session: SessionRecord, results: Sequence[ExerciseResultRecord], subject: JsonDict
) -> JsonDict:
    """Return a session as a Procedure.

    A session is something the person did, with a start, an end and a status that can be
    "stopped"; that is a Procedure (exercise therapy performed). An Observation would describe a
    measured value, which the pain scores already are, and has no way to say "stopped".
    """
    period: JsonDict = {"start": session.started_at.isoformat()}
    if session.ended_at is not None:
        period["end"] = session.ended_at.isoformat()
    done = sum(1 for result in results if not result.skipped)
    # A session whose every stretch was skipped was not performed: "completed" would say it was.
    nothing_done = outcome_of(session.status, done, len(results)) is SessionOutcome.NONE_DONE
    procedure: JsonDict = {
        "resourceType": "Procedure",
        "id": f"session-{session.id}",
        "status": "not-done" if nothing_done else PROCEDURE_STATUS[session.status],
        "code": {"coding": [EXERCISE_THERAPY], "text": f"Stretching session: {session.routine_id}"},
        "subject": subject,
        "performedPeriod": period,
    }
    if results:
        names = _exercise_names(session)
        procedure["note"] = [{"text": _result_text(result, names)} for result in results]
    if session.status in STOP_REASON:
        procedure["statusReason"] = {"text": STOP_REASON[session.status]}
    elif nothing_done:
        procedure["statusReason"] = {"text": "every stretch was skipped"}
    return procedure


def _exercise_names(session: SessionRecord) -> dict[str, str]:
    """Return exercise names from the session's routine snapshot, which a doctor reads better."""
    names: dict[str, str] = {}
    planned = session.routine.get("exercises")
    for entry in planned if isinstance(planned, list) else []:
        if isinstance(entry, dict):
            exercise, name = entry.get("exercise"), entry.get("name")
            if isinstance(exercise, str) and isinstance(name, str):
                names[exercise] = name
    return names


def _result_text(result: ExerciseResultRecord, names: Mapping[str, str]) -> str:
    name = names.get(result.exercise_id, result.exercise_id)
    if result.skipped:
        return f"{name}: skipped"
    text = f"{name}: {result.repetitions_done} repetitions, {result.hold_seconds_actual:g} s held"
    camera = result.camera
    if camera is None:
        return text
    said = "; ".join(camera.corrections) if camera.corrections else "none"
    return (
        f"{text}; camera coach: {camera.reps_seen} repetitions seen, "
        f"{camera.good_form_seconds:g} s in good form, corrections given: {said}"
    )


def build_bundle(records: FhirRecords, now: datetime) -> JsonDict:
    """Return the FHIR R4 collection Bundle of everything in the records."""
    person = records.person
    entries: list[JsonValue] = [bundle_entry(patient(person), record_urn(person.uuid))]
    if records.routine is not None:
        plan = care_plan(records.routine, person, now)
        entries.append(bundle_entry(plan, made_for(person, f"CarePlan/{plan['id']}")))
    return collection([*entries, *recorded_entries(records)], now)


def collection(entries: list[JsonValue], now: datetime) -> JsonDict:
    """Return the entries as a collection Bundle made now."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": entries,
    }


def recorded_entries(records: FhirRecords) -> list[JsonValue]:
    """Return the entries of what the person recorded: screenings with their questionnaire,
    activity ratings (PSFS), sessions as Procedures and pain scores as Observations."""
    person = records.person
    subject = patient_reference(person)
    screen = screening_questionnaire(records.questionnaire)
    entries: list[JsonValue] = [
        # By version too: another version of the questions is another resource.
        bundle_entry(screen, made_for(person, f"Questionnaire/{screen['id']}|{screen['version']}")),
    ]
    for screening in records.screenings:
        response = screening_response(screening, subject)
        entries.append(bundle_entry(response, record_urn(screening.uuid)))
    if records.psfs:
        entries.append(bundle_entry(psfs_questionnaire(), made_for(person, "Questionnaire/psfs")))
    for psfs in records.psfs:
        entries.append(bundle_entry(psfs_response(psfs, subject), record_urn(psfs.uuid)))
    # Demonstrations, and the pain scores given around them, are not something the person did
    # for their back: a doctor or clinic reading the bundle must not take them as therapy.
    demos = {session.id for session in records.sessions if session.demo}
    # Only the sessions in the bundle: a pain score points at its session when it is there.
    sessions: dict[int, str] = {}
    for session in records.sessions:
        if session.id in demos:
            continue
        procedure = session_procedure(session, records.results.get(session.id, ()), subject)
        sessions[session.id] = record_urn(session.uuid)
        entries.append(bundle_entry(procedure, sessions[session.id]))
    for pain_entry in records.pain_entries:
        if pain_entry.session_id not in demos:
            observation = pain_observation(pain_entry, subject, sessions)
            entries.append(bundle_entry(observation, record_urn(pain_entry.uuid)))
    return entries
