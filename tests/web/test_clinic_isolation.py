"""Every route of the app, tried as each kind of visitor in clinic mode: each gets only its own.

Maria (Back Care Clinic) has an enrolled phone, a session with a result, and a pain note only
she and her clinic may read. Five visitors try every route with her ids in the address: no one
(a fresh browser), Maria's phone, Tom (her clinician, staff cookie only), Lena (another
clinic's clinician) and Jon's phone (another clinic's patient). Ids in addresses are never
enough: what matters is who asks.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from starlette.testclient import TestClient

from tests.web.api_helpers import answers
from tests.web.clinic_helpers import app_routes
from tests.web.test_api_clinic import _client, _signed_in, clinic_app  # noqa: F401

MARKS = ("Maria Ruiz", "NOTE-ONLY-FOR-MARIA")
# Content anyone may read: the stretches, their figures and spoken cues, the safety questions
# (asked before anything is stored), the API's own description, the welcome and safety pages,
# and the doors in (sign-in, the link's page).
PUBLIC = re.compile(
    r"^(/api/catalog|/api/exercises/|/api/plan|/api/timeline|/api/form/|/api/speech|"
    r"/api/player/figure/|/openapi\.json|/docs|/about|/offline|/exercises|/figures/|/sw\.js|"
    r"/welcome|/api/screening$|/screening$|/enrol/|/api/clinic/login|/clinic$|/clinic/sign-in)"
)
# Signing out is tried in the sign-in tests; here it would end the visitors' own sign-ins.
SIGNING_OUT = {"/api/clinic/logout", "/clinic/sign-out"}
STAFF = re.compile(r"^(/api/clinic/|/clinic(/|$))")
SAME_SITE = {"origin": "http://testserver"}


@dataclass(frozen=True)
class Visitors:
    """Maria's ids and the five visitors."""

    ids: dict[str, str]
    nobody: TestClient
    maria: TestClient
    tom: TestClient
    lena: TestClient
    jon: TestClient


def _enrolled(app_client: TestClient, staff: TestClient, name: str) -> tuple[TestClient, int]:
    patient = staff.post("/api/clinic/patients", json={"name": name}).json()["id"]
    link = staff.post(f"/api/clinic/patients/{patient}/enrolment").json()["url"]
    phone = _client(app_client)
    phone.post(link.removeprefix("http://testserver"), headers=SAME_SITE)
    phone.post("/api/screening", json={"answers": answers()}).raise_for_status()
    return phone, patient


@pytest.fixture
def visitors(clinic_app: TestClient) -> Iterator[Visitors]:  # noqa: F811 (imported fixture)
    """Maria's records in Back Care Clinic, and the five visitors."""
    tom = _signed_in(clinic_app, "tom@backcare.example")
    lena = _signed_in(clinic_app, "lena@riverside.example")
    maria, maria_id = _enrolled(clinic_app, tom, "Maria Ruiz")
    jon, _ = _enrolled(clinic_app, lena, "Jon Park")
    started = maria.post("/api/sessions", json={"routine": "all-six", "pain_before": 3}).json()
    session = started["session"]["id"]
    first = started["timeline"]["routine"]["exercises"][0]["exercise"]
    result = {"position": 0, "exercise": first, "repetitions_done": 1, "hold_seconds": 0,
              "skipped": False, "idempotency_key": "maria-0"}  # fmt: skip
    maria.post(f"/api/sessions/{session}/results", json=result).raise_for_status()
    maria.post("/api/pain", json={"score": 4, "note": "NOTE-ONLY-FOR-MARIA"}).raise_for_status()
    maria.post("/api/pain", json={"score": 8}).raise_for_status()  # an alert to acknowledge
    detail = tom.get(f"/api/clinic/patients/{maria_id}").json()
    ids = {
        "session_id": str(session),
        "patient_id": str(maria_id),
        "device_id": str(detail["devices"][0]["id"]),
        "link_id": str(detail["enrolment_links"][0]["id"]),
        "alert_id": str(detail["alerts"][0]["id"]),
        "staff_id": str(tom.get("/api/clinic/me").json()["id"]),
        "exercise_id": "cat-cow",
        "exercise": "cat-cow",
        "kind": "pain",
        "token": "not-a-link-anyone-was-given",
    }
    yield Visitors(ids, _client(clinic_app), maria, tom, lena, jon)


def _ask(
    client: TestClient, method: str, template: str, ids: dict[str, str]
) -> tuple[str, int, str]:
    path = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], template)
    answer = client.request(
        method, path, json={} if method != "GET" else None, headers=SAME_SITE,
        follow_redirects=False,
    )  # fmt: skip
    return path, answer.status_code, answer.text


def test_each_visitor_gets_exactly_what_is_theirs_on_every_route(visitors: Visitors) -> None:
    routes = app_routes(visitors.nobody)
    assert len(routes) > 80  # the walk found the app's routes, not a handful
    problems: list[str] = []
    for method, template in routes:
        if template in SIGNING_OUT:
            continue
        public, staff = bool(PUBLIC.match(template)), bool(STAFF.match(template))
        for who, client in (("nobody", visitors.nobody), ("Lena", visitors.lena),
                            ("Jon's phone", visitors.jon), ("Tom", visitors.tom)):  # fmt: skip
            path, status, body = _ask(client, method, template, visitors.ids)
            where = f"{who}: {method} {path} -> {status}"
            if status >= 500:
                problems.append(f"{where} (a server error)")
            if who != "Tom" and any(mark in body for mark in MARKS):
                problems.append(f"{where} shows Maria's records")
            if who == "Tom" and not staff and any(mark in body for mark in MARKS):
                problems.append(f"{where}: a staff cookie opened a patient's route")
            if public:
                continue
            if staff and who in ("nobody", "Jon's phone") and status not in (401, 303):
                problems.append(f"{where}: staff route without a staff sign-in")
            theirs = "{patient_id}" in template or "{staff_id}" in template
            if staff and who == "Lena" and theirs and status != 404:
                problems.append(f"{where}: another clinic reached Back Care's records")
            if not staff and who in ("nobody", "Lena", "Tom") and status != 401:
                problems.append(f"{where}: a patient's route without an enrolled device")
            if not staff and who == "Jon's phone" and "{session_id}" in template and (status < 400):
                problems.append(f"{where}: another patient's session")
    assert problems == [], "\n".join(problems)


def test_marias_phone_reads_her_own_records(visitors: Visitors) -> None:
    history = visitors.maria.get("/api/history")
    jons = visitors.jon.get("/api/history")

    assert history.status_code == jons.status_code == 200
    assert "NOTE-ONLY-FOR-MARIA" in history.text
    assert visitors.maria.get("/api/profile").json()["name"] == "Maria Ruiz"
    assert visitors.jon.get("/api/profile").json()["name"] == "Jon Park"
