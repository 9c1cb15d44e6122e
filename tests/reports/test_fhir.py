"""The FHIR export: a valid R4 Bundle (checked with fhir.resources) that says what was recorded."""

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from spinecoach.catalog.loader import default_catalog
from spinecoach.catalog.routine import Routine
from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.errors import InvalidInputError
from spinecoach.planning import Constraints, plan
from spinecoach.records import (
    ExerciseResultRecord,
    PainContext,
    PainEntryRecord,
    PainKind,
    PersonRecord,
    PsfsRating,
    PsfsRecord,
    ScreeningOutcome,
    ScreeningRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.reports.fhir import FhirRecords, build_bundle, record_urn
from spinecoach.reports.fhir_import import routine_from_fhir
from spinecoach.safety.loader import default_screening
from tests.reports.fhir_checks import references, resources, validated

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
ALICE = PersonRecord(id=1, name="Alice", created_at=T0)

# Required bindings that the fhir.resources models leave as free text.
PROCEDURE_STATUSES = {"preparation", "in-progress", "not-done", "on-hold", "stopped", "completed"}


def desk_break() -> Routine:
    return plan(Constraints(routine="desk-break"), [], date(2026, 11, 24), default_catalog())


def all_six() -> Routine:
    return plan(Constraints(routine="all-six"), [], date(2026, 11, 24), default_catalog())


def alice_records() -> FhirRecords:
    """Alice screened, did a full session and one stopped for pain, and kept a diary."""
    screening = ScreeningRecord(
        id=1,
        person_id=1,
        taken_at=T0,
        answers={
            item.id: item.kind.value == "acknowledgement" for item in default_screening().items
        },
        outcome=ScreeningOutcome.GO,
        rules_version=default_screening().version,
        doctor_acknowledged=True,
    )
    done = SessionRecord(
        id=7,
        person_id=1,
        started_at=T0 + timedelta(minutes=5),
        routine_id="desk-break",
        routine=desk_break().to_dict(),
        planned_seconds=200,
        status=SessionStatus.COMPLETED,
        ended_at=T0 + timedelta(minutes=9),
    )
    stopped = SessionRecord(
        id=8,
        person_id=1,
        started_at=T0 + timedelta(days=1),
        routine_id="all-six",
        routine=all_six().to_dict(),
        planned_seconds=900,
        status=SessionStatus.STOPPED_PAIN,
        ended_at=T0 + timedelta(days=1, minutes=3),
    )
    result = ExerciseResultRecord(
        id=1,
        session_id=7,
        exercise_id="seated-back-twist",
        position=0,
        completed_at=T0 + timedelta(minutes=8),
        repetitions_done=3,
        hold_seconds_actual=20.5,
        skipped=False,
    )
    pains = [
        PainEntryRecord(
            id=1,
            person_id=1,
            recorded_at=T0 + timedelta(minutes=5),
            score=6,
            region=None,
            kind=None,
            context=PainContext.BEFORE,
            note=None,
            session_id=7,
        ),
        PainEntryRecord(
            id=2,
            person_id=1,
            recorded_at=T0 + timedelta(minutes=9),
            score=4,
            region=None,
            kind=None,
            context=PainContext.AFTER,
            note=None,
            session_id=7,
        ),
        PainEntryRecord(
            id=3,
            person_id=1,
            recorded_at=T0 + timedelta(days=2),
            score=7,
            region=SpineRegion.LUMBAR,
            kind=PainKind.SHARP,
            context=PainContext.DIARY,
            note="after lifting boxes",
            session_id=None,
        ),
    ]
    return FhirRecords(
        person=ALICE,
        routine=all_six(),
        questionnaire=default_screening(),
        screenings=[screening],
        pain_entries=pains,
        sessions=[done, stopped],
        results={7: [result]},
    )


def test_bundle_validates_as_fhir_with_each_resource_validated_by_its_own_model() -> None:
    bundle = build_bundle(alice_records(), NOW)

    assert validated(bundle).type == "collection"


def test_bundle_holds_one_resource_per_record() -> None:
    bundle = build_bundle(alice_records(), NOW)

    counts = {
        kind: len(resources(bundle, kind))
        for kind in ("Patient", "CarePlan", "Questionnaire", "QuestionnaireResponse")
    }
    assert counts == {"Patient": 1, "CarePlan": 1, "Questionnaire": 1, "QuestionnaireResponse": 1}
    assert len(resources(bundle, "Procedure")) == 2
    assert len(resources(bundle, "Observation")) == 3


def test_every_reference_points_at_an_entry_of_the_bundle() -> None:
    bundle = build_bundle(alice_records(), NOW)
    urls = {entry["fullUrl"] for entry in bundle["entry"]}

    found = references(bundle)

    assert found
    assert set(found) <= urls
    assert len(urls) == len(bundle["entry"])


def test_pain_score_is_a_loinc_observation_with_its_context() -> None:
    bundle = build_bundle(alice_records(), NOW)

    diary = next(o for o in resources(bundle, "Observation") if o["id"] == "pain-3")

    assert diary["code"]["coding"][0]["system"] == "http://loinc.org"
    assert diary["code"]["coding"][0]["code"] == "72514-3"
    assert diary["valueInteger"] == 7
    assert datetime.fromisoformat(diary["effectiveDateTime"]) == T0 + timedelta(days=2)
    assert diary["bodySite"]["coding"][0]["code"] == "lumbar"
    assert diary["note"] == [{"text": "after lifting boxes"}]
    values = {c["code"]["coding"][0]["code"]: c["valueCodeableConcept"] for c in diary["component"]}
    assert values["pain-context"]["coding"][0]["code"] == "diary"
    assert values["pain-kind"]["coding"][0]["code"] == "sharp"
    assert "partOf" not in diary


def test_pain_in_a_session_points_at_that_sessions_procedure() -> None:
    records = alice_records()
    bundle = build_bundle(records, NOW)

    before = next(o for o in resources(bundle, "Observation") if o["id"] == "pain-1")

    session_7 = next(session for session in records.sessions if session.id == 7)
    assert before["partOf"] == [{"reference": record_urn(session_7.uuid)}]
    context = before["component"][0]["valueCodeableConcept"]["coding"][0]["code"]
    assert context == "before"


def test_sessions_are_procedures_whose_status_says_how_they_ended() -> None:
    bundle = build_bundle(alice_records(), NOW)

    procedures = {p["id"]: p for p in resources(bundle, "Procedure")}

    assert procedures["session-7"]["status"] == "completed"
    assert procedures["session-8"]["status"] == "stopped"
    assert "pain" in procedures["session-8"]["statusReason"]["text"]
    assert procedures["session-7"]["code"]["coding"][0]["code"] == "229065009"
    assert procedures["session-7"]["note"] == [
        {"text": "Seated back twist: 3 repetitions, 20.5 s held"}
    ]
    assert {p["status"] for p in procedures.values()} <= PROCEDURE_STATUSES


def test_care_plan_lists_each_exercise_with_its_dose_in_order() -> None:
    routine = all_six()
    bundle = build_bundle(alice_records(), NOW)

    (care_plan,) = resources(bundle, "CarePlan")

    details = [activity["detail"] for activity in care_plan["activity"]]
    assert [d["code"]["coding"][1]["code"] for d in details] == [
        i.exercise.id for i in routine.items
    ]
    assert [d["scheduledTiming"]["repeat"]["count"] for d in details] == [
        i.repetitions for i in routine.items
    ]
    assert all(d["code"]["coding"][0]["code"] == "229065009" for d in details)
    assert (care_plan["status"], care_plan["intent"]) == ("active", "plan")


def test_screening_answers_match_questions_of_the_questionnaire() -> None:
    bundle = build_bundle(alice_records(), NOW)

    (questionnaire,) = resources(bundle, "Questionnaire")
    (response,) = resources(bundle, "QuestionnaireResponse")

    link_ids = {item["linkId"] for item in questionnaire["item"]}
    assert {item["linkId"] for item in response["item"]} == link_ids
    assert response["questionnaire"] == f"{questionnaire['url']}|{questionnaire['version']}"
    answers = {item["linkId"]: item["answer"][0] for item in response["item"]}
    assert answers["asked-doctor"] == {"valueBoolean": True}
    assert answers["saddle-numbness"] == {"valueBoolean": False}
    assert answers["outcome"]["valueCoding"]["code"] == "go"
    assert response["status"] == "completed"


def test_a_person_with_no_records_still_gets_a_valid_bundle() -> None:
    records = FhirRecords(person=ALICE, routine=desk_break(), questionnaire=default_screening())

    bundle = build_bundle(records, NOW)

    Bundle.model_validate(bundle)
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == [
        "Patient",
        "CarePlan",
        "Questionnaire",
    ]


def test_care_plan_reads_back_as_the_same_exercises_and_doses() -> None:
    routine = all_six()
    bundle = build_bundle(alice_records(), NOW)

    read = routine_from_fhir(json.loads(json.dumps(bundle)), default_catalog(), "bundle.json")

    assert read.to_dict() | {"notes": []} == routine.to_dict() | {"notes": []}


def care_plan_with(path: list[str | int], value: object) -> dict[str, Any]:
    """Return an exported all-six CarePlan with one field changed."""
    bundle = build_bundle(alice_records(), NOW)
    care_plan: Any = resources(bundle, "CarePlan")[0]
    target = care_plan
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return care_plan


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ["activity", 0, "detail", "scheduledTiming", "repeat", "count"],
            40,
            "activity[0].detail.scheduledTiming.repeat.count: 40 is outside the safe range",
        ),
        (
            ["activity", 0, "detail", "scheduledTiming", "repeat", "duration"],
            600,
            "activity[0].detail.scheduledTiming.repeat.duration: 600 is outside the safe range",
        ),
        (
            ["activity", 1, "detail", "code", "coding", 1, "code"],
            "handstand",
            "activity[1].detail.code: unknown exercise 'handstand'",
        ),
        (["activity"], [], "activity: expected a non-empty list"),
        (
            ["activity", 0, "detail", "scheduledTiming", "repeat", "count"],
            "many",
            "count: expected a whole number, got 'many'",
        ),
    ],
)
def test_import_refuses_a_care_plan_it_cannot_follow_safely(
    path: list[str | int], value: object, message: str
) -> None:
    care_plan = care_plan_with(path, value)

    with pytest.raises(InvalidInputError) as raised:
        routine_from_fhir(care_plan, default_catalog(), "plan.json")

    assert raised.value.user_message.startswith("plan.json: ")
    assert message in raised.value.user_message


