"""The settings page: your name and year of birth (kept in the records), and the voice.

The name form is also the optional step after a first safety screen: the same fields, posted
here, with a Skip button; it goes back to the page it came from.
"""

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.coaching.profile import Profile, save_profile, skip_profile
from spinecoach.errors import InvalidInputError
from spinecoach.records import PersonRecord
from spinecoach.store import validation as check
from spinecoach.web import forms
from spinecoach.web.deps import (
    ClockDep,
    FormDep,
    PersonDep,
    PersonIfAnyDep,
    RepositoryDep,
    forget_person,
    profile_at_home,
)
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False)

# Where the form may send the person back to: the settings page or the first screen's result.
RETURN_PAGES = frozenset({"/settings", "/screening/result"})


def _page(
    request: Request,
    person: PersonRecord | None,
    given: dict[str, str],
    errors: forms.FormErrors,
    saved: bool = False,
) -> Response:
    context = {
        "nav": "settings",
        "name": given.get("name", (person.name if person else None) or ""),
        "birth_year": given.get(
            "birth_year", str(person.birth_year) if person and person.birth_year else ""
        ),
        "errors": errors.messages,
        "saved": saved,
    }
    return render(request, "settings.html", context, status_code=422 if errors else 200)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, person: PersonIfAnyDep, saved: bool = False) -> Response:
    """Show the name form and the voice, rate and volume settings (kept in this browser)."""
    # Found, not created (person_if_any): a look at the settings must not make an empty profile.
    return _page(request, person, {}, forms.FormErrors(), saved)


def read_profile(given: dict[str, str], errors: forms.FormErrors, now: datetime) -> Profile:
    """Return the profile typed into the form; a blank field means none, a bad one an error."""
    name, year_text = given["name"], given["birth_year"]
    checked_name: str | None = None
    checked_year: int | None = None
    if name:
        try:
            checked_name = check.person_name("name", name)
        except InvalidInputError as error:
            errors.add("name", error.user_message.removeprefix("name: "))
    if year_text:
        if not (year_text.isascii() and year_text.isdigit()):
            errors.add("birth_year", "give the year in digits, e.g. 1961")
        else:
            try:
                checked_year = check.birth_year("birth_year", int(year_text), now)
            except InvalidInputError as error:
                errors.add("birth_year", error.user_message.removeprefix("birth_year: "))
    return Profile(name=checked_name, birth_year=checked_year)


@router.post(
    "/settings/profile", response_class=HTMLResponse, dependencies=[Depends(profile_at_home)]
)
def change_profile(
    request: Request, form: FormDep, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response:
    """Save the name and year of birth, or with Skip only note that the question was asked."""
    back = forms.text(form, "return")
    back = back if back in RETURN_PAGES else "/settings"
    now = clock.now()
    forget_person(request)  # whatever follows, the next request reads the person again
    if forms.text(form, "skip"):
        skip_profile(repository, person, now)
        return RedirectResponse(back, status_code=303)
    given = {"name": forms.text(form, "name"), "birth_year": forms.text(form, "birth_year")}
    errors = forms.FormErrors()
    profile = read_profile(given, errors, now)
    if errors:
        return _page(request, person, given, errors)
    save_profile(repository, person, profile, now)
    return RedirectResponse("/settings?saved=true" if back == "/settings" else back, 303)
