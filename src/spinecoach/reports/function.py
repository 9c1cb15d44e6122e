"""The Patient-Specific Functional Scale: when to offer it and whether function has changed.

The person names up to five activities their back pain makes hard and rates each 0-10 (0 unable
to do it, 10 able to do it as before the pain); later they rate the same activities again.
Free to use; Stratford et al. 1995, Physiotherapy Canada 47(4):258-263.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from spinecoach.records import PsfsRecord
from spinecoach.words import plural

# Asked at the start, then offered every two weeks: often enough to see change over a course
# of stretching, rarely enough not to nag (the scale is usually repeated at each review).
PSFS_INTERVAL = timedelta(days=14)
# Minimal detectable change (Stratford 1995): 2 points for the average of the activities,
# 3 points for a single activity. Smaller changes are within the scale's measurement error.
MDC_MEAN = 2.0
MDC_ACTIVITY = 3
PSFS_INSTRUCTIONS = (
    "Name up to five activities your back pain makes hard to do (for example putting on"
    " socks, sitting through a film, lifting a child). Rate each from 0 to 10: 0 means you"
    " cannot do it at all, 10 means you can do it as well as before the pain."
)


def psfs_due(entries: Sequence[PsfsRecord], now: datetime) -> bool:
    """Say whether to offer the scale: never filled in, or the latest is two weeks old or more."""
    if not entries:
        return True
    latest = max(entry.taken_at for entry in entries)
    return now - latest >= PSFS_INTERVAL


def activities_to_rate(entries: Sequence[PsfsRecord]) -> tuple[str, ...]:
    """Return the activities named the first time, which later entries rate again."""
    if not entries:
        return ()
    first = min(entries, key=lambda entry: (entry.taken_at, entry.id))
    return tuple(rating.activity for rating in first.ratings)


class FunctionDirection(StrEnum):
    """How function changed against the scale's detectable change."""

    BETTER = "better"
    NO_DETECTABLE_CHANGE = "no-detectable-change"
    WORSE = "worse"


@dataclass(frozen=True)
class ActivityChange:
    """One activity rated the first and the latest time."""

    activity: str
    first: int
    latest: int

    @property
    def detectable(self) -> bool:
        """Say whether this activity moved by at least the single-activity detectable change."""
        return abs(self.latest - self.first) >= MDC_ACTIVITY


@dataclass(frozen=True)
class FunctionChange:
    """The first and latest scale compared: mean change and each activity's change."""

    first: PsfsRecord
    latest: PsfsRecord
    activities: tuple[ActivityChange, ...]

    @property
    def first_mean(self) -> float:
        """Return the first mean over the activities rated both times (like with like)."""
        if not self.activities:
            return self.first.mean
        return sum(a.first for a in self.activities) / len(self.activities)

    @property
    def latest_mean(self) -> float:
        """Return the latest mean over the activities rated both times."""
        if not self.activities:
            return self.latest.mean
        return sum(a.latest for a in self.activities) / len(self.activities)

    @property
    def change(self) -> float:
        """Return the latest mean minus the first mean; higher is better function."""
        return self.latest_mean - self.first_mean

    @property
    def direction(self) -> FunctionDirection:
        """Return better, worse or no detectable change, judged on the mean (MDC 2 points)."""
        # Rounded so that a float like 1.9999999 from the division does not miss the boundary.
        change = round(self.change, 6)
        if change >= MDC_MEAN:
            return FunctionDirection.BETTER
        if change <= -MDC_MEAN:
            return FunctionDirection.WORSE
        return FunctionDirection.NO_DETECTABLE_CHANGE

    def sentence(self) -> str:
        """Describe the change in plain words with its numbers."""
        days = (self.latest.taken_at - self.first.taken_at).days
        if days >= 7:
            span = f"over {plural(round(days / 7), 'week')}"
        else:
            span = f"over {plural(days, 'day')}" if days else "on the same day"
        numbers = f"from {self.first_mean:.1f} to {self.latest_mean:.1f} out of 10 {span}"
        if self.direction is FunctionDirection.BETTER:
            words = "better, beyond the 2-point detectable change"
        elif self.direction is FunctionDirection.WORSE:
            words = "worse, beyond the 2-point detectable change"
        else:
            words = "no change beyond the scale's 2-point measurement error"
        moved = [a.activity for a in self.activities if a.detectable]
        extra = f"; {plural(len(moved), 'activity', 'activities')} moved 3 points or more"
        extra = extra if moved else ""
        return f"Everyday activities (PSFS): {words} ({numbers}{extra})."


def function_change(entries: Sequence[PsfsRecord]) -> FunctionChange | None:
    """Compare the first and latest entries; None until the scale was filled in twice."""
    if len(entries) < 2:
        return None
    ordered = sorted(entries, key=lambda entry: (entry.taken_at, entry.id))
    first, latest = ordered[0], ordered[-1]
    latest_scores = {rating.activity.casefold(): rating.score for rating in latest.ratings}
    activities = tuple(
        ActivityChange(rating.activity, rating.score, latest_scores[rating.activity.casefold()])
        for rating in first.ratings
        if rating.activity.casefold() in latest_scores
    )
    return FunctionChange(first, latest, activities)
