"""What a history page shows, for the person's own /history and their clinician's patient page."""

from typing import Any

from spinecoach.clock import Clock
from spinecoach.coaching.diary import history_page
from spinecoach.records import PersonRecord
from spinecoach.reports.calendar import calendar_summary, calendar_svg
from spinecoach.reports.charts import pain_chart_summary, pain_chart_svg
from spinecoach.reports.history import OUTCOME_WORDS
from spinecoach.reports.trends import MCID_POINTS
from spinecoach.store.repository import Repository
from spinecoach.web.paging import AskedPages, page_links
from spinecoach.web.progress import load_period


def history_context(
    repository: Repository, person: PersonRecord, clock: Clock, asked: AskedPages, base: str
) -> dict[str, Any]:
    """Return the verdict, charts, activity scale and the asked pages of sessions and diary.

    base is the page's own address, for its Older and Newer links.
    """
    page = history_page(
        repository,
        person.id,
        clock.now(),
        sessions=asked.at["sessions"],
        diary=asked.at["diary"],
        limit=asked.limit,
    )
    trends = load_period(repository, person, clock, None).trends
    return {
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
        "pager": page_links(page, asked.query, base),
    }
