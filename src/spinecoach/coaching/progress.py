"""Progress over weeks: load the records in a few batched reads and compute the trends once."""

from dataclasses import dataclass
from datetime import datetime

from spinecoach.records import PainEntryRecord, PersonRecord, PsfsRecord, ScreeningRecord
from spinecoach.reports.history import SessionSummary, summarise
from spinecoach.reports.trends import Trends, compute_trends
from spinecoach.store.repository import Repository


@dataclass(frozen=True)
class Progress:
    """The person's records for a period, joined, with their trends computed once."""

    person: PersonRecord
    summaries: list[SessionSummary]
    pains: list[PainEntryRecord]  # the period's pain entries
    psfs: list[PsfsRecord]
    screening: ScreeningRecord | None
    trends: Trends


def history_summaries(
    repository: Repository, person: PersonRecord
) -> tuple[list[SessionSummary], list[PainEntryRecord]]:
    """Return every session with its results and pain scores, and all pain entries."""
    sessions = repository.sessions(person.id)
    results = repository.exercise_outcomes_of_person(person.id)
    pains = repository.pain_entries(person.id)
    return summarise(sessions, results, pains), pains


def load_progress(
    repository: Repository, person: PersonRecord, now: datetime, since: datetime | None = None
) -> Progress:
    """Read the records and compute trends; now carries the person's local time zone."""
    # Trends see every session: which sessions are demos decides which pain scores count.
    summaries, pains = history_summaries(repository, person)
    psfs = repository.psfs_entries(person.id)
    trends = compute_trends(summaries, pains, psfs, now, since=since)
    shown = [s for s in summaries if since is None or s.session.started_at >= since]
    period = [p for p in pains if since is None or p.recorded_at >= since]
    return Progress(person, shown, period, psfs, repository.latest_screening(person.id), trends)


def doctor_report(progress: Progress) -> bytes:
    """Return the report for a doctor on this period's progress, as PDF bytes."""
    # Imported when a report is asked for: the PDF library is a fifth of the server's start-up.
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.reports.pdf import ReportData, doctor_report_pdf

    data = ReportData(
        person=progress.person,
        screening=progress.screening,
        summaries=progress.summaries,
        pains=progress.pains,
        psfs=progress.psfs,
        trends=progress.trends,
        catalog=default_catalog(),
    )
    return doctor_report_pdf(data)
