"""JSON API of clinic mode: staff sign in, add patients, prescribe and hand off by link.

Every route but sign-in needs a signed-in staff member and works in their clinic only (the
store's ClinicScope names the clinic in each query): another clinic's patient is a 404, as
an id that does not exist. In personal mode these routes answer 404.
"""

from typing import Any

from fastapi import Request, Response, status

from spinecoach.clinic.accounts import staff_json
from spinecoach.clinic.dashboard import patient_alerts
from spinecoach.clinic.patients import enrolment_link, prescribe
from spinecoach.clinic.sign_in import sign_in, sign_out
from spinecoach.clinic_records import (
    DeviceRecord,
    EnrolmentLinkRecord,
    ProgrammeRecord,
)
from spinecoach.web.clinic_access import (
    STAFF_COOKIE,
    ClinicScopeDep,
    PatientDep,
    StaffDep,
    audit,
    clinic_router,
    serving,
    set_secret_cookie,
)
from spinecoach.web.clinic_answers import alert_json, patient_json, when
from spinecoach.web.clinic_schemas import (
    ItemId,
    NewLinkAnswer,
    NewPatient,
    PatientAnswer,
    PatientDetail,
    ProgrammeAnswer,
    ProgrammeChange,
    SignIn,
    StaffAnswer,
)
from spinecoach.web.deps import CatalogDep, ClockDep
from spinecoach.web.schemas import error_responses

router = clinic_router()


@router.post(
    "/login",
    summary="Sign in as a staff member",
    response_model=StaffAnswer,
    responses=error_responses(429),
)
def login(request: Request, body: SignIn, response: Response, clock: ClockDep) -> dict[str, Any]:
    """Sign in; the answer sets the staff cookie. A wrong password and an unknown address are
    the same 401; after repeated failures, 429 with Retry-After."""
    client = request.client.host if request.client else "unknown"
    done = sign_in(serving(request).directory(), body.email, body.password, client, clock.now())
    set_secret_cookie(request, response, STAFF_COOKIE, done.token, staff=True)
    return staff_json(done.staff)


@router.post("/logout", summary="Sign out", status_code=status.HTTP_204_NO_CONTENT)
def logout(request: Request, response: Response, clock: ClockDep) -> None:
    """End this browser's sign-in; signing out twice is no error."""
    sign_out(serving(request).directory(), request.cookies.get(STAFF_COOKIE), clock.now())
    response.delete_cookie(STAFF_COOKIE, path="/")


@router.get("/me", summary="Who is signed in", response_model=StaffAnswer)
def me(staff: StaffDep) -> dict[str, Any]:
    """Return the signed-in staff member."""
    return staff_json(staff)


@router.post(
    "/patients",
    summary="Add a patient",
    status_code=status.HTTP_201_CREATED,
    response_model=PatientAnswer,
    responses=error_responses(400, 422),
)
def add_patient(
    request: Request, body: NewPatient, scope: ClinicScopeDep, staff: StaffDep, clock: ClockDep
) -> dict[str, Any]:
    """Add a patient (no account: they use the devices enrolled by link)."""
    added = scope.add_patient(body.name, body.year_of_birth, clock.now())
    audit(request, staff, added.id)
    return patient_json(added)


@router.get("/patients/{patient_id}", summary="One patient", response_model=PatientDetail)
def patient(
    request: Request, found: PatientDep, scope: ClinicScopeDep, staff: StaffDep, clock: ClockDep
) -> dict[str, Any]:
    """Return the patient with their alerts (every open one and the latest acknowledged),
    programme's versions, devices and enrolment links."""
    patient_id = found.id
    versions = [programme_json(v) for v in scope.programme_versions(patient_id)]
    store = serving(request)
    alerts = patient_alerts(
        store.clinic_roster(staff.clinic_id),
        store.clinic_alerts(staff.clinic_id),
        patient_id,
        clock.now(),
    )
    return {
        **patient_json(found),
        "alerts": [alert_json(alert) for alert in alerts],
        "programme": versions[-1] if versions else None,
        "programme_versions": versions,
        "devices": [device_json(device) for device in scope.devices(patient_id)],
        "enrolment_links": [link_json(link) for link in scope.enrolment_links(patient_id)],
    }


