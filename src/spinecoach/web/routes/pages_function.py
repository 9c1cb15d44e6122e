"""The activity scale (PSFS) page: name up to five activities once, then rate them 0-10."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.coaching.function_scale import psfs_offer, save_psfs
from spinecoach.errors import InvalidInputError
from spinecoach.records import PSFS_MAX_ACTIVITIES, PSFS_MAX_ACTIVITY_LENGTH, PsfsRating
from spinecoach.reports.function import PSFS_INSTRUCTIONS, activities_to_rate, function_change
from spinecoach.web import forms
from spinecoach.web.deps import ClockDep, FormDep, PersonDep, RepositoryDep
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False)
# Where the form may lead back to: the pages that offer the scale (never an outside address).
RETURN_PAGES = {"/": "/", "/start": "/start", "/history": "/history#function"}


def _page(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
    given: dict[str, str],
    errors: dict[str, str],
    status: int,
) -> Response:
    entries = repository.psfs_entries(person.id)
    change = function_change(entries)
    context = {
        "nav": "history",
        "instructions": PSFS_INSTRUCTIONS,
        "activities": activities_to_rate(entries),
        "slots": range(1, PSFS_MAX_ACTIVITIES + 1),
        "max_length": PSFS_MAX_ACTIVITY_LENGTH,
        "due": psfs_offer(repository, person, clock.now()) is not None,
        "latest": entries[-1] if entries else None,
        "change": change.sentence() if change else None,
        "back": RETURN_PAGES.get(given.get("next", ""), ""),
        "given": given,
        "errors": errors,
    }
    return render(request, "function.html", context, status_code=status)


@router.get("/function", response_class=HTMLResponse)
def function_page(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
    next: str = "",
) -> Response:
    """Ask for the activities (the first time) and a 0-10 rating of each."""
    return _page(request, repository, person, clock, {"next": next}, {}, 200)


def _ratings(
    form: forms.Fields, known: tuple[str, ...], errors: forms.FormErrors
) -> list[PsfsRating]:
    """Read the rows: the known activities are rated again, else the names typed are used."""
    ratings: list[PsfsRating] = []
    for slot in range(1, PSFS_MAX_ACTIVITIES + 1):
        if known:
            name = known[slot - 1] if slot <= len(known) else ""
        else:
            name = forms.text(form, f"activity_{slot}")
            if len(name) > PSFS_MAX_ACTIVITY_LENGTH:
                errors.add(
                    f"activity_{slot}", f"keep it under {PSFS_MAX_ACTIVITY_LENGTH} characters"
                )
        score = forms.whole_number(form, f"score_{slot}", 0, 10, errors, required=bool(name))
        if score is not None and not name:
            errors.add(f"activity_{slot}", "name the activity this score is for")
        if name and score is not None:
            ratings.append(PsfsRating(activity=name, score=score))
    if not ratings and not errors:
        errors.add("activity_1", "name at least one activity and rate it")
    return ratings


@router.post("/function", response_class=HTMLResponse)
def save_function(
    request: Request, form: FormDep, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response:
    """Save the ratings, or show the form again with what to fix and what was typed."""
    errors = forms.FormErrors()
    known = activities_to_rate(repository.psfs_entries(person.id))
    ratings = _ratings(form, known, errors)
    if not errors:
        try:
            save_psfs(repository, person, ratings, clock.now())
        except InvalidInputError as error:  # e.g. an activity named twice: the store's rule
            errors.add("form", error.user_message.partition(": ")[2] or error.user_message)
    if errors:
        names = [
            f"{kind}_{slot}"
            for slot in range(1, PSFS_MAX_ACTIVITIES + 1)
            for kind in ("activity", "score")
        ]
        given = {name: forms.text(form, name)[:200] for name in [*names, "next"]}
        return _page(request, repository, person, clock, given, errors.messages, 422)
    back = RETURN_PAGES.get(forms.text(form, "next"), "/history#function")
    return RedirectResponse(back, status_code=303)
