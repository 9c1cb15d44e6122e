"""The person's name on what is printed and exported: the report, the handout, the FHIR Patient."""

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.patient import Patient

from spinecoach.records import PersonRecord
from spinecoach.reports.fhir import build_bundle
from spinecoach.reports.handout import handout_pdf
from spinecoach.reports.pdf import ReportData, doctor_report_pdf
from spinecoach.reports.trends import compute_trends
from tests.reports.records import NOW
from tests.reports.test_fhir import alice_records
from tests.reports.test_handout import routine_of
from tests.reports.test_pdf import text_of

CREATED = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
MARIA = PersonRecord(id=1, name="Maria Lopez", created_at=CREATED, birth_year=1961)
UNNAMED = PersonRecord(id=1, name=None, created_at=CREATED)


def report_text(person: PersonRecord) -> str:
    data = ReportData(
        person=person,
        screening=None,
        summaries=[],
        pains=[],
        psfs=[],
        trends=compute_trends([], [], [], NOW),
    )
    return text_of(doctor_report_pdf(data))[1]


def test_the_report_names_the_person_and_their_birth_year() -> None:
    assert "Person: Maria Lopez (born 1961)" in report_text(MARIA)


def test_a_report_without_a_name_says_so_and_never_says_me() -> None:
    text = report_text(UNNAMED)

    assert "Person: no name given" in text
    assert "Person: me" not in text


def test_the_handout_says_whose_it_is_at_the_top_and_on_every_page() -> None:
    routine = routine_of("cat-cow", "spinal-torsion", "knee-to-chest", "hip-bridge")

    pages, text = text_of(handout_pdf(routine, NOW, "Maria Lopez"))

    assert text.index("For Maria Lopez") < text.index("Safety first")
    assert text.count("for Maria Lopez") == pages


def patient_of(person: PersonRecord) -> dict[str, object]:
    """Return the Patient of a bundle built for the person, after validating the whole bundle."""
    bundle = build_bundle(replace(alice_records(), person=person), NOW)
    Bundle.model_validate(json.loads(json.dumps(bundle)))
    (patient,) = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ]
    Patient.model_validate(patient)
    return patient


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maria Lopez", {"text": "Maria Lopez", "family": "Lopez", "given": ["Maria"]}),
        (
            "Ana María Lopez",
            {"text": "Ana María Lopez", "family": "Lopez", "given": ["Ana", "María"]},
        ),
        ("Cher", {"text": "Cher"}),
    ],
)
def test_the_fhir_patient_carries_the_name_split_at_the_last_space(
    name: str, expected: dict[str, object]
) -> None:
    patient = patient_of(replace(MARIA, name=name))

    assert patient["name"] == [expected]
    assert patient["birthDate"] == "1961"


def test_a_patient_without_a_name_or_birth_year_has_neither() -> None:
    patient = patient_of(UNNAMED)

    assert "name" not in patient and "birthDate" not in patient
