"""The history page: verdict, charts, sessions, activity scale, pain diary, report for a doctor."""

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from spinecoach.catalog.vocabulary import PainKind, SpineRegion
from spinecoach.coaching.diary import (
    PAGE_SIZE,
    HistoryPage,
    PageAt,
    history_page,
    record_diary_entry,
)
from spinecoach.coaching.progress import doctor_report
from spinecoach.errors import InvalidInputError
from spinecoach.reports.calendar import calendar_summary, calendar_svg
from spinecoach.reports.charts import pain_chart_summary, pain_chart_svg
from spinecoach.reports.history import OUTCOME_WORDS
from spinecoach.reports.trends import MCID_POINTS
from spinecoach.web import forms
from spinecoach.web.deps import ClockDep, FormDep, PersonDep, RepositoryDep, SameSiteOnly
from spinecoach.web.paging import LISTS, page_at, page_limit
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
    query = {name: request.query_params.get(name, "")[:60] for name in PAGE_FIELDS}
    try:
        limit = page_limit(query["limit"])
        at = {
            name: page_at(name, query[f"{name}_before"], query[f"{name}_after"]) for name in LISTS
        }
    except InvalidInputError as error:
        # A link changed by hand: the newest page, with what was wrong above the lists.
        errors = {**errors, "page": option_words(error.user_message)}
        status, query, limit, at = 422, {}, PAGE_SIZE, {name: PageAt() for name in LISTS}
    page = history_page(
        repository,
        person.id,
        clock.now(),
        sessions=at["sessions"],
        diary=at["diary"],
        limit=limit,
    )
    trends = load_period(repository, person, clock, None).trends
    context = {
        "nav": "history",
        "overview": page,
        "trends": trends,
        "pain_chart": pain_chart_svg(trends),
        "pain_words": pain_chart_summary(trends),
        "mcid": MCID_POINTS,
        "calendar": calendar_svg(trends),
        "calendar_words": calendar_summary(trends),
        "psfs": list(reversed(repository.psfs_entries(person.id))),
        "sessions": list(reversed(page.sessions.items)),
        "outcome_words": OUTCOME_WORDS,
        "diary": list(reversed(page.diary.items)),
        "pager": _pager(page, query),
        "regions": list(SpineRegion),
        "kinds": list(PainKind),
        "given": given,
        "errors": errors,
    }
    return render(request, "history.html", context, status_code=status)


PAGE_FIELDS = ("limit", *(f"{name}_{side}" for name in LISTS for side in ("before", "after")))
ANCHORS = {"sessions": "sessions", "diary": "diary-list"}


def option_words(message: str) -> str:
    """Return a paging error in a reader's words: the field it names is the URL's."""
    _, _, rest = message.partition(": ")
    return f"That page of your history could not be found ({rest}), so here are the latest entries."


def _pager(page: HistoryPage, query: dict[str, str]) -> dict[str, dict[str, str]]:
    """Return each list's Older and Newer links; the other list stays on the page it was on."""
    links: dict[str, dict[str, str]] = {}
    for name, shown in (("sessions", page.sessions), ("diary", page.diary)):
        kept = {k: v for k, v in query.items() if v and not k.startswith(f"{name}_")}
        links[name] = {}
        for word, cursor, side in (
            ("older", shown.older, "before"),
            ("newer", shown.newer, "after"),
        ):
            if cursor is not None:
                asked = {**kept, f"{name}_{side}": cursor.text()}
                links[name][word] = f"/history?{urlencode(asked)}#{ANCHORS[name]}"
    return links


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
