"""A patient's file from the clinic's API: the FHIR bundle and the PDF report, for staff only."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.reports.fhir_checks import resources, validated
from tests.reports.pages import render_pages
from tests.web.test_api_clinic import PROGRAMME, _client, _signed_in, clinic_app  # noqa: F401
from tests.web.test_clinic_isolation import _enrolled


@dataclass(frozen=True)
class File:
    """Maria's id, her phone, and two clinicians: Tom (hers) and Lena (another clinic's)."""

    maria: int
    phone: TestClient
    tom: TestClient
    lena: TestClient


@pytest.fixture
def file(clinic_app: TestClient) -> File:  # noqa: F811 (imported fixture)
    """Maria Lopez with two programme versions, a screening, pain scores and a PSFS entry."""
    tom = _signed_in(clinic_app, "tom@backcare.example")
    amira = _signed_in(clinic_app, "amira@backcare.example")
    phone, maria = _enrolled(clinic_app, tom, "Maria Lopez")  # she answers the screen on it
    tom.put(f"/api/clinic/patients/{maria}/programme", json=PROGRAMME).raise_for_status()
    knee = {"exercise": "knee-to-chest", "repetitions": 3, "hold_seconds": 30}
    changed = {**PROGRAMME, "exercises": [knee], "note": ""}
    amira.put(f"/api/clinic/patients/{maria}/programme", json=changed).raise_for_status()
    for score, note in ((6, "stiff after the drive"), (4, "better after stretching")):
        phone.post("/api/pain", json={"score": score, "note": note}).raise_for_status()
    ratings = [{"activity": "putting on socks", "score": 3}]
    phone.post("/api/function", json={"ratings": ratings}).raise_for_status()
    return File(maria, phone, tom, _signed_in(clinic_app, "lena@riverside.example"))


def test_the_clinician_downloads_the_patients_fhir_bundle(file: File) -> None:
    answer = file.tom.get(f"/api/clinic/patients/{file.maria}/fhir")

    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/fhir+json")
    assert answer.headers["content-disposition"].startswith("attachment;")
    bundle = answer.json()
    validated(bundle)
    first, second = resources(bundle, "ServiceRequest")
    assert (first["status"], second["status"]) == ("revoked", "active")
    assert second["code"]["coding"][0]["code"] == "229065009"
    urls = {e["resource"]["id"]: e["fullUrl"] for e in bundle["entry"]}
    assert second["replaces"] == [{"reference": urls[first["id"]]}]
    assert first["requester"]["display"] == "Tom Okafor"
    assert second["requester"]["display"] == "Amira Haddad"
    assert first["patientInstruction"] == PROGRAMME["note"]
    assert [o["valueInteger"] for o in resources(bundle, "Observation")] == [6, 4]
    responses = {
        r["questionnaire"].split("|")[0] for r in resources(bundle, "QuestionnaireResponse")
    }
    assert responses == {
        "urn:spinecoach:questionnaire:red-flag-screen",
        "urn:spinecoach:questionnaire:psfs",
    }
    (patient,) = resources(bundle, "Patient")
    assert patient["name"][0]["text"] == "Maria Lopez"


def test_the_clinician_downloads_the_report_the_patient_downloads(
    file: File, tmp_path: Path
) -> None:
    answer = file.tom.get(f"/api/clinic/patients/{file.maria}/report.pdf")
    own = file.phone.get("/api/report", headers={"origin": "http://testserver"})

    assert answer.status_code == own.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    text = _pdf_text(answer.content, tmp_path / "clinic.pdf")
    assert "Maria Lopez" in text
    assert "putting on socks" in text
    assert text == _pdf_text(own.content, tmp_path / "own.pdf")
    assert render_pages(answer.content, tmp_path, "clinic")


def _pdf_text(pdf: bytes, path: Path) -> str:
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode()


@pytest.mark.parametrize("route", ["fhir", "report.pdf"])
def test_another_clinic_gets_404_and_a_stranger_401(file: File, route: str) -> None:
    path = f"/api/clinic/patients/{file.maria}/{route}"

    lena = file.lena.get(path)
    stranger = _client(file.tom).get(path)
    phone = file.phone.get(path)

    assert lena.status_code == 404 and "Maria" not in lena.text
    assert lena.headers["content-type"].startswith("application/json")
    assert stranger.status_code == phone.status_code == 401


def test_both_downloads_are_in_the_api_description(file: File) -> None:
    description = file.tom.get("/openapi.json").json()
    paths = description["paths"]

    fhir = paths["/api/clinic/patients/{patient_id}/fhir"]["get"]
    pdf = paths["/api/clinic/patients/{patient_id}/report.pdf"]["get"]
    schema = fhir["responses"]["200"]["content"]["application/fhir+json"]["schema"]
    assert (
        schema["$ref"].removeprefix("#/components/schemas/") in description["components"]["schemas"]
    )
    assert "application/pdf" in pdf["responses"]["200"]["content"]
    for status in ("401", "404"):  # errors are JSON, whatever the download's type
        assert set(fhir["responses"][status]["content"]) == {"application/json"}
        assert set(pdf["responses"][status]["content"]) == {"application/json"}
