"""The person's records as files to download, and a backup read back: shared by pages and API."""

import io
import json
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import cast

from starlette.responses import JSONResponse

from spinecoach.catalog.loader import Catalog
from spinecoach.coaching.access import Records
from spinecoach.coaching.exchange import (
    backup,
    fhir_bundle,
    restore_into,
    spreadsheet_files,
)
from spinecoach.json_input import parse_json
from spinecoach.records import JsonValue
from spinecoach.store.backup import RestoreSummary
from spinecoach.store.repository import Repository

JSON_TYPE = "application/json"
FHIR_TYPE = "application/fhir+json"
ZIP_TYPE = "application/zip"
CALENDAR_TYPE = "text/calendar"


class FhirFile(JSONResponse):
    """A download of FHIR JSON; named so OpenAPI files its schema under this media type."""

    media_type = FHIR_TYPE


def backup_json(database_url: str, now: datetime) -> bytes:
    """Return every table as the JSON backup `spinecoach export --format json` writes."""
    return json.dumps(backup(database_url, now), ensure_ascii=False).encode()


def fhir_json(records: Records, catalog: Catalog, now: datetime) -> bytes:
    """Return the FHIR R4 Bundle `spinecoach export --format fhir` writes."""
    return bundle_json(fhir_bundle(records, catalog, now))


def bundle_json(bundle: dict[str, JsonValue]) -> bytes:
    """Return a FHIR Bundle as the JSON file every FHIR download is: indented, UTF-8."""
    return json.dumps(bundle, indent=2, ensure_ascii=False).encode()


def tables_zip(database_url: str) -> bytes:
    """Return the CSV files of `spinecoach export --format csv`, one per table, in one zip.

    One zip rather than a link per table: every file comes from the same read of the database,
    so the tables agree with each other, and a person saves one file instead of eight.
    """
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="spinecoach-csv-") as folder:
        written = spreadsheet_files(database_url, Path(folder))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, f"spinecoach-tables/{path.name}")
    return buffer.getvalue()


def restore_json(
    repository: Repository, data: bytes, source: str, catalog: Catalog
) -> RestoreSummary:
    """Restore a backup file's bytes as `spinecoach import` does, through the server's writer."""
    # The shared reader returns object; what json.loads builds is always a JSON value.
    document = cast("JsonValue", parse_json(data, source))
    return restore_into(repository, document, source, catalog)
