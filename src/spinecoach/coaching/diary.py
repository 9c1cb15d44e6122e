"""The pain diary and the session log: entries outside sessions and the history overview."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from spinecoach.records import Page, PageCursor, PainContext, PainEntryRecord, PersonRecord
from spinecoach.reports.history import (
    SessionSummary,
    diary_to_dict,
    sessions_this_week,
    streak_days,
    summarise_scored,
)
from spinecoach.store.keyset import MAX_PAGE
from spinecoach.store.repository import Repository

PAGE_SIZE = 20  # sessions and diary entries a page shows unless asked for more (MAX_PAGE at most)


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
    every = summarise_scored(
        repository.sessions(person.id),
        repository.exercise_outcomes_of_person(person.id),
        repository.session_pain_scores(person.id),
    )
    today = now.astimezone().date()
    counted = [s.session.started_at.astimezone() for s in every if s.counts]
    return HistoryOverview(
        sessions=tuple(s for s in every if since is None or s.session.started_at >= since),
        diary=tuple(repository.pain_entries(person.id, since=since, context=PainContext.DIARY)),
        streak_days=streak_days({start.date() for start in counted}, today),
        sessions_this_week=sessions_this_week(counted, today),
    )


@dataclass(frozen=True)
class PageAt:
    """Which page of a list to read: older than `before`, newer than `after`, or the newest."""

    before: PageCursor | None = None
    after: PageCursor | None = None


@dataclass(frozen=True)
class HistoryPage:
    """A page of sessions and a page of the diary, with the streak and this week's count."""

    sessions: Page[SessionSummary]
    diary: Page[PainEntryRecord]
    streak_days: int
    sessions_this_week: int
    limit: int

    def to_dict(self) -> dict[str, Any]:
        """Return GET /api/history: each page oldest first, and where the pages next to it begin."""
        return {
            "sessions": [summary.to_dict() for summary in self.sessions.items],
            "diary": [diary_to_dict(entry) for entry in self.diary.items],
            "streak_days": self.streak_days,
            "sessions_this_week": self.sessions_this_week,
            "limit": self.limit,
            "sessions_page": _links(self.sessions),
            "diary_page": _links(self.diary),
        }


def _links(page: Page[Any]) -> dict[str, Any]:
    """Return whether there are older and newer records, and the cursors that fetch them."""
    return {
        "has_older": page.older is not None,
        "older": page.older.text() if page.older else None,
        "has_newer": page.newer is not None,
        "newer": page.newer.text() if page.newer else None,
    }


def history_page(
    repository: Repository,
    person_id: int,
    now: datetime,
    *,
    sessions: PageAt = PageAt(),
    diary: PageAt = PageAt(),
    limit: int = PAGE_SIZE,
) -> HistoryPage:
    """Return one page of a person's sessions and of their diary: a few bounded reads.

    Depends only on the person and the repository, so the clinic's patient page can show a
    chosen patient's history with it.
    """
    limit = min(max(limit, 1), MAX_PAGE)
    found = repository.session_page(
        person_id, before=sessions.before, after=sessions.after, limit=limit
    )
    ids = [session.id for session in found.items]
    summaries = summarise_scored(
        found.items,
        repository.exercise_outcomes_of_person(person_id, only=ids),
        repository.session_pain_scores(person_id, only=ids),
    )
    streak, week = streak_and_week(repository, person_id, now)
    return HistoryPage(
        sessions=Page(tuple(summaries), found.older, found.newer),
        diary=repository.pain_page(
            person_id, PainContext.DIARY, before=diary.before, after=diary.after, limit=limit
        ),
        streak_days=streak,
        sessions_this_week=week,
        limit=limit,
    )


def streak_and_week(repository: Repository, person_id: int, now: datetime) -> tuple[int, int]:
    """Return the streak in days and this week's sessions, from every session that counts.

    Sessions and their results only: the pain scores, however many, are not read.
    """
    every = summarise_scored(
        repository.sessions(person_id), repository.exercise_outcomes_of_person(person_id), {}
    )
    today = now.astimezone().date()
    counted = [s.session.started_at.astimezone() for s in every if s.counts]
    return (
        streak_days({start.date() for start in counted}, today),
        sessions_this_week(counted, today),
    )
