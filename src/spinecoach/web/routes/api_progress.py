"""JSON API: the trend verdict and its numbers, the two charts, and the report for a doctor."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.responses import Response

from spinecoach.coaching.progress import doctor_report
from spinecoach.reports.calendar import calendar_svg
from spinecoach.reports.charts import pain_chart_svg
from spinecoach.reports.trends_json import trends_to_dict
from spinecoach.web.answers_progress import TrendsAnswer
from spinecoach.web.deps import ClockDep, PersonDep, RepositoryDep, SameSiteOnly
from spinecoach.web.progress import download, load_period, since_from_text
from spinecoach.web.schemas import error_responses

router = APIRouter(
    prefix="/api",
    tags=["progress"],
    dependencies=[SameSiteOnly],
    responses=error_responses(400, 403, 422),
)

# A pattern, not `date`: pydantic would also read "0" as a Unix timestamp.
SinceQuery = Annotated[
    str | None,
    Query(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="Only records from this day on (YYYY-MM-DD, local time).",
    ),
]
CHARTS = {"pain": pain_chart_svg, "calendar": calendar_svg}


@router.get(
    "/trends",
    summary="Whether things are improving: the verdict and its numbers",
    response_model=TrendsAnswer,
)
def get_trends(
    repository: RepositoryDep, person: PersonDep, clock: ClockDep, since: SinceQuery = None
) -> dict[str, Any]:
    """Return the verdict with its basis, pain change, adherence, function and weekly pain."""
    return trends_to_dict(
        load_period(repository, person, clock, since_from_text(since or "")).trends
    )


@router.get(
    "/charts/{kind}.svg",
    summary="The pain chart or the calendar of active days, as SVG",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}, "description": "an SVG with a title"}},
)
def get_chart(
    kind: Literal["pain", "calendar"],
    repository: RepositoryDep,
    person: PersonDep,
    clock: ClockDep,
    since: SinceQuery = None,
) -> Response:
    """Return the chart the history page shows; its title and desc are the text alternative."""
    trends = load_period(repository, person, clock, since_from_text(since or "")).trends
    return Response(CHARTS[kind](trends), media_type="image/svg+xml")


@router.get(
    "/report",
    summary="The report for a doctor, as PDF",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "one or two A4 pages"}},
)
def get_report(
    repository: RepositoryDep, person: PersonDep, clock: ClockDep, since: SinceQuery = None
) -> Response:
    """Return the same PDF as `spinecoach report`."""
    pdf = doctor_report(load_period(repository, person, clock, since_from_text(since or "")))
    return download(pdf, "application/pdf", f"spinecoach-report-{clock.now():%Y-%m-%d}.pdf")
