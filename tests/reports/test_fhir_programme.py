"""A clinic patient's FHIR bundle: the programme in the Physical Activity IG's shape, validated."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from spinecoach.catalog.loader import default_catalog
from spinecoach.clinic_records import (
    ClinicRecord,
    PrescribedExercise,
    ProgrammeRecord,
    StaffRecord,
    StaffRole,
)
from spinecoach.reports.fhir import record_urn
from spinecoach.reports.fhir_programme import (
    PA_CODES,
    ProgrammeFhirRecords,
    build_programme_bundle,
    practitioner_urn,
)
from tests.reports.fhir_checks import references, resources, validated
from tests.reports.test_fhir import NOW, T0, alice_records, empty_values, with_psfs

CLINIC = ClinicRecord(
    id=1, uuid="6f1c2a4e-8d7b-4b0e-9a52-3c1d2e4f5a6b", name="Back Care", created_at=T0
)
AMIRA = StaffRecord(1, 1, "amira@backcare.example", "Amira Haddad", StaffRole.ADMIN, T0)
TOM = StaffRecord(2, 1, "tom@backcare.example", "Tom Okafor", StaffRole.CLINICIAN, T0)
FIRST = ProgrammeRecord(
    id=10,
    person_id=1,
    version=1,
    exercises=(PrescribedExercise("knee-to-chest", 3, 20), PrescribedExercise("cat-cow", 8, 0)),
    sessions_per_week=5,
    starts=date(2026, 11, 2),
    ends=None,
    note="Little and often; stop if the pain spreads down a leg.",
    prescribed_by=1,
    prescribed_at=T0,
)
SECOND = replace(
    FIRST,
    id=11,
    version=2,
    exercises=(PrescribedExercise("knee-to-chest", 3, 30),),
    sessions_per_week=3,
    starts=date(2026, 11, 16),
    ends=date(2026, 12, 31),
    note="",
    prescribed_by=2,
    prescribed_at=T0 + timedelta(days=14),
)

# Made once: each record's UUID is new when it is made, and the tests compare URNs.
RECORDS = replace(with_psfs(), routine=None)

# Required bindings that the fhir.resources models leave as free text.
REQUEST_STATUSES = {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error"}
GOAL_STATUSES = {"proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled"}


def maria(**changes: Any) -> ProgrammeFhirRecords:
    """Two versions of her programme, by Amira then Tom, with her screening, pain and PSFS."""
    data = ProgrammeFhirRecords(
        records=RECORDS,
        clinic=CLINIC,
        versions=[FIRST, SECOND],
        prescribers={1: AMIRA, 2: TOM},
        catalog=default_catalog(),
    )
    return replace(data, **changes)


def by_urn(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def test_bundle_and_every_resource_validate_with_fhir_resources() -> None:
    bundle = build_programme_bundle(maria(), NOW)

    assert validated(bundle).type == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("ServiceRequest") == 2
    assert {"Patient", "Practitioner", "Goal", "CarePlan", "Observation", "Procedure"} <= set(kinds)
    assert kinds.count("QuestionnaireResponse") == 3  # the screening and two PSFS
    requests = [*resources(bundle, "ServiceRequest"), *resources(bundle, "CarePlan")]
    assert {r["status"] for r in requests} <= REQUEST_STATUSES
    assert {g["lifecycleStatus"] for g in resources(bundle, "Goal")} <= GOAL_STATUSES


def test_every_reference_points_at_an_entry_and_every_full_url_is_unique() -> None:
    bundle = build_programme_bundle(maria(), NOW)
    urls = [entry["fullUrl"] for entry in bundle["entry"]]

    found = references(bundle)

    assert len(urls) == len(set(urls))
    assert found and set(found) <= set(urls)


def test_the_current_version_is_the_igs_exercise_prescription() -> None:
    bundle = build_programme_bundle(maria(), NOW)
    urns = by_urn(bundle)

    current = next(r for r in resources(bundle, "ServiceRequest") if r["id"] == "programme-11")

    assert (current["status"], current["intent"]) == ("active", "order")
    assert current["category"][0]["coding"][0] == {
        "system": PA_CODES,
        "code": "PhysicalActivity",
        "display": "Physical Activity",
    }
    assert current["code"]["coding"][0]["system"] == "http://snomed.info/sct"
    assert current["code"]["coding"][0]["code"] == "229065009"
    assert current["reasonCode"][0]["coding"][0]["code"] == "279039007"
    patient = record_urn(RECORDS.person.uuid)
    assert current["subject"] == {"reference": patient}
    assert current["performer"] == [{"reference": patient}]
    assert urns[current["requester"]["reference"]]["name"][0]["text"] == "Tom Okafor"
    assert current["requester"]["reference"] == practitioner_urn(CLINIC, TOM)
    assert urns[current["basedOn"][0]["reference"]]["resourceType"] == "CarePlan"
    goal = current["extension"][0]["valueReference"]["reference"]
    assert urns[goal]["resourceType"] == "Goal"
    assert current["occurrenceTiming"]["repeat"] == {
        "boundsPeriod": {"start": "2026-11-16", "end": "2026-12-31"},
        "frequency": 3,
        "period": 1,
        "periodUnit": "wk",
    }
    assert "patientInstruction" not in current  # no note given for this version


def test_each_stretch_is_an_order_detail_with_its_dose_in_words_and_numbers() -> None:
    bundle = build_programme_bundle(maria(), NOW)

    first = next(r for r in resources(bundle, "ServiceRequest") if r["id"] == "programme-10")

    knee, cat_cow = first["orderDetail"]
    assert knee["coding"][0]["code"] == "knee-to-chest"
    assert knee["text"] == "Knee to chest: 3 repetitions, hold 20 s, on each side"
    assert [e["valueInteger"] for e in knee["extension"]] == [3, 20]
    assert cat_cow["coding"][0]["code"] == "cat-cow"
    assert [e["valueInteger"] for e in cat_cow["extension"]] == [8]  # no hold to give
    assert first["patientInstruction"] == FIRST.note


def test_an_earlier_version_is_revoked_and_replaced_by_the_next() -> None:
    bundle = build_programme_bundle(maria(), NOW)
    urns = by_urn(bundle)

    first, second = resources(bundle, "ServiceRequest")

    assert first["status"] == "revoked"  # changed before any end date
    assert "replaces" not in first
    assert urns[second["replaces"][0]["reference"]] is first


def test_an_earlier_version_that_ended_before_the_change_is_completed() -> None:
    ended = replace(FIRST, ends=date(2026, 11, 10))

    bundle = build_programme_bundle(maria(versions=[ended, SECOND]), NOW)

    assert [r["status"] for r in resources(bundle, "ServiceRequest")] == ["completed", "active"]


def test_after_the_last_day_the_programme_plan_and_goal_are_completed() -> None:
    bundle = build_programme_bundle(maria(), datetime(2027, 1, 1, 9, 0, tzinfo=UTC))

    (plan,) = resources(bundle, "CarePlan")
    (goal,) = resources(bundle, "Goal")
    assert resources(bundle, "ServiceRequest")[-1]["status"] == "completed"
    assert plan["status"] == "completed" and goal["lifecycleStatus"] == "completed"


def test_care_plan_holds_every_version_and_the_goal_names_the_rated_activities() -> None:
    bundle = build_programme_bundle(maria(), NOW)
    urns = by_urn(bundle)

    (plan,) = resources(bundle, "CarePlan")
    (goal,) = resources(bundle, "Goal")

    assert (plan["status"], plan["intent"]) == ("active", "plan")
    activities = [urns[a["reference"]["reference"]]["id"] for a in plan["activity"]]
    assert activities == ["programme-10", "programme-11"]
    assert urns[plan["goal"][0]["reference"]] is goal
    assert plan["period"] == {"start": "2026-11-02", "end": "2026-12-31"}
    assert plan["author"]["display"] == "Tom Okafor"
    assert goal["category"][0]["coding"][0]["code"] == "PhysicalActivity"
    # The latest scale's activities: the patient may have dropped one since.
    assert goal["description"]["text"] == "Less low back pain, and back to: putting on socks"
    assert goal["expressedBy"]["display"] == "Amira Haddad"


def test_the_patients_records_are_those_of_the_personal_export() -> None:
    bundle = build_programme_bundle(maria(), NOW)

    pain = {o["id"]: o for o in resources(bundle, "Observation")}
    responses = {r["id"] for r in resources(bundle, "QuestionnaireResponse")}

    assert set(pain) == {"pain-1", "pain-2", "pain-3"}
    assert pain["pain-3"]["code"]["coding"][0]["code"] == "72514-3"
    assert responses == {"screening-1", "psfs-1", "psfs-2"}
    assert {p["id"] for p in resources(bundle, "Procedure")} == {"session-7", "session-8"}
    assert [q["id"] for q in resources(bundle, "Questionnaire")] == ["red-flag-screen", "psfs"]


def test_a_practitioner_is_named_alike_in_every_patients_bundle() -> None:
    other = replace(alice_records().person, id=2, uuid="0b5d7e9f-1a2b-4c3d-8e4f-5a6b7c8d9e0f")
    hers = build_programme_bundle(maria(), NOW)
    his = build_programme_bundle(maria(records=replace(RECORDS, person=other)), NOW)

    assert {p["fullUrl"] for p in his["entry"] if "staff-" in p["resource"]["id"]} == {
        p["fullUrl"] for p in hers["entry"] if "staff-" in p["resource"]["id"]
    }
    assert resources(his, "ServiceRequest")[0]["id"] == "programme-10"
    assert (
        by_urn(his)
        .keys()
        .isdisjoint(
            {e["fullUrl"] for e in hers["entry"] if e["resource"]["resourceType"] == "Goal"}
        )
    )


def test_a_patient_without_a_programme_gets_their_records_alone() -> None:
    bundle = build_programme_bundle(maria(versions=[], prescribers={}), NOW)

    validated(bundle)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds.isdisjoint({"ServiceRequest", "CarePlan", "Goal", "Practitioner"})
    assert "Patient" in kinds


def test_a_prescriber_unknown_to_the_export_leaves_no_dangling_reference() -> None:
    bundle = build_programme_bundle(maria(prescribers={}, catalog=None), NOW)

    assert set(references(bundle)) <= {e["fullUrl"] for e in bundle["entry"]}
    assert "requester" not in resources(bundle, "ServiceRequest")[0]
    # Without the catalogue the stretch is named by its id.
    assert resources(bundle, "ServiceRequest")[0]["orderDetail"][1]["text"] == (
        "cat-cow: 8 repetitions"
    )


def test_bundle_has_no_empty_arrays_objects_or_strings() -> None:
    assert empty_values(build_programme_bundle(maria(), NOW)) == []
