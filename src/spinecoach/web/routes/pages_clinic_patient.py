"""The clinic's page about one patient: alerts, progress, the programme form, links, devices.

The same steps as the JSON API (clinic/), through the same clinic scope; every route here
finds the patient in the signed-in staff member's clinic (404 otherwise) and writes the
access to the audit trail first.
"""

import re
from datetime import date, datetime
from typing import Any

import segno
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from spinecoach.alert_rules import RULES
from spinecoach.catalog.loader import Catalog
from spinecoach.clinic.dashboard import patient_alerts
from spinecoach.clinic.patients import enrolment_link, prescribe
from spinecoach.clinic_records import (
    EnrolmentLinkRecord,
    PatientRecord,
    ProgrammeRecord,
    StaffRecord,
)
from spinecoach.errors import InvalidInputError, NotFoundError, SpinecoachError
from spinecoach.store.repository import Repository
from spinecoach.web.clinic_access import (
    audit,
    in_clinic_mode,
    serving,
    staff_if_signed_in,
    to_sign_in,
)
from spinecoach.web.deps import CatalogDep, ClockDep, FormDep, RepositoryDep
from spinecoach.web.forms import text
from spinecoach.web.history_view import history_context
from spinecoach.web.paging import asked_pages
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(in_clinic_mode)])
# A programme check's field, as the JSON API shows it: exercises[1].hold_seconds: ...
_ITEM_FIELD = re.compile(r"exercises\[(\d+)\]\.(\w+):")


@router.get("/clinic/patients/{patient_id}")
def patient_page(
    request: Request, patient_id: int, repository: RepositoryDep, catalog: CatalogDep
) -> Response:
    """Show a patient: alerts, the programme and its form, devices, a button for a new link."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    _audited_patient(request, staff, patient_id)
    return _patient(request, staff, patient_id, repository, catalog, {})


@router.post("/clinic/patients/{patient_id}/alerts/{alert_id}/acknowledge")
def acknowledge_form(
    request: Request,
    patient_id: int,
    alert_id: int,
    form: FormDep,
    repository: RepositoryDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> Response:
    """Acknowledge an alert with the note typed, and show the patient's page again."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    _audited_patient(request, staff, patient_id)
    alerts = serving(request).clinic_alerts(staff.clinic_id)
    try:
        alerts.acknowledge(patient_id, alert_id, staff.id, text(form, "note"), clock.now())
    except SpinecoachError as error:
        status = 404 if isinstance(error, NotFoundError) else 409
        extra = {"alert_problem": error.user_message}
        return _patient(request, staff, patient_id, repository, catalog, extra, status)
    return RedirectResponse(f"/clinic/patients/{patient_id}#alerts", status_code=303)