def test_import_refuses_a_bundle_without_a_care_plan() -> None:
    bundle = build_bundle(alice_records(), NOW)
    bundle["entry"] = [e for e in bundle["entry"] if e["resource"]["resourceType"] != "CarePlan"]

    with pytest.raises(InvalidInputError, match="expected exactly one CarePlan, found 0"):
        routine_from_fhir(bundle, default_catalog(), "bundle.json")


def empty_values(value: object, path: str = "") -> list[str]:
    """Return the paths of empty arrays, objects and strings, which FHIR JSON forbids."""
    if value in ([], {}, ""):
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in empty_values(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in empty_values(item, f"{path}[{i}]")]
    return []


def test_bundle_has_no_empty_arrays_objects_or_strings() -> None:
    records = alice_records()
    no_notes = FhirRecords(
        person=ALICE,
        routine=desk_break(),
        questionnaire=default_screening(),
        sessions=records.sessions,
    )

    assert empty_values(build_bundle(records, NOW)) == []
    assert empty_values(build_bundle(no_notes, NOW)) == []


def with_psfs() -> FhirRecords:
    first = PsfsRecord(
        id=1,
        person_id=1,
        taken_at=T0,
        ratings=(
            PsfsRating(activity="putting on socks", score=3),
            PsfsRating(activity="sitting through a film", score=4),
        ),
    )
    later = PsfsRecord(
        id=2,
        person_id=1,
        taken_at=T0 + timedelta(days=14),
        ratings=(PsfsRating(activity="putting on socks", score=7),),
    )
    return replace(alice_records(), psfs=[first, later])


