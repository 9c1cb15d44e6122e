"""The Patient-Specific Functional Scale as a use case: when to offer it, and saving it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from spinecoach.records import PersonRecord, PsfsRating, PsfsRecord
from spinecoach.reports.function import activities_to_rate, psfs_due
from spinecoach.store.repository import Repository


@dataclass(frozen=True)
class PsfsOffer:
    """The scale is due: rate these activities again, or name new ones when empty."""

    activities: tuple[str, ...]

    @property
    def first_time(self) -> bool:
        """Say whether the person still has to name their activities."""
        return not self.activities


def psfs_offer(repository: Repository, person: PersonRecord, now: datetime) -> PsfsOffer | None:
    """Return what to ask when the scale is due (at the start, then every two weeks), or None."""
    entries = repository.psfs_entries(person.id)
    if not psfs_due(entries, now):
        return None
    return PsfsOffer(activities_to_rate(entries))


def save_psfs(
    repository: Repository, person: PersonRecord, ratings: Sequence[PsfsRating], now: datetime
) -> PsfsRecord:
    """Append a filled-in scale."""
    return repository.record_psfs(person.id, taken_at=now, ratings=ratings)
