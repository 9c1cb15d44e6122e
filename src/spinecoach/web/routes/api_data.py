"""JSON API: export the records (backup, FHIR, CSV), restore a backup, and a calendar reminder."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from spinecoach.coaching.access import Records
from spinecoach.errors import InvalidInputError
from spinecoach.json_input import MAX_FILE_BYTES, size_words
from spinecoach.web import exports
from spinecoach.web.answers_files import Backup, FhirBundle
from spinecoach.web.answers_records import ImportSummary
from spinecoach.web.body_limit import allow_body_bytes
from spinecoach.web.deps import (
    CatalogDep,
    ClockDep,
    PersonDep,
    RepositoryDep,
    SameSiteOnly,
    forget_person,
    whole_database_at_home,
)
from spinecoach.web.progress import download
from spinecoach.web.reminders import app_links, calendar_file, read_choice
from spinecoach.web.schemas import error_responses

router = APIRouter(
    prefix="/api",
    tags=["your data"],
    dependencies=[SameSiteOnly],
    responses=error_responses(400, 403, 422),
)


def _file(
    media_type: str, description: str, shape: type[BaseModel] | None = None
) -> dict[int | str, dict[str, Any]]:
    """Document a file answer; a JSON one with the shape its body has (under the media type
    of the route's response_class, which is why those set one)."""
    if shape is not None:
        return {200: {"model": shape, "description": description}}
    return {200: {"content": {media_type: {}}, "description": description}}


def _database_url(request: Request) -> str:
    url: str = request.app.state.settings.database_url
    return url


@router.get(
    "/export/backup",
    dependencies=[Depends(whole_database_at_home)],
    summary="Every table as one JSON backup",
    response_class=JSONResponse,
    responses=_file(
        exports.JSON_TYPE, "the backup `spinecoach export --format json` writes", Backup
    ),
)
def export_backup(request: Request, clock: ClockDep) -> Response:
    """Return the backup that POST /api/import (or `spinecoach import`) restores."""
    now = clock.now()
    data = exports.backup_json(_database_url(request), now)
    return download(data, exports.JSON_TYPE, f"spinecoach-backup-{now:%Y-%m-%d}.json")


@router.get(
    "/export/fhir",
    summary="The records as a FHIR R4 Bundle",
    response_class=exports.FhirFile,
    responses=_file(exports.FHIR_TYPE, "a collection Bundle", FhirBundle),
)
def export_fhir(
    repository: RepositoryDep, person: PersonDep, catalog: CatalogDep, clock: ClockDep
) -> Response:
    """Return Patient, CarePlan, pain Observations, screenings, sessions and activity ratings."""
    now = clock.now()
    data = exports.fhir_json(Records(repository, person), catalog, now)
    return download(data, exports.FHIR_TYPE, f"spinecoach-fhir-{now:%Y-%m-%d}.json")


@router.get(
    "/export/tables.zip",
    dependencies=[Depends(whole_database_at_home)],
    summary="One CSV file per table, zipped",
    response_class=Response,
    responses=_file(exports.ZIP_TYPE, "CSV files read from one moment of the database"),
)
def export_tables(request: Request, clock: ClockDep) -> Response:
    """Return the CSV files of `spinecoach export --format csv` in one zip."""
    data = exports.tables_zip(_database_url(request))
    return download(data, exports.ZIP_TYPE, f"spinecoach-tables-{clock.now():%Y-%m-%d}.zip")


@router.post(
    "/import",
    dependencies=[Depends(whole_database_at_home)],
    summary="Restore a backup, adding only what is missing",
    responses=error_responses(409, 413),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}}},
            "description": (
                "A backup from GET /api/export/backup or `spinecoach export`, at most "
                f"{size_words(MAX_FILE_BYTES)}."
            ),
        }
    },
)
async def import_backup(
    request: Request, catalog: CatalogDep, repository: RepositoryDep
) -> ImportSummary:
    """Add a backup's missing rows in one transaction; a damaged, foreign or newer file changes
    nothing (400), nor does one whose rows differ from those stored (409)."""
    # The one API body larger than the app's 64 KB; still counted and refused (413) past this.
    allow_body_bytes(request, MAX_FILE_BYTES)
    data = await request.body()
    try:
        summary = await run_in_threadpool(
            exports.restore_json, repository, data, "the request body", catalog
        )
    finally:
        forget_person(request)  # a backup's person may have taken the first-use profile's place
    return ImportSummary(inserted=dict(summary.inserted), skipped=dict(summary.skipped))


@router.get(
    "/reminder",
    summary="A weekly stretching reminder as an iCalendar file",
    response_class=Response,
    responses=_file(exports.CALENDAR_TYPE, "one weekly event with an alarm (RFC 5545)"),
)
def get_reminder(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
    days: Annotated[str, Query(max_length=40, description="Weekdays, e.g. mon,wed,fri.")],
    time: Annotated[str, Query(max_length=5, description="Time of day, 24-hour HH:MM.")],
    minutes: Annotated[int | None, Query(ge=1, le=120, description="Minutes you have.")] = None,
) -> Response:
    """Return the .ics `spinecoach remind` writes for the same days, time and minutes."""
    choice, errors = read_choice(days.split(","), time, "" if minutes is None else str(minutes))
    if choice is None:
        raise InvalidInputError(
            "; ".join(f"{field}: {message}" for field, message in errors.items())
        )
    data = calendar_file(Records(repository, person), catalog, clock, choice, app_links(request))
    return download(data, exports.CALENDAR_TYPE, "spinecoach-reminder.ics")