def test_each_psfs_is_a_response_to_the_psfs_questionnaire_with_every_rating() -> None:
    bundle = build_bundle(with_psfs(), NOW)

    responses = {r["id"]: r for r in resources(bundle, "QuestionnaireResponse")}
    psfs = next(q for q in resources(bundle, "Questionnaire") if q["id"] == "psfs")

    first = responses["psfs-1"]
    assert first["questionnaire"] == psfs["url"]
    groups = [item["item"] for item in first["item"] if item["linkId"] == "activity"]
    assert [
        (g[0]["answer"][0]["valueString"], g[1]["answer"][0]["valueInteger"]) for g in groups
    ] == [
        ("putting on socks", 3),
        ("sitting through a film", 4),
    ]
    assert first["item"][-1] == {"linkId": "mean", "answer": [{"valueDecimal": 3.5}]}
    assert responses["psfs-2"]["authored"] == (T0 + timedelta(days=14)).isoformat()
    assert "screening-1" in responses  # ids of both kinds of response stay apart


def test_bundle_with_psfs_validates_and_every_full_url_is_unique() -> None:
    bundle = build_bundle(with_psfs(), NOW)

    validated(bundle)
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(urls) == len(set(urls))


def test_no_psfs_questionnaire_without_a_psfs_entry() -> None:
    bundle = build_bundle(alice_records(), NOW)

    assert [q["id"] for q in resources(bundle, "Questionnaire")] == ["red-flag-screen"]


def test_a_session_whose_snapshot_names_no_exercise_lists_results_by_id() -> None:
    records = alice_records()
    bare = replace(records.sessions[0], routine={})

    bundle = build_bundle(replace(records, sessions=[bare]), NOW)

    (procedure,) = resources(bundle, "Procedure")
    assert procedure["note"] == [{"text": "seated-back-twist: 3 repetitions, 20.5 s held"}]
