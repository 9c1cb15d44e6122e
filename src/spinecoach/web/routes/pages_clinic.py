"""The clinic's pages for staff: sign in, the dashboard, staff and the audit trail for the admin.

A patient's own page is pages_clinic_patient.py.

They call the same steps as the JSON API (clinic/), through the same clinic scope; a page
that needs a sign-in sends the browser to the sign-in form instead of answering 401.
"""

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from spinecoach.alert_rules import RULES
from spinecoach.clinic.accounts import add_staff_as, remove_staff_as
from spinecoach.clinic.dashboard import DashboardFilter, dashboard
from spinecoach.clinic.sign_in import sign_in, sign_out
from spinecoach.clinic_records import (
    AlertKind,
    StaffRecord,
    StaffRole,
)
from spinecoach.errors import (
    InvalidInputError,
    NotFoundError,
    SpinecoachError,
    TooManyAttemptsError,
)
from spinecoach.web.clinic_access import (
    STAFF_COOKIE,
    audit,
    in_clinic_mode,
    serving,
    set_secret_cookie,
    staff_if_signed_in,
    to_sign_in,
)
from spinecoach.web.deps import ClockDep, FormDep
from spinecoach.web.forms import text
from spinecoach.web.progress import verdicts
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(in_clinic_mode)])
AUDIT_PAGE = 50
ONLY_ADMIN = "Only the clinic's administrator can see the audit trail."


@router.get("/clinic")
def clinic_home(request: Request) -> Response:
    """Show the dashboard to signed-in staff, the sign-in form to anyone else."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return render(request, "clinic_sign_in.html", {"email": "", "problem": None})
    return _dashboard(request, staff, None)


def _dashboard(
    request: Request, staff: StaffRecord, problem: str | None, status_code: int = 200
) -> Response:
    """Render the dashboard for the filter and page in the address; unknown values are ignored."""
    query = request.query_params
    kinds = {kind.value: kind for kind in AlertKind}
    clinician = query.get("clinician", "")
    page = query.get("page", "")
    chosen = DashboardFilter(
        query.get("search", "").strip()[:200],
        kinds.get(query.get("alert", "")),
        int(clinician) if clinician.isdigit() and len(clinician) < 10 else None,
    )
    number = int(page) if page.isdigit() and len(page) < 10 else 1
    audit(request, staff, None)
    store = serving(request)
    found = dashboard(
        store.clinic_roster(staff.clinic_id),
        store.clinic_alerts(staff.clinic_id),
        request.app.state.clock.now(),
        chosen,
        verdicts(store.repository, request.app.state.clock),
        max(number, 1),
    )
    if found.lines == () and found.page > found.pages:  # past the end: show the last page
        return RedirectResponse(_page_link(chosen, found.pages), status_code=303)

    context = {
        "staff": staff,
        "found": found,
        "chosen": chosen,
        "filtered": chosen != DashboardFilter(),
        "rules": RULES,
        "members": serving(request).directory().staff_of(staff.clinic_id, removed=True),
        "page_link": lambda number: _page_link(chosen, number),
        "problem": problem,
    }
    return render(request, "clinic_patients.html", context, status_code=status_code)


def _page_link(chosen: DashboardFilter, page: int) -> str:
    """Return the dashboard's address for a page, keeping the filter."""
    params = {
        "search": chosen.search,
        "alert": chosen.alert.value if chosen.alert else "",
        "clinician": str(chosen.clinician or ""),
        "page": str(page),
    }
    return "/clinic?" + urlencode({key: value for key, value in params.items() if value})


