"""Progress over weeks: load the records in a few batched reads and compute the trends once."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from spinecoach.records import PainEntryRecord, PersonRecord, PsfsRecord, ScreeningRecord
from spinecoach.reports.history import SessionSummary, summarise, summarise_scored
from spinecoach.reports.pain_scores import (
    MAX_LISTED,
    SAMPLE,
    SERIES_ORDER,
    PainScores,
    SeriesScores,
    WeekSums,
    series_of,
    week_bounds,
)
from spinecoach.reports.trends import Trends, VerdictKind, trends_of, verdict_kind
from spinecoach.safety.pain import LOOKBACK, PainEntry
from spinecoach.store.repository import Repository

# The report lists the person's notes in full; a diary of years may hold tens of thousands,
# so it lists the latest this many and says there are older ones.
MAX_NOTES = 200


@dataclass(frozen=True)
class Progress:
    """The person's records for a period, joined, with their trends computed once."""

    person: PersonRecord
    summaries: list[SessionSummary]
    pains: list[PainEntryRecord]  # the period's latest MAX_NOTES pain entries with a note
    more_notes: bool  # whether the period has notes older than those in `pains`
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


def session_summaries(repository: Repository, person_id: int) -> list[SessionSummary]:
    """Return every session with its results and pain before and after, in three reads."""
    return summarise_scored(
        repository.sessions(person_id),
        repository.exercise_outcomes_of_person(person_id),
        repository.session_pain_scores(person_id),
    )


def read_pain_scores(
    repository: Repository, person_id: int, now: datetime, since: datetime | None
) -> PainScores:
    """Return what trends read of the scores, from a few bounded reads whatever the diary's size."""
    series = {}
    for context in SERIES_ORDER:
        count = repository.pain_count(person_id, context, since)
        if count <= MAX_LISTED:
            every = repository.pain_ends(person_id, context, since, MAX_LISTED, latest=False)
            series[context] = series_of(context, every)
            continue
        first = repository.pain_ends(person_id, context, since, SAMPLE, latest=False)
        latest = repository.pain_ends(person_id, context, since, SAMPLE, latest=True)
        series[context] = SeriesScores(context, count, tuple(first), tuple(latest), ())
    weeks: list[WeekSums] = []
    ends = [(s.first[0].recorded_at, s.latest[-1].recorded_at) for s in series.values() if s.count]
    if ends:
        first_at, last_at = min(a for a, _ in ends), max(b for _, b in ends)
        mondays, bounds = week_bounds(first_at, last_at, now.tzinfo)
        sums = repository.weekly_pain_sums(person_id, SERIES_ORDER, bounds, since)
        weeks = [WeekSums(mondays[week], context, total, n) for week, context, total, n in sums]
    recent = repository.pain_since(person_id, now - LOOKBACK)
    return PainScores(
        series=series,
        weeks=tuple(sorted(weeks, key=lambda w: (w.monday, w.context))),
        recent=tuple(PainEntry(at, score) for at, score in recent),
    )


def load_progress(
    repository: Repository, person: PersonRecord, now: datetime, since: datetime | None = None
) -> Progress:
    """Read the records and compute trends; now carries the person's local time zone.

    The clinic's patient page calls this with the chosen patient: it depends on nothing but
    the person and the repository. Pain is read summed up, so its cost does not grow with
    the diary; sessions (a few a day at most) are read whole, as adherence needs every day.
    """
    # Trends see every session: which sessions are demos decides which pain scores count.
    summaries = session_summaries(repository, person.id)
    psfs = repository.psfs_entries(person.id)
    scores = read_pain_scores(repository, person.id, now, since)
    trends = trends_of(summaries, scores, psfs, now, since=since)
    shown = [s for s in summaries if since is None or s.session.started_at >= since]
    # One more than shown: enough to say there are older notes without counting them all.
    notes = repository.pain_notes(person.id, since, MAX_NOTES + 1)
    return Progress(
        person,
        shown,
        notes[-MAX_NOTES:],
        len(notes) > MAX_NOTES,
        psfs,
        repository.latest_screening(person.id),
        trends,
    )


def pain_verdicts(
    repository: Repository,
    psfs: Mapping[int, Sequence[PsfsRecord]],
    now: datetime,
) -> dict[int, VerdictKind]:
    """Return each person's verdict as their history shows it, for a page of patients at once.

    psfs maps each person to their activity-scale entries (the first and latest are enough).
    Three reads for the whole page: a series' count and first and latest scores and the pain
    rule's recent scores are all the verdict needs; the sessions a change spans only word it.
    """
    ends = repository.pain_ends_of_many(list(psfs), SERIES_ORDER, SAMPLE, now - LOOKBACK)
    verdicts = {}
    for person_id, found in ends.items():
        scores = PainScores(
            series={
                context: SeriesScores(
                    context,
                    found.counts.get(context, 0),
                    tuple(found.first.get(context, ())),
                    tuple(found.latest.get(context, ())),
                    (),
                )
                for context in SERIES_ORDER
            },
            weeks=(),
            recent=tuple(PainEntry(at, score) for at, score in found.recent),
        )
        verdicts[person_id] = verdict_kind(scores, psfs[person_id], now)
    return verdicts


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
        more_notes=progress.more_notes,
        psfs=progress.psfs,
        trends=progress.trends,
        catalog=default_catalog(),
    )
    return doctor_report_pdf(data)