@router.post("/clinic/patients/{patient_id}/programme")
def programme_form(
    request: Request,
    patient_id: int,
    form: FormDep,
    repository: RepositoryDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> Response:
    """Prescribe from the form; show the page again with the problem if a value is refused."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    _audited_patient(request, staff, patient_id)
    scope = serving(request).clinic_scope(staff.clinic_id)
    exercises = [
        {
            "exercise": exercise_id,
            "repetitions": _number(text(form, f"{exercise_id}.repetitions")),
            "hold_seconds": _number(text(form, f"{exercise_id}.hold_seconds") or "0"),
        }
        for exercise_id in catalog.exercises
        if text(form, f"{exercise_id}.chosen")
    ]
    try:
        prescribe(
            scope,
            catalog,
            staff,
            patient_id,
            exercises,
            _number(text(form, "sessions_per_week")),
            _date(text(form, "starts"), "starts") or clock.now().date(),
            _date(text(form, "ends"), "ends"),
            text(form, "note"),
            clock.now(),
        )
    except SpinecoachError as error:
        extra = {"problem": _worded(error, exercises, catalog), "values": _typed(form, catalog)}
        return _patient(request, staff, patient_id, repository, catalog, extra, 400)
    return RedirectResponse(f"/clinic/patients/{patient_id}?saved=1", status_code=303)


@router.post("/clinic/patients/{patient_id}/enrolment")
def link_form(request: Request, patient_id: int, clock: ClockDep) -> Response:
    """Make a link for the patient's phone and show it with its QR code, this once."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    _audited_patient(request, staff, patient_id)
    scope = serving(request).clinic_scope(staff.clinic_id)
    made = enrolment_link(scope, staff, patient_id, clock.now())
    url = str(request.url_for("enrol", token=made.token))
    context = {
        "staff": staff,
        "patient": scope.patient(patient_id),
        "url": url,
        "qr": segno.make(url, error="m").svg_inline(scale=6, title="QR code of the link"),
        "expires_at": made.link.expires_at,
    }
    return render(request, "clinic_link.html", context, status_code=201)


@router.post("/clinic/patients/{patient_id}/devices/{device_id}/revoke")
def revoke_device_form(
    request: Request, patient_id: int, device_id: int, clock: ClockDep
) -> Response:
    """Revoke one of the patient's devices and show their page again."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    _audited_patient(request, staff, patient_id)
    serving(request).clinic_scope(staff.clinic_id).revoke_device(patient_id, device_id, clock.now())
    return RedirectResponse(f"/clinic/patients/{patient_id}", status_code=303)


@router.post("/clinic/patients/{patient_id}/enrolment/{link_id}/withdraw")
def withdraw_link_form(
    request: Request, patient_id: int, link_id: int, clock: ClockDep
) -> Response:
    """Withdraw a link not used yet and show the patient's page again."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    _audited_patient(request, staff, patient_id)
    scope = serving(request).clinic_scope(staff.clinic_id)
    scope.revoke_enrolment_link(patient_id, link_id, clock.now())
    return RedirectResponse(f"/clinic/patients/{patient_id}", status_code=303)


def _audited_patient(request: Request, staff: StaffRecord, patient_id: int) -> PatientRecord:
    """Return the clinic's patient (404 for anyone else) and write the access to the trail."""
    patient = serving(request).clinic_scope(staff.clinic_id).patient(patient_id)
    audit(request, staff, patient.id)
    return patient


def _patient(
    request: Request,
    staff: StaffRecord,
    patient_id: int,
    repository: Repository,
    catalog: Catalog,
    extra: dict[str, Any],
    status_code: int = 200,
) -> Response:
    scope = serving(request).clinic_scope(staff.clinic_id)
    directory = serving(request).directory()
    now = request.app.state.clock.now()
    patient = scope.patient(patient_id)  # 404 for anyone not of this clinic
    versions = scope.programme_versions(patient_id)
    current = versions[-1] if versions else None
    context = {
        "staff": staff,
        "patient": patient,
        "alerts": patient_alerts(
            serving(request).clinic_roster(staff.clinic_id),
            serving(request).clinic_alerts(staff.clinic_id),
            patient.id,
            now,
        ),
        "rules": RULES,
        "alert_problem": None,
        "current": current,
        "versions": list(reversed(versions)),
        "values": _shown(current, catalog),
        "names": {exercise.id: exercise.name for exercise in catalog.exercises.values()},
        "exercises": list(catalog.exercises.values()),
        "devices": scope.devices(patient_id),
        "links": [link for link in scope.enrolment_links(patient_id) if _open(link, now)],
        # Removed colleagues too: what they prescribed keeps their name.
        "staff_names": {m.id: m.name for m in directory.staff_of(staff.clinic_id, removed=True)},
        **_progress(request, repository, patient.id),
        "saved": request.query_params.get("saved") == "1",
        "problem": None,
        **extra,
    }
    return render(request, "clinic_patient.html", context, status_code=status_code)


def _progress(request: Request, repository: Repository, person_id: int) -> dict[str, Any]:
    """Return what the patient's own history page shows: verdict, charts, scale, paged lists."""
    asked = asked_pages(request)
    base = f"/clinic/patients/{person_id}"
    clock = request.app.state.clock
    person = repository.person(person_id)
    return {
        **history_context(repository, person, clock, asked, base),
        "page_problem": asked.problem,
    }


def _shown(current: ProgrammeRecord | None, catalog: Catalog) -> dict[str, Any]:
    """Return the programme form's values: the programme in force, else each stretch's default."""
    given = {item.exercise: item for item in current.exercises} if current else {}
    values: dict[str, Any] = {
        "sessions_per_week": str(current.sessions_per_week if current else 3),
        "starts": str(current.starts) if current else "",
        "ends": str(current.ends) if current and current.ends else "",
        "note": current.note if current else "",
    }
    for exercise in catalog.exercises.values():
        item = given.get(exercise.id)
        hold = exercise.dose.hold_seconds
        values[exercise.id] = {
            "chosen": item is not None,
            "repetitions": str(item.repetitions if item else exercise.dose.repetitions.default),
            "hold_seconds": str(item.hold_seconds if item else hold.default if hold else 0),
        }
    return values


def _typed(form: FormData, catalog: Catalog) -> dict[str, Any]:
    """Return the programme form's values as typed, to show again beside what was refused."""
    values: dict[str, Any] = {
        name: text(form, name) for name in ("sessions_per_week", "starts", "ends", "note")
    }
    for exercise_id in catalog.exercises:
        values[exercise_id] = {
            "chosen": bool(text(form, f"{exercise_id}.chosen")),
            "repetitions": text(form, f"{exercise_id}.repetitions"),
            "hold_seconds": text(form, f"{exercise_id}.hold_seconds"),
        }
    return values


def _worded(error: SpinecoachError, exercises: list[dict[str, object]], catalog: Catalog) -> str:
    """Return the refusal with `exercises[i].hold_seconds` worded as the form shows it."""
    found = _ITEM_FIELD.match(error.user_message)
    if found is None:
        return error.user_message
    index, part = int(found.group(1)), found.group(2)
    if index >= len(exercises):
        return error.user_message
    name = catalog.exercises[str(exercises[index]["exercise"])].name
    label = {"repetitions": "repetitions", "hold_seconds": "hold, seconds"}.get(part, "")
    rest = error.user_message[found.end() :].strip()
    return f"{name}{', ' + label if label else ''}: {rest}"


def _open(link: EnrolmentLinkRecord, now: datetime) -> bool:
    """Say whether a link can still be used: not used, withdrawn or expired."""
    return link.used_at is None and link.revoked_at is None and link.expires_at > now


def _number(value: str) -> object:
    """Return a whole number typed in a form, or the text itself for the check to refuse."""
    return int(value) if value.isdigit() else value


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(f"{field}: {value!r} is not a date (YYYY-MM-DD)") from None
