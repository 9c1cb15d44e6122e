"""Your data in Chromium: a backup downloaded and restored elsewhere, refused files, FHIR, CSV."""

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from fhir.resources.R4B.bundle import Bundle
from playwright.sync_api import Page, expect

from tests.cli.conftest import rows
from tests.web.conftest import start_server
from tests.web.progress_helpers import client_on_filled, filled_db, filled_server

__all__ = ["client_on_filled", "filled_db", "filled_server"]  # fixtures used by name
TABLES = ("sessions", "pain_entries", "exercise_results", "screenings", "psfs_entries")


@pytest.fixture
def empty_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A second app on a new, empty database, as on a new computer; yields URL and file."""
    db = tmp_path / "new-computer.db"
    server = start_server(str(db), tmp_path / "empty.log")
    try:
        yield server.url, db
    finally:
        server.stop()


def download(page: Page, link: str, folder: Path) -> Path:
    """Click a download link and return the saved file."""
    with page.expect_download() as waiting:
        page.get_by_role("link", name=link).click()
    saved = folder / waiting.value.suggested_filename
    waiting.value.save_as(saved)
    return saved


def table_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Return every row of the tables a person fills, read straight from the file."""
    return {table: rows(db, f"select * from {table} order by 1") for table in TABLES}


def restore(page: Page, url: str, file: Path) -> None:
    """Upload a backup on the data page."""
    page.goto(url + "/data")
    page.get_by_label("Backup file (.json)").set_input_files(file)
    page.get_by_role("button", name="Restore").click()


def test_a_backup_downloaded_here_restores_everything_on_a_new_computer(
    page: Page,
    filled_server: str,
    filled_db: Path,
    empty_server: tuple[str, Path],
    tmp_path: Path,
) -> None:
    page.goto(filled_server + "/data")
    backup = download(page, "Backup (JSON)", tmp_path)
    new_url, new_db = empty_server

    page.goto(new_url + "/")  # the first visit on the new computer
    page.get_by_role("link", name="Restore your backup first").click()
    page.get_by_label("Backup file (.json)").set_input_files(backup)
    page.get_by_role("button", name="Restore").click()
    first = page.get_by_role("status").text_content() or ""
    restore(page, new_url, backup)

    assert backup.name.startswith("spinecoach-backup-") and backup.suffix == ".json"
    assert first.startswith("Restored ") and "sessions 12" in first
    expect(page.get_by_role("status")).to_contain_text("Restored 0 rows (none new)")
    assert table_rows(new_db) == table_rows(filled_db)
    page.goto(new_url + "/history")
    expect(page.locator("section[aria-labelledby=verdict-heading]")).to_contain_text(
        "Meaningful improvement."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "spinecoach-backup", "format_version": 1, "tables": ', "not valid JSON"),
        (b'{"resourceType": "Bundle"}', "not a spinecoach backup"),
        (
            b'{"format": "spinecoach-backup", "format_version": 99, "tables": {}}',
            "format_version: 99 is newer than 1; update spinecoach",
        ),
        (b"\xff\xfe not text", "not UTF-8 text"),
    ],
)
def test_a_damaged_foreign_or_newer_file_is_refused_and_nothing_changes(
    page: Page,
    filled_server: str,
    filled_db: Path,
    tmp_path: Path,
    content: bytes,
    message: str,
) -> None:
    before = table_rows(filled_db)
    file = tmp_path / "backup.json"
    file.write_bytes(content)

    restore(page, filled_server, file)

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was restored.")
    expect(alert).to_contain_text(f"backup.json: {message}")
    assert table_rows(filled_db) == before


@pytest.mark.parametrize(
    ("table", "column", "value", "status", "message"),
    [
        (
            "sessions",
            "routine_id",
            "morning-floor",
            409,
            "the session with id 1 is not the same as the one already in this database; "
            "nothing was restored",
        ),
        (
            "exercise_results",
            "exercise_id",
            "no-such-exercise",
            400,
            "the exercise result with id 1: unknown exercise",
        ),
    ],
    ids=["differs", "unknown exercise"],
)
def test_a_backup_with_one_wrong_row_is_refused_whole(
    filled_db: Path,
    client_on_filled: httpx.Client,
    table: str,
    column: str,
    value: str,
    status: int,
    message: str,
) -> None:
    backup = client_on_filled.get("/data/backup.json").json()
    data = backup["tables"][table]
    data["rows"][0][data["columns"].index(column)] = value
    before = table_rows(filled_db)

    page = client_on_filled.post(
        "/data/restore", files={"backup": ("changed.json", json.dumps(backup).encode())}
    )
    api = client_on_filled.post("/api/import", content=json.dumps(backup).encode())

    assert page.status_code == status
    assert f"changed.json: {message}" in page.text
    assert api.status_code == status
    assert f"the request body: {message}" in api.json()["detail"]
    assert table_rows(filled_db) == before


def test_the_fhir_bundle_and_the_spreadsheet_files_download(
    page: Page, filled_server: str, filled_db: Path, tmp_path: Path
) -> None:
    page.goto(filled_server + "/data")

    bundle_file = download(page, "Health record (FHIR R4)", tmp_path)
    tables_file = download(page, "Spreadsheet files (CSV, zipped)", tmp_path)

    bundle = Bundle.model_validate_json(bundle_file.read_bytes())
    pain_observations = [
        entry.resource
        for entry in bundle.entry or []
        if entry.resource.get_resource_type() == "Observation"
        and any(c.code == "72514-3" for c in entry.resource.code.coding or [])
    ]
    pain_count = rows(filled_db, "select count(*) from pain_entries")[0][0]
    assert len(pain_observations) == pain_count
    with zipfile.ZipFile(tables_file) as archive:
        names = sorted(archive.namelist())
        sessions_csv = archive.read("spinecoach-tables/sessions.csv").decode("utf-8-sig")
    assert "spinecoach-tables/pain_entries.csv" in names
    session_rows = list(csv.DictReader(io.StringIO(sessions_csv)))
    assert len(session_rows) == rows(filled_db, "select count(*) from sessions")[0][0]


def test_the_data_page_can_be_used_by_keyboard_alone(page: Page, web_server: str) -> None:
    page.goto(web_server + "/data")

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Backup (JSON)":
            break
    with page.expect_download() as waiting:
        page.keyboard.press("Enter")

    assert json.loads(Path(waiting.value.path()).read_text())["format"] == "spinecoach-backup"
