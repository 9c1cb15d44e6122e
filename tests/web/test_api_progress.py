"""The progress and data API on SQLite and PostgreSQL: trends, charts, report, export, import."""

import io
import zipfile

import pytest
from starlette.testclient import TestClient

from tests.web.api_helpers import answers, assert_error
from tests.web.progress_helpers import pdf_text

# The desk break's one stretch, done: a session with nothing done would not count.
DONE = {
    "position": 0,
    "exercise": "seated-back-twist",
    "repetitions_done": 5,
    "hold_seconds": 50,
    "skipped": False,
    "idempotency_key": "one-session-0",
}


@pytest.fixture
def one_session(api: TestClient) -> TestClient:
    """A screened person with one finished session, pain 5 before and 3 after."""
    api.post("/api/screening", json={"answers": answers()})
    started = api.post("/api/sessions", json={"routine": "desk-break", "pain_before": 5})
    session = started.json()["session"]["id"]
    api.post(f"/api/sessions/{session}/results", json=DONE)
    api.post(f"/api/sessions/{session}/finish", json={"reason": "finished", "pain_after": 3})
    return api


def test_trends_with_too_little_data_say_so(one_session: TestClient) -> None:
    trends = one_session.get("/api/trends").json()

    assert trends["verdict"]["kind"] == "too-early"
    assert trends["verdict"]["basis"].startswith("fewer than 6 before-session or diary scores")
    assert trends["adherence"]["sessions"] == 1
    assert trends["per_session_change"] == -2


def test_a_bad_since_or_chart_is_a_422_with_the_field_named(api: TestClient) -> None:
    since = assert_error(api.get("/api/trends", params={"since": "last week"}), 422)
    timestamp = assert_error(api.get("/api/report", params={"since": "0"}), 422)
    no_such_day = assert_error(api.get("/api/trends", params={"since": "2026-02-30"}), 400)
    chart = assert_error(api.get("/api/charts/bars.svg"), 422)

    assert since[0]["loc"] == ["query", "since"]
    assert timestamp[0]["loc"] == ["query", "since"]
    assert no_such_day == "'2026-02-30' is not a date; give it as year-month-day, e.g. 2026-11-01"
    assert chart[0]["loc"] == ["path", "kind"]


def test_the_report_is_a_pdf_with_the_sessions_counted(one_session: TestClient) -> None:
    response = one_session.get("/api/report")

    pages, text = pdf_text(response.content)
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert 1 <= pages <= 2
    assert "1 in the period" in text


def test_a_backup_imported_again_adds_nothing(one_session: TestClient) -> None:
    backup = one_session.get("/api/export/backup")

    again = one_session.post("/api/import", content=backup.content)

    assert backup.headers["content-type"].startswith("application/json")
    assert sum(again.json()["inserted"].values()) == 0
    assert again.json()["skipped"]["sessions"] == 1
    assert again.json()["skipped"]["pain_entries"] == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the request body: not valid JSON"),
        (b"[1, 2]", "the request body: not a spinecoach backup"),
        (b'{"format": "spinecoach-backup", "format": "x"}', "given more than once"),
    ],
)
def test_import_refuses_what_is_not_a_backup(api: TestClient, body: bytes, message: str) -> None:
    detail = assert_error(api.post("/api/import", content=body), 400)

    assert message in detail
    assert api.get("/api/history").json()["sessions"] == []


def test_the_spreadsheet_zip_holds_one_csv_per_table(one_session: TestClient) -> None:
    response = one_session.get("/api/export/tables.zip")

    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        sessions = archive.read("spinecoach-tables/sessions.csv").decode("utf-8-sig")
    assert {"spinecoach-tables/sessions.csv", "spinecoach-tables/pain_entries.csv"} <= names
    assert len(sessions.strip().splitlines()) == 2  # the header and the one session


def test_the_fhir_export_is_a_bundle(one_session: TestClient) -> None:
    response = one_session.get("/api/export/fhir")

    assert response.headers["content-type"].startswith("application/fhir+json")
    assert response.json()["resourceType"] == "Bundle"
