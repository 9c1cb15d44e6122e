"""Who is asking, in clinic mode: a signed-in staff member (staff cookie) or a patient's device.

Both cookies hold random secrets the store knows only as digests. The staff cookie is
SameSite=Strict (no other site's page can carry it); the device cookie is Lax, so a patient
who opens the app from a link in a message is still recognised. Both are HttpOnly, and Secure
whenever the app is reached over HTTPS (directly or through the clinic's reverse proxy).
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from spinecoach.clinic.sign_in import signed_in_staff
from spinecoach.clinic_records import PatientRecord, StaffRecord, StaffRole
from spinecoach.clock import Clock
from spinecoach.errors import NotAllowedError, NotFoundError, NotSignedInError
from spinecoach.store.clinic_scope import ClinicScope
from spinecoach.web.clinic_schemas import PatientId
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.schemas import error_responses
from spinecoach.web.serving_store import ServingStore

STAFF_COOKIE = "spinecoach_staff"
DEVICE_COOKIE = "spinecoach_device"
DEVICE_COOKIE_SECONDS = 400 * 24 * 3600  # the longest a browser keeps a cookie (RFC 6265bis)


def serving(request: Request) -> ServingStore:
    """Return the app's store."""
    store: ServingStore = request.app.state.store
    return store


def in_clinic_mode(request: Request) -> None:
    """Answer 404 for the clinic's routes when the app serves one person (personal mode)."""
    if not request.app.state.settings.clinic:
        raise NotFoundError("this spinecoach serves one person; it has no clinic (serve --clinic)")


def clinic_router() -> APIRouter:
    """Return a router for the clinic's JSON API: under /api/clinic, 404 in personal mode."""
    return APIRouter(
        prefix="/api/clinic",
        tags=["clinic"],
        route_class=JsonBodyRoute,
        dependencies=[Depends(in_clinic_mode)],
        responses=error_responses(401, 404),
    )


def staff_member(request: Request) -> StaffRecord:
    """Return the signed-in staff member, or 401; a plain function, so it reads in a thread."""
    in_clinic_mode(request)
    clock: Clock = request.app.state.clock
    return signed_in_staff(
        serving(request).directory(), request.cookies.get(STAFF_COOKIE), clock.now()
    )


StaffDep = Annotated[StaffRecord, Depends(staff_member)]
SIGN_IN_PAGE = "/clinic"


def staff_if_signed_in(request: Request) -> StaffRecord | None:
    """Return the signed-in staff member, or None: pages lead to the sign-in form, not a 401."""
    try:
        return staff_member(request)
    except NotSignedInError:
        return None


def to_sign_in() -> Response:
    """Send the browser to the clinic's sign-in form."""
    return RedirectResponse(SIGN_IN_PAGE, status_code=303)


def clinic_scope(request: Request, staff: StaffDep) -> ClinicScope:
    """Return the store of the signed-in staff member's own clinic, and of no other."""
    return serving(request).clinic_scope(staff.clinic_id)


ClinicScopeDep = Annotated[ClinicScope, Depends(clinic_scope)]


def clinic_patient(
    request: Request, patient_id: PatientId, scope: ClinicScopeDep, staff: StaffDep
) -> PatientRecord:
    """Return the patient of the address if they are the clinic's; 404 before anything else.

    Found before the request's body is read, so another clinic's staff get the same 404
    whatever they send, never a 422 that would tell them the address exists. The access is
    written to the audit trail before the route runs, so a refused change is kept too.
    """
    patient = scope.patient(patient_id)
    audit(request, staff, patient.id)
    return patient


PatientDep = Annotated[PatientRecord, Depends(clinic_patient)]


def audit(request: Request, staff: StaffRecord, person_id: int | None) -> None:
    """Append to the clinic's audit trail: who, read or change, which route, whose, from where.

    The route is kept as declared (`/api/clinic/patients/{patient_id}`) with the patient in
    its own column, so the trail can be searched by either.
    """
    path = str(getattr(request.scope.get("route"), "path", request.url.path))
    clock: Clock = request.app.state.clock
    serving(request).audit_trail(staff.clinic_id).record(
        staff.id,
        "read" if request.method in {"GET", "HEAD"} else "change",
        f"{request.method} {path}",
        person_id,
        request.client.host if request.client else "unknown",
        clock.now(),
    )


def administrator(staff: StaffDep) -> StaffRecord:
    """Return the signed-in staff member if they are the clinic's administrator, else 403."""
    if staff.role is not StaffRole.ADMIN:
        raise NotAllowedError("only the clinic's administrator can do this")
    return staff


AdminDep = Annotated[StaffRecord, Depends(administrator)]


def set_secret_cookie(
    request: Request, response: Response, name: str, token: str, *, staff: bool
) -> None:
    """Give the browser a secret cookie: HttpOnly, Secure over HTTPS, SameSite as said above.

    The staff cookie lasts until the browser closes (a shared computer forgets it); the
    server ends the sign-in sooner, after 30 idle minutes.
    """
    response.set_cookie(
        name,
        token,
        max_age=None if staff else DEVICE_COOKIE_SECONDS,
        httponly=True,
        samesite="strict" if staff else "lax",
        secure=request.url.scheme == "https",
        path="/",
    )
