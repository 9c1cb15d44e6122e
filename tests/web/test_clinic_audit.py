"""The clinic's audit trail: one event per staff access to a patient's records, never changed."""

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy
from starlette.testclient import TestClient

from spinecoach.store.database import open_database
from tests.web.api_helpers import assert_error
from tests.web.clinic_helpers import PROGRAMME, Clinics, app_routes, clinics

SAME_SITE = {"sec-fetch-site": "same-origin"}


@pytest.fixture
def world(database_url: str) -> Iterator[Clinics]:
    """Back Care Clinic and Riverside Physio on a new database (SQLite and PostgreSQL)."""
    with clinics(database_url) as made:
        made.database_url = database_url  # type: ignore[attr-defined]
        yield made


def _events(admin: TestClient, **query: Any) -> list[dict[str, Any]]:
    answer = admin.get("/api/clinic/audit", params=query)
    assert answer.status_code == 200, answer.text
    events: list[dict[str, Any]] = answer.json()["events"]
    return events


def _patient_routes(app: TestClient) -> list[tuple[str, str]]:
    """Return (method, path template) of every route about one patient."""
    return [(method, path) for method, path in app_routes(app) if "{patient_id}" in path]


def test_every_route_about_a_patient_writes_one_event(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    amira = world.signed_in("amira@backcare.example")
    maria, phone = world.enrolled(tom, "Maria Lopez")
    phone.post("/api/pain", json={"score": 9}).raise_for_status()
    detail = tom.get(f"/api/clinic/patients/{maria}").json()
    ids = {
        "patient_id": str(maria),
        "alert_id": str(detail["alerts"][0]["id"]),
        "device_id": str(detail["devices"][0]["id"]),
        "link_id": str(detail["enrolment_links"][0]["id"]),
    }
    routes = _patient_routes(world.app)
    assert len(routes) >= 12  # API and pages: read, prescribe, links, devices, alerts, ...

    for method, template in routes:
        before = _events(amira, limit=1)[0]["id"]
        path = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], template)
        body = {"json": PROGRAMME} if template.endswith("/programme") and method == "PUT" else {}
        if method != "GET" and not body:
            body = {"json": {}} if template.startswith("/api/") else {"data": {}}
        answer = tom.request(method, path, headers=SAME_SITE, follow_redirects=False, **body)
        assert answer.status_code < 500, (method, path, answer.text)

        new = [event for event in _events(amira) if event["id"] > before]
        assert len(new) == 1, (method, template, new)
        assert new[0]["request"] == f"{method} {template}"
        assert new[0]["action"] == ("read" if method == "GET" else "change")
        assert (new[0]["patient_id"], new[0]["patient_name"]) == (maria, "Maria Lopez")
        assert new[0]["staff_name"] == "Tom Okafor"
        assert new[0]["client_address"] == "testclient"


def test_the_patient_list_and_adding_a_patient_are_in_the_trail(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    amira = world.signed_in("amira@backcare.example")

    tom.get("/api/clinic/patients")
    tom.get("/clinic")
    added = tom.post("/api/clinic/patients", json={"name": "Ana Silva"}).json()["id"]
    tom.post(
        "/clinic/patients", data={"name": "Nora Quinn"}, headers=SAME_SITE, follow_redirects=False
    )

    events = [(e["action"], e["request"], e["patient_name"]) for e in _events(amira)][:4]
    assert events[::-1] == [
        ("read", "GET /api/clinic/patients", None),
        ("read", "GET /clinic", None),
        ("change", "POST /api/clinic/patients", "Ana Silva"),
        ("change", "POST /clinic/patients", "Nora Quinn"),
    ]
    assert added > 0


def test_only_the_administrator_reads_the_trail_and_pages_go_back_in_time(
    world: Clinics,
) -> None:
    tom = world.signed_in("tom@backcare.example")
    amira = world.signed_in("amira@backcare.example")
    lena = world.signed_in("lena@riverside.example")
    for _ in range(7):
        tom.get("/api/clinic/patients")

    assert "administrator" in assert_error(tom.get("/api/clinic/audit"), 403)
    assert_error(tom.get("/api/clinic/audit.csv"), 403)
    assert tom.get("/clinic/audit").status_code == 403
    seen: list[int] = []
    before = None
    while True:
        answer = amira.get(
            "/api/clinic/audit", params={"limit": 3, "before": before} if before else {"limit": 3}
        ).json()
        seen += [event["id"] for event in answer["events"]]
        before = answer["next_before"]
        if before is None:
            break
    assert len(seen) == len(set(seen)) == 7 and seen == sorted(seen, reverse=True)
    assert _events(lena) == []  # another clinic's trail holds nothing of Back Care's
    assert_error(amira.get("/api/clinic/audit?limit=0"), 422)
    page = amira.get("/clinic/audit")
    assert page.status_code == 200 and page.text.count("GET /api/clinic/patients") == 7


def test_the_csv_holds_the_whole_trail_and_no_spreadsheet_formula(world: Clinics) -> None:
    tom = world.signed_in("tom@backcare.example")
    amira = world.signed_in("amira@backcare.example")
    tom.post("/api/clinic/patients", json={"name": "=HYPERLINK(1)"}).raise_for_status()
    tom.get("/api/clinic/patients")

    answer = amira.get("/api/clinic/audit.csv")

    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [row["request"] for row in rows] == [
        "GET /api/clinic/patients",
        "POST /api/clinic/patients",
    ]
    assert rows[1]["patient_name"] == "'=HYPERLINK(1)"
    assert rows[0]["staff_name"] == "Tom Okafor" and rows[0]["patient_name"] == ""


def test_the_database_refuses_to_change_or_delete_an_event(world: Clinics) -> None:
    world.signed_in("tom@backcare.example").get("/api/clinic/patients")
    engine = open_database(world.database_url)  # type: ignore[attr-defined]
    try:
        for statement in ("UPDATE audit_events SET action = 'read'", "DELETE FROM audit_events"):
            refused = pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only")
            with refused, engine.begin() as connection:
                connection.execute(sqlalchemy.text(statement))
        with engine.connect() as connection:
            count = connection.execute(sqlalchemy.text("SELECT count(*) FROM audit_events"))
            assert count.scalar_one() == 1
    finally:
        engine.dispose()
