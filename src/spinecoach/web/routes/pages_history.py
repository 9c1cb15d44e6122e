"""The history page: verdict, charts, sessions, activity scale, pain diary, report for a doctor."""

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.catalog.vocabulary import PainKind, SpineRegion
from spinecoach.coaching.diary import (
    record_diary_entry,
)
from spinecoach.coaching.progress import doctor_report
from spinecoach.errors import InvalidInputError
from spinecoach.web import forms
from spinecoach.web.deps import ClockDep, FormDep, PersonDep, RepositoryDep, SameSiteOnly
from spinecoach.web.history_view import history_context
from spinecoach.web.paging import asked_pages
from spinecoach.web.progress import download, load_period, since_from_text
from spinecoach.web.templating import render

router = APIRouter(include_in_schema=False)


def _history(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
    given: dict[str, str],
    errors: dict[str, str],
    status: int,
) -> Response:
    asked = asked_pages(request)
    if asked.problem:
        errors = {**errors, "page": option_words(asked.problem)}
        status = 422
    context = {
        "nav": "history",
        **history_context(repository, person, clock, asked, "/history"),
        "regions": list(SpineRegion),
        "kinds": list(PainKind),
        "given": given,
        "errors": errors,
    }
    return render(request, "history.html", context, status_code=status)


def option_words(message: str) -> str:
    """Return a paging error in a reader's words: the field it names is the URL's."""
    _, _, rest = message.partition(": ")
    return f"That page of your history could not be found ({rest}), so here are the latest entries."


@router.get("/history", response_class=HTMLResponse)
def history(
    request: Request, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response:
    """Show the verdict, the charts, a page of sessions and of the diary, the report button.

    limit, sessions_before/_after and diary_before/_after page the two lists as in the API.
    """
    return _history(request, repository, person, clock, {}, {}, 200)


@router.post("/history/pain", response_class=HTMLResponse)
def add_pain(
    request: Request, form: FormDep, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response:
    """Add a pain diary entry, or show the form again with what was wrong."""
    errors = forms.FormErrors()
    score = forms.whole_number(form, "score", 0, 10, errors)
    region = forms.choice(form, "region", SpineRegion, errors)
    kind = forms.choice(form, "kind", PainKind, errors)
    note = forms.note(form, "note", errors)
    if errors or score is None:
        given = {name: forms.text(form, name) for name in ("score", "region", "kind", "note")}
        return _history(request, repository, person, clock, given, errors.messages, 422)
    record_diary_entry(
        repository,
        person,
        score,
        clock.now(),
        region=region.value if region else None,
        kind=kind.value if kind else None,
        note=note,
    )
    return RedirectResponse("/history#diary", status_code=303)


@router.get("/report.pdf", dependencies=[SameSiteOnly])
def report_pdf(
    request: Request,
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
    since: str = "",
) -> Response:
    """Download the report for a doctor, as `spinecoach report`; a bad date is shown again."""
    try:
        day: date | None = since_from_text(since)
    except InvalidInputError as error:
        given = {"since": since[:20]}
        errors = {"since": error.user_message}
        return _history(request, repository, person, clock, given, errors, 422)
    pdf = doctor_report(load_period(repository, person, clock, day))
    return download(pdf, "application/pdf", f"spinecoach-report-{clock.now():%Y-%m-%d}.pdf")
