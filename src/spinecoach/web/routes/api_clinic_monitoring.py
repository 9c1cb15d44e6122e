"""JSON API of the clinic's monitoring: the sorted patient list, alert acknowledgements, audit.

Every route needs a signed-in staff member and works in their clinic only; the audit trail
is for the clinic's administrator. In personal mode these routes answer 404.
"""

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import StreamingResponse

from spinecoach.clinic.dashboard import MAX_PAGE_SIZE, PAGE_SIZE, DashboardFilter, dashboard
from spinecoach.clinic_records import AlertKind
from spinecoach.web.clinic_access import (
    AdminDep,
    PatientDep,
    StaffDep,
    audit,
    clinic_router,
    serving,
)
from spinecoach.web.clinic_answers import alert_json, audit_json, line_json
from spinecoach.web.clinic_schemas import (
    Acknowledgement,
    AlertAnswer,
    AuditPageAnswer,
    ItemId,
    PatientListAnswer,
)
from spinecoach.web.deps import ClockDep, RepositoryDep
from spinecoach.web.progress import verdicts
from spinecoach.web.schemas import error_responses

router = clinic_router()
AUDIT_PAGE = 100
MAX_AUDIT_PAGE = 1000
Whole = Annotated[int, Query(ge=1, le=2_147_483_647)]


@router.get(
    "/patients",
    summary="The clinic's patients, who needs attention first",
    response_model=PatientListAnswer,
    responses=error_responses(422),
)
def patients(
    request: Request,
    staff: StaffDep,
    clock: ClockDep,
    repository: RepositoryDep,
    search: Annotated[str, Query(max_length=200, description="Part of a name.")] = "",
    alert: Annotated[
        AlertKind | None, Query(description="Only patients with this alert open.")
    ] = None,
    clinician: Annotated[
        int | None, Query(ge=1, description="Only patients whose programme this staff id wrote.")
    ] = None,
    page: Whole = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE,
) -> dict[str, Any]:
    """Return a page of patients with their figures and open alerts: critical alerts first,
    the longest waiting first within a severity, then everyone else by name."""
    audit(request, staff, None)
    store = serving(request)
    found = dashboard(
        store.clinic_roster(staff.clinic_id),
        store.clinic_alerts(staff.clinic_id),
        clock.now(),
        DashboardFilter(search.strip(), alert, clinician),
        verdicts(repository, clock),
        page,
        per_page,
    )
    return {
        "patients": [line_json(line) for line in found.lines],
        "total": found.total,
        "page": found.page,
        "per_page": found.per_page,
        "pages": found.pages,
    }


@router.post(
    "/patients/{patient_id}/alerts/{alert_id}/acknowledgement",
    summary="Acknowledge an alert",
    response_model=AlertAnswer,
    responses=error_responses(409, 422),
)
def acknowledge(
    request: Request,
    patient: PatientDep,
    alert_id: ItemId,
    body: Acknowledgement,
    staff: StaffDep,
    clock: ClockDep,
) -> dict[str, Any]:
    """Mark the alert as seen, with an optional note (kept with who and when); 409 if it was."""
    alerts = serving(request).clinic_alerts(staff.clinic_id)
    return alert_json(alerts.acknowledge(patient.id, alert_id, staff.id, body.note, clock.now()))


@router.get(
    "/audit",
    summary="The audit trail (administrator)",
    response_model=AuditPageAnswer,
    responses=error_responses(403, 422),
)
def audit_trail(
    request: Request,
    admin: AdminDep,
    before: Annotated[int | None, Query(ge=1, description="An event id: older ones.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_AUDIT_PAGE)] = AUDIT_PAGE,
) -> dict[str, Any]:
    """Return who read or changed which patient's records, the newest first, a page at a time."""
    events = serving(request).audit_trail(admin.clinic_id).events(before, limit)
    return {
        "events": [audit_json(event) for event in events],
        "next_before": events[-1].id if len(events) == limit else None,
    }


@router.get(
    "/audit.csv",
    summary="The whole audit trail as CSV (administrator)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, **error_responses(403)},
)
def audit_csv(request: Request, admin: AdminDep, clock: ClockDep) -> StreamingResponse:
    """Return the whole trail as CSV, the newest first, read in chunks as it is sent."""
    trail = serving(request).audit_trail(admin.clinic_id)
    name = f"spinecoach-audit-{clock.now():%Y-%m-%d}.csv"
    return StreamingResponse(
        _csv_lines(trail.every_event()),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


CSV_COLUMNS = (
    "id",
    "at",
    "staff_id",
    "staff_name",
    "action",
    "request",
    "patient_id",
    "patient_name",
    "client_address",
)


def _csv_lines(events: Iterator[Any]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        row = audit_json(event)
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value: object) -> str:
    """Return a CSV cell; text a spreadsheet would run as a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
