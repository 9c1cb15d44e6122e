"""The "your data" page: download a backup, a FHIR bundle or spreadsheet files; restore a backup."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from spinecoach.coaching.access import Records
from spinecoach.coaching.exchange import restored_sentence
from spinecoach.errors import SpinecoachError
from spinecoach.json_input import MAX_FILE_BYTES, size_words
from spinecoach.web import exports
from spinecoach.web.body_limit import BodyTooLarge, allow_body_bytes
from spinecoach.web.deps import (
    CatalogDep,
    ClockDep,
    PatientOnly,
    PersonDep,
    RepositoryDep,
    SameSiteOnly,
    forget_person,
    whole_database_at_home,
)
from spinecoach.web.errors import status_for
from spinecoach.web.progress import download
from spinecoach.web.templating import render

AtHome = Depends(whole_database_at_home)
router = APIRouter(include_in_schema=False)

# The form's own fields and boundaries, on top of the largest backup file.
FORM_ALLOWANCE = 64 * 1024


def _database_url(request: Request) -> str:
    url: str = request.app.state.settings.database_url
    return url


def _page(request: Request, done: str | None, problem: str | None, status: int) -> Response:
    context = {"nav": "history", "done": done, "problem": problem}
    return render(request, "data.html", context, status_code=status)


@router.get("/data", response_class=HTMLResponse, dependencies=[PatientOnly])
def data_page(request: Request) -> Response:
    """Offer the downloads and the restore form."""
    return _page(request, None, None, 200)


@router.get("/data/backup.json", dependencies=[SameSiteOnly, AtHome])
def backup_file(request: Request, clock: ClockDep) -> Response:
    """Download every table as the JSON backup `spinecoach export` writes."""
    now = clock.now()
    data = exports.backup_json(_database_url(request), now)
    return download(data, exports.JSON_TYPE, f"spinecoach-backup-{now:%Y-%m-%d}.json")


@router.get("/data/fhir.json", dependencies=[SameSiteOnly])
def fhir_file(
    repository: RepositoryDep, person: PersonDep, catalog: CatalogDep, clock: ClockDep
) -> Response:
    """Download the records as a FHIR R4 Bundle, for a health record system."""
    now = clock.now()
    data = exports.fhir_json(Records(repository, person), catalog, now)
    return download(data, exports.FHIR_TYPE, f"spinecoach-fhir-{now:%Y-%m-%d}.json")


@router.get("/data/tables.zip", dependencies=[SameSiteOnly, AtHome])
def tables_file(request: Request, clock: ClockDep) -> Response:
    """Download one CSV file per table, zipped, for a spreadsheet."""
    data = exports.tables_zip(_database_url(request))
    return download(data, exports.ZIP_TYPE, f"spinecoach-tables-{clock.now():%Y-%m-%d}.zip")


@router.post("/data/restore", response_class=HTMLResponse, dependencies=[AtHome])
async def restore_file(
    request: Request, catalog: CatalogDep, repository: RepositoryDep
) -> Response:
    """Restore an uploaded backup, adding only what is missing, or say why nothing changed."""
    allow_body_bytes(request, MAX_FILE_BYTES + FORM_ALLOWANCE)
    try:
        # Closed on leaving: the upload's temporary file is not left for the garbage collector.
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("backup")
            if not isinstance(upload, UploadFile) or not upload.filename:
                return _page(request, None, "Choose a backup file (.json) first.", 422)
            data = await upload.read(MAX_FILE_BYTES + 1)
            source = upload.filename[:100]
    except BodyTooLarge:
        problem = f"That file is larger than {size_words(MAX_FILE_BYTES)}, more than any backup."
        return _page(request, None, f"{problem} Nothing changed.", 413)
    try:
        summary = await run_in_threadpool(exports.restore_json, repository, data, source, catalog)
    except SpinecoachError as error:
        return _page(request, None, error.user_message, status_for(error))
    finally:
        forget_person(request)  # a backup's person may have taken the first-use profile's place
    return _page(request, restored_sentence(summary), None, 200)