@router.put(
    "/patients/{patient_id}/programme",
    summary="Prescribe a programme",
    response_model=ProgrammeAnswer,
    responses=error_responses(400, 422),
)
def put_programme(
    patient: PatientDep,
    body: ProgrammeChange,
    scope: ClinicScopeDep,
    staff: StaffDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> dict[str, Any]:
    """Keep the programme as the patient's next version (earlier ones stay). A dose outside
    its stretch's safe range is 400, naming the field; the patient's link stays the same."""
    stored = prescribe(
        scope,
        catalog,
        staff,
        patient.id,
        [item.model_dump() for item in body.exercises],
        body.sessions_per_week,
        body.starts,
        body.ends,
        body.note,
        clock.now(),
    )
    return programme_json(stored)


@router.post(
    "/patients/{patient_id}/enrolment",
    summary="Make an enrolment link",
    status_code=status.HTTP_201_CREATED,
    response_model=NewLinkAnswer,
)
def post_enrolment(
    request: Request, patient: PatientDep, scope: ClinicScopeDep, staff: StaffDep, clock: ClockDep
) -> dict[str, Any]:
    """Make a single-use link for the patient's phone; it expires after 14 days."""
    made = enrolment_link(scope, staff, patient.id, clock.now())
    return {
        "id": made.link.id,
        "url": str(request.url_for("enrol", token=made.token)),
        "expires_at": made.link.expires_at.isoformat(),
    }


@router.delete(
    "/patients/{patient_id}/enrolment/{link_id}",
    summary="Withdraw an enrolment link",
    status_code=status.HTTP_204_NO_CONTENT,
)
def delete_enrolment(
    patient: PatientDep, link_id: ItemId, scope: ClinicScopeDep, clock: ClockDep
) -> None:
    """Withdraw a link: opening it afterwards binds nothing."""
    scope.revoke_enrolment_link(patient.id, link_id, clock.now())


@router.delete(
    "/patients/{patient_id}/devices/{device_id}",
    summary="Revoke a device",
    status_code=status.HTTP_204_NO_CONTENT,
)
def delete_device(
    patient: PatientDep, device_id: ItemId, scope: ClinicScopeDep, clock: ClockDep
) -> None:
    """Revoke a patient's device: it opens nothing of theirs from then on."""
    scope.revoke_device(patient.id, device_id, clock.now())


def programme_json(programme: ProgrammeRecord) -> dict[str, Any]:
    """Return a programme version as the API shows it."""
    return {
        "version": programme.version,
        "exercises": [
            {"exercise": e.exercise, "repetitions": e.repetitions, "hold_seconds": e.hold_seconds}
            for e in programme.exercises
        ],
        "sessions_per_week": programme.sessions_per_week,
        "starts": programme.starts,
        "ends": programme.ends,
        "note": programme.note,
        "prescribed_by": programme.prescribed_by,
        "prescribed_at": programme.prescribed_at.isoformat(),
    }


def device_json(device: DeviceRecord) -> dict[str, Any]:
    """Return a device as the API shows it."""
    return {
        "id": device.id,
        "label": device.label,
        "enrolled_at": device.enrolled_at.isoformat(),
        "last_seen_at": device.last_seen_at.isoformat(),
        "revoked_at": when(device.revoked_at),
    }


def link_json(link: EnrolmentLinkRecord) -> dict[str, Any]:
    """Return an enrolment link (without its secret) as the API shows it."""
    return {
        "id": link.id,
        "created_at": link.created_at.isoformat(),
        "expires_at": link.expires_at.isoformat(),
        "used_at": when(link.used_at),
        "revoked_at": when(link.revoked_at),
    }
