"""The FHIR export tells a clinician what the camera coach counted, and nothing when it was off."""

from dataclasses import replace

from spinecoach.records import CameraCounts
from spinecoach.reports.fhir import build_bundle
from tests.reports.records import NOW
from tests.reports.test_fhir import alice_records, resources


def test_a_procedure_note_names_reps_seen_good_form_seconds_and_the_corrections() -> None:
    records = alice_records()
    (result,) = records.results[7]
    seen = replace(result, camera=CameraCounts(3, 14.5, ("Sit up tall.", "Turn a little further.")))

    bundle = build_bundle(replace(records, results={7: [seen]}), NOW)

    (procedure,) = [p for p in resources(bundle, "Procedure") if p["id"] == "session-7"]
    (note,) = procedure["note"]
    assert note["text"].endswith(
        "camera coach: 3 repetitions seen, 14.5 s in good form, "
        "corrections given: Sit up tall.; Turn a little further."
    )


def test_a_procedure_note_says_nothing_of_a_camera_that_was_off() -> None:
    bundle = build_bundle(alice_records(), NOW)

    notes = [n["text"] for p in resources(bundle, "Procedure") for n in p.get("note", [])]
    assert notes and not any("camera" in text for text in notes)