@router.post("/clinic/sign-in")
def sign_in_form(request: Request, form: FormDep, clock: ClockDep) -> Response:
    """Sign in from the form; on failure show the form again with the reason."""
    email = text(form, "email")
    client = request.client.host if request.client else "unknown"
    try:
        done = sign_in(
            serving(request).directory(), email, text(form, "password"), client, clock.now()
        )
    except SpinecoachError as error:
        context = {"email": email, "problem": error.user_message}
        status = 429 if isinstance(error, TooManyAttemptsError) else 401
        return render(request, "clinic_sign_in.html", context, status_code=status)
    response = to_sign_in()
    set_secret_cookie(request, response, STAFF_COOKIE, done.token, staff=True)
    return response


@router.post("/clinic/sign-out")
def sign_out_form(request: Request, clock: ClockDep) -> Response:
    """Sign out and show the sign-in form."""
    sign_out(serving(request).directory(), request.cookies.get(STAFF_COOKIE), clock.now())
    response = to_sign_in()
    response.delete_cookie(STAFF_COOKIE, path="/")
    return response


@router.post("/clinic/patients")
def add_patient_form(request: Request, form: FormDep, clock: ClockDep) -> Response:
    """Add a patient and open their page."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    scope = serving(request).clinic_scope(staff.clinic_id)
    year = text(form, "year_of_birth")
    try:
        if year and not year.isdigit():
            raise InvalidInputError(f"year of birth: {year!r} is not a year such as 1961")
        added = scope.add_patient(text(form, "name"), int(year) if year else None, clock.now())
    except SpinecoachError as error:
        return _dashboard(request, staff, error.user_message, 400)
    audit(request, staff, added.id)
    return RedirectResponse(f"/clinic/patients/{added.id}", status_code=303)


@router.get("/clinic/staff")
def staff_page(request: Request) -> Response:
    """Show the clinic's staff and, to its administrator, the form to add one."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    return _staff_list(request, staff, None)


@router.post("/clinic/staff")
def add_staff_form(request: Request, form: FormDep, clock: ClockDep) -> Response:
    """Add a clinician (administrators only) and show the list again."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    try:
        add_staff_as(
            serving(request).directory(),
            staff,
            text(form, "email"),
            text(form, "name"),
            text(form, "password"),
            StaffRole.CLINICIAN,
            clock.now(),
        )
    except SpinecoachError as error:
        return _staff_list(request, staff, error.user_message, 400)
    return RedirectResponse("/clinic/staff", status_code=303)


@router.post("/clinic/staff/{staff_id}/remove")
def remove_staff_form(request: Request, staff_id: int, clock: ClockDep) -> Response:
    """Remove a colleague (administrators only) and show the list again."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    try:
        remove_staff_as(serving(request).directory(), staff, staff_id, clock.now())
    except SpinecoachError as error:
        status = 404 if isinstance(error, NotFoundError) else 403
        return _staff_list(request, staff, error.user_message, status)
    return RedirectResponse("/clinic/staff", status_code=303)


@router.get("/clinic/audit")
def audit_page(request: Request) -> Response:
    """Show the audit trail to the clinic's administrator, a page of events at a time."""
    staff = staff_if_signed_in(request)
    if staff is None:
        return to_sign_in()
    if staff.role is not StaffRole.ADMIN:
        context = {"staff": staff, "events": [], "older": None, "problem": ONLY_ADMIN}
        return render(request, "clinic_audit.html", context, status_code=403)
    before = request.query_params.get("before", "")
    start = int(before) if before.isdigit() and len(before) < 10 else None
    events = serving(request).audit_trail(staff.clinic_id).events(start, AUDIT_PAGE)
    context = {
        "staff": staff,
        "events": events,
        "older": events[-1].id if len(events) == AUDIT_PAGE else None,
        "newest": start is None,
        "problem": None,
    }
    return render(request, "clinic_audit.html", context)


def _staff_list(
    request: Request, staff: StaffRecord, problem: str | None, status_code: int = 200
) -> Response:
    members = serving(request).directory().staff_of(staff.clinic_id)
    context = {"staff": staff, "members": members, "problem": problem}
    return render(request, "clinic_staff.html", context, status_code=status_code)
