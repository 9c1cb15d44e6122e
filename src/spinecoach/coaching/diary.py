"""The pain diary and the session log: entries outside sessions and the history overview."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from spinecoach.records import PainContext, PainEntryRecord, PersonRecord
from spinecoach.reports.history import (
    SessionSummary,
    diary_to_dict,
    sessions_this_week,
    streak_days,
    summarise,
)
from spinecoach.store.repository import Repository


@dataclass(frozen=True)
class HistoryOverview:
    """Sessions with their pain scores, diary entries, the streak and this week's count."""

    sessions: tuple[SessionSummary, ...]
    diary: tuple[PainEntryRecord, ...]
    streak_days: int
    sessions_this_week: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of `spinecoach history --json` and GET /api/history."""
        return {
            "sessions": [summary.to_dict() for summary in self.sessions],
            "diary": [diary_to_dict(entry) for entry in self.diary],
            "streak_days": self.streak_days,
            "sessions_this_week": self.sessions_this_week,
        }


def record_diary_entry(
    repository: Repository,
    person: PersonRecord,
    score: int,
    now: datetime,
    region: str | None = None,
    kind: str | None = None,
    note: str | None = None,
) -> PainEntryRecord:
    """Append a pain score given outside a session."""
    return repository.record_pain(
        person.id,
        recorded_at=now,
        score=score,
        context=PainContext.DIARY,
        region=region,
        kind=kind,
        note=note,
    )


def history_overview(
    repository: Repository, person: PersonRecord, now: datetime, since: datetime | None = None
) -> HistoryOverview:
    """Return the history from `since` on; streak and week count use every session that counts."""
    # One query for every session's results: a query per session took most of the time.
    pains = repository.pain_entries(person.id)
    every = summarise(
        repository.sessions(person.id), repository.exercise_outcomes_of_person(person.id), pains
    )
    today = now.astimezone().date()
    counted = [s.session.started_at.astimezone() for s in every if s.counts]
    return HistoryOverview(
        sessions=tuple(s for s in every if since is None or s.session.started_at >= since),
        diary=tuple(
            p
            for p in pains
            if p.context is PainContext.DIARY and (since is None or p.recorded_at >= since)
        ),
        streak_days=streak_days({start.date() for start in counted}, today),
        sessions_this_week=sessions_this_week(counted, today),
    )
