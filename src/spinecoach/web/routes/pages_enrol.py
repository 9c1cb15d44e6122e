"""The enrolment link a patient opens: a page first, then one press binds the device.

Opening the link (GET) changes nothing, because messaging apps and mail scanners open links
by themselves to show a preview; a preview must not use up a single-use link. The press on
the page (POST, same site) binds the device and gives it its cookie.
"""

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from spinecoach.clinic.tokens import new_token, token_digest
from spinecoach.web.clinic_access import DEVICE_COOKIE, in_clinic_mode, serving, set_secret_cookie
from spinecoach.web.deps import ClockDep
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(in_clinic_mode)])
MAX_TOKEN = 100


@router.get("/enrol/{token}", name="enrol")
def enrol_page(request: Request, token: str) -> Response:
    """Show what the link does and the button that binds this device."""
    return render(request, "enrol.html", {"action": request.url.path})


@router.post("/enrol/{token}")
def enrol(request: Request, token: str, clock: ClockDep) -> Response:
    """Bind this device to the patient the link was made for, then open the app's home."""
    device_token, device_digest = new_token()
    label = request.headers.get("user-agent", "")
    serving(request).enrolments().enrol(
        token_digest(token[:MAX_TOKEN]), device_digest, _label(label), clock.now()
    )
    response = RedirectResponse("/", status_code=303)
    set_secret_cookie(request, response, DEVICE_COOKIE, device_token, staff=False)
    return response


def _label(user_agent: str) -> str:
    """Return a short name for the browser, so the clinician can tell a patient's devices apart."""
    browser = next(
        (name for name in ("Firefox", "Edg", "Chrome", "Safari") if name in user_agent), "Browser"
    )
    system = next(
        (
            name
            for name in ("Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux")
            if name in user_agent
        ),
        "",
    )
    shown = {"Edg": "Edge", "Mac OS": "Mac"}
    words = shown.get(browser, browser) + (f" on {shown.get(system, system)}" if system else "")
    return words
