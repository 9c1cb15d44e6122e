"""What trends read of the pain scores: each series' ends and count, weekly sums, recent scores.

A person may hold hundreds of thousands of scores; trends need only these few numbers, which the
store computes in SQL (Repository.pain_series, weekly_pain_sums, pain_since) and which
pain_scores_of computes the same way from records already in memory.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from spinecoach.records import PainContext, PainEntryRecord
from spinecoach.reports.adherence import monday_of
from spinecoach.safety.pain import LOOKBACK, PERSISTENCE_SAMPLE, PainEntry

SAMPLE = PERSISTENCE_SAMPLE  # scores averaged at each end of a series
SERIES_ORDER = (PainContext.BEFORE, PainContext.DIARY)
# Above this many scores in a series the chart draws no dots (they would be a smear) and
# nothing lists them one by one: the weekly means carry the picture.
MAX_LISTED = 400


@dataclass(frozen=True)
class SeriesScores:
    """One series' scores in the window: how many, the earliest and latest few, all if few."""

    context: PainContext
    count: int
    first: tuple[PainEntryRecord, ...]  # the earliest SAMPLE, oldest first
    latest: tuple[PainEntryRecord, ...]  # the latest SAMPLE, oldest first
    every: tuple[PainEntryRecord, ...]  # all of them, oldest first, if at most MAX_LISTED


@dataclass(frozen=True)
class WeekSums:
    """One local calendar week's total and number of scores in one series."""

    monday: date
    context: PainContext
    total: int
    count: int


@dataclass(frozen=True)
class PainScores:
    """The window's series, their weekly sums, and every score of the pain rule's lookback."""

    series: Mapping[PainContext, SeriesScores]
    weeks: tuple[WeekSums, ...]
    recent: tuple[PainEntry, ...]  # all contexts, outside demos, from now - LOOKBACK on

    @property
    def count(self) -> int:
        """Return how many before-session and diary scores the window holds."""
        return sum(series.count for series in self.series.values())

    def first_at(self) -> datetime | None:
        """Return when the window's earliest score was given, or None without scores."""
        return min((s.first[0].recorded_at for s in self.series.values() if s.first), default=None)


def series_of(context: PainContext, ordered: Sequence[PainEntryRecord]) -> SeriesScores:
    """Return a series from all its scores, oldest first (ties in id order, as the store)."""
    return SeriesScores(
        context=context,
        count=len(ordered),
        first=tuple(ordered[:SAMPLE]),
        latest=tuple(ordered[-SAMPLE:]),
        every=tuple(ordered) if len(ordered) <= MAX_LISTED else (),
    )


def week_bounds(
    first: datetime, last: datetime, zone: tzinfo | None
) -> tuple[list[date], list[datetime]]:
    """Return the local Mondays from first's week to last's, and the instants between them.

    Week i runs from bounds[i] to bounds[i + 1], so there is one bound more than Mondays.
    """
    monday = monday_of(first.astimezone(zone).date())
    end = last.astimezone(zone).date()
    mondays = []
    while monday <= end:
        mondays.append(monday)
        monday += timedelta(days=7)
    bounds = [datetime.combine(day, time(), tzinfo=zone) for day in [*mondays, monday]]
    return mondays, bounds


def pain_scores_of(
    pains: Iterable[PainEntryRecord], now: datetime, since: datetime | None
) -> PainScores:
    """Return the PainScores of records already in memory (demo scores already left out)."""
    kept = list(pains)
    ordered = {
        context: sorted(
            (p for p in kept if p.context is context and (since is None or p.recorded_at >= since)),
            key=lambda p: p.recorded_at,
        )
        for context in SERIES_ORDER
    }
    sums: dict[tuple[date, PainContext], list[int]] = {}
    for context, scores in ordered.items():
        for pain in scores:
            week = monday_of(pain.recorded_at.astimezone(now.tzinfo).date())
            sums.setdefault((week, context), []).append(pain.score)
    recent = tuple(
        PainEntry(p.recorded_at, p.score) for p in kept if p.recorded_at >= now - LOOKBACK
    )
    return PainScores(
        series={context: series_of(context, scores) for context, scores in ordered.items()},
        weeks=tuple(
            WeekSums(week, context, sum(values), len(values))
            for (week, context), values in sorted(sums.items())
        ),
        recent=recent,
    )
