"""The history page: verdict, charts, sessions, activity scale, pain diary, report for a doctor."""

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.catalog.vocabulary import PainKind, SpineRegion
from spinecoach.coaching.diary import history_overview, record_diary_entry
from spinecoach.coaching.progress import doctor_report
from spinecoach.errors import InvalidInputError
from spinecoach.reports.calendar import calendar_summary, calendar_svg
from spinecoach.reports.charts import pain_chart_summary, pain_chart_svg
from spinecoach.reports.history import OUTCOME_WORDS
from spinecoach.reports.trends import MCID_POINTS
from spinecoach.web import forms
from spinecoach.web.deps import ClockDep, FormDep, PersonDep, RepositoryDep, SameSiteOnly
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
    overview = history_overview(repository, person, clock.now())
    trends = load_period(repository, person, clock, None).trends
    context = {
        "nav": "history",
        "overview": overview,
        "trends": trends,
        "pain_chart": pain_chart_svg(trends),
        "pain_words": pain_chart_summary(trends),
        "mcid": MCID_POINTS,
        "calendar": calendar_svg(trends),
        "calendar_words": calendar_summary(trends),
        "psfs": list(reversed(repository.psfs_entries(person.id))),
        "sessions": list(reversed(overview.sessions)),
        "outcome_words": OUTCOME_WORDS,
        "diary": list(reversed(overview.diary)),
        "regions": list(SpineRegion),
        "kinds": list(PainKind),
        "given": given,
        "errors": errors,
    }
    return render(request, "history.html", context, status_code=status)


@router.get("/history", response_class=HTMLResponse)
def history_page(
    request: Request, repository: RepositoryDep, person: PersonDep, clock: ClockDep
) -> Response:
    """Show the verdict, the charts, past sessions, the diary and the report button."""
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
