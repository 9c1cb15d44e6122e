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
    repository: Repository, person: PersonRecord, since: datetime | None = None
) -> tuple[list[SessionSummary], list[PainEntryRecord]]:
    """Return the sessions from `since` with their results and pain, and all pain entries."""
    sessions = repository.sessions(person.id, since=since)
    results = repository.exercise_outcomes_of_person(person.id, since=since)
    pains = repository.pain_entries(person.id)
    return summarise(sessions, results, pains), pains


def load_progress(
    repository: Repository, person: PersonRecord, now: datetime, since: datetime | None = None
) -> Progress:
    """Read the records and compute trends; now carries the person's local time zone."""
    summaries, pains = history_summaries(repository, person, since)
    psfs = repository.psfs_entries(person.id)
    trends = compute_trends(summaries, pains, psfs, now, since=since)
    shown = [p for p in pains if since is None or p.recorded_at >= since]
    return Progress(person, summaries, shown, psfs, repository.latest_screening(person.id), trends)


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
