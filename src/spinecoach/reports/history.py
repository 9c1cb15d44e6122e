"""Summaries of past sessions: pain before and after, streaks, and the planner's view of history."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from spinecoach.progression import PastSession
from spinecoach.records import (
    PainContext,
    PainEntryRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.session_outcome import SessionOutcome, counts_as_session, outcome_of

# How each session status reads in plain words (history, summaries, the web app).
STATUS_WORDS = {
    SessionStatus.COMPLETED: "completed",
    SessionStatus.STOPPED_PAIN: "stopped: pain got worse",
    SessionStatus.QUIT: "stopped early",
    SessionStatus.IN_PROGRESS: "not finished yet (can be resumed)",
}
# How each outcome reads: the status alone would call a session with every stretch skipped
# "completed".
OUTCOME_WORDS = {
    SessionOutcome.ALL_DONE: "every stretch done",
    SessionOutcome.SOME_DONE: "some stretches done",
    SessionOutcome.NONE_DONE: "every stretch skipped",
    SessionOutcome.STOPPED_PAIN: "stopped: pain got worse",
    SessionOutcome.QUIT: "stopped early",
    SessionOutcome.IN_PROGRESS: "not finished yet (can be resumed)",
}


class ExerciseDone(Protocol):
    """What a summary reads of an exercise result; full records and outcomes both have it."""

    @property
    def exercise_id(self) -> str: ...
    @property
    def position(self) -> int: ...
    @property
    def skipped(self) -> bool: ...


@dataclass(frozen=True)
class SessionSummary:
    """One session as a person reads it in their history."""

    session: SessionRecord
    done: tuple[str, ...]
    skipped: tuple[str, ...]
    pain_before: int | None
    pain_after: int | None
    pain_worse_during: str | None
    # Planned stretches the session never reached (it was stopped or quit before them).
    not_reached: tuple[str, ...] = ()

    @property
    def outcome(self) -> SessionOutcome:
        """Return what the session came to: all, some or none done, stopped for pain, quit."""
        planned = len(self.done) + len(self.skipped) + len(self.not_reached)
        return outcome_of(self.session.status, len(self.done), planned)

    @property
    def counts(self) -> bool:
        """Return whether it counts as a session (session_outcome.py gives the rule)."""
        return counts_as_session(self.session.status, self.session.speed, len(self.done))

    @property
    def routine_name(self) -> str:
        """Return the routine's name as it was shown when the session was planned."""
        name = self.session.routine.get("name")
        return name if isinstance(name, str) else self.session.routine_id

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape used by `spinecoach history --json`."""
        session = self.session
        return {
            "id": session.id,
            "started_at": session.started_at.isoformat(),
            "ended_at": session.ended_at.isoformat() if session.ended_at else None,
            "routine_id": session.routine_id,
            "routine_name": self.routine_name,
            "status": session.status.value,
            "status_text": STATUS_WORDS[session.status],
            "outcome": self.outcome.value,
            "outcome_text": OUTCOME_WORDS[self.outcome],
            "counts": self.counts,
            "planned_seconds": session.planned_seconds,
            "exercises_done": list(self.done),
            "exercises_skipped": list(self.skipped),
            "exercises_not_reached": list(self.not_reached),
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "pain_worse_during": self.pain_worse_during,
            "speed": session.speed,
            "demo": session.demo,
        }


def planned_exercises(session: SessionRecord) -> tuple[str | None, ...]:
    """Return the exercise id at each position of the session's stored routine, or None."""
    planned = session.routine.get("exercises")
    if not isinstance(planned, list):
        return ()
    ids = (entry.get("exercise") if isinstance(entry, dict) else None for entry in planned)
    return tuple(exercise if isinstance(exercise, str) else None for exercise in ids)


def not_reached(session: SessionRecord, results: Sequence[ExerciseDone]) -> tuple[str, ...]:
    """Return the planned stretches of an ended session that have no result, in routine order."""
    if session.status is SessionStatus.IN_PROGRESS:
        return ()
    recorded = {r.position for r in results}
    planned = planned_exercises(session)
    return tuple(e for p, e in enumerate(planned) if e is not None and p not in recorded)


def exercise_in_progress(session: SessionRecord, results: Sequence[ExerciseDone]) -> str | None:
    """Return the exercise a session stopped in: the one after the last recorded result."""
    planned = planned_exercises(session)
    position = max((r.position for r in results), default=-1) + 1
    return planned[position] if position < len(planned) else None


def summarise(
    sessions: Iterable[SessionRecord],
    results: Mapping[int, Sequence[ExerciseDone]],
    pains: Iterable[PainEntryRecord],
) -> list[SessionSummary]:
    """Join sessions with their exercise results and the pain scores given before and after."""
    scores: dict[tuple[int, PainContext], int] = {}
    for pain in pains:
        if pain.session_id is not None:
            scores[(pain.session_id, pain.context)] = pain.score
    summaries = []
    for session in sessions:
        done = results.get(session.id, ())
        stopped = session.status is SessionStatus.STOPPED_PAIN
        summaries.append(
            SessionSummary(
                session,
                tuple(r.exercise_id for r in done if not r.skipped),
                tuple(r.exercise_id for r in done if r.skipped),
                scores.get((session.id, PainContext.BEFORE)),
                scores.get((session.id, PainContext.AFTER)),
                exercise_in_progress(session, done) if stopped else None,
                not_reached(session, done),
            )
        )
    return summaries


def scores_outside_demos(
    pains: Iterable[PainEntryRecord], summaries: Iterable[SessionSummary]
) -> list[PainEntryRecord]:
    """Return the pain scores not given around a demonstration session."""
    demos = {s.session.id for s in summaries if s.session.demo}
    return [p for p in pains if p.session_id is None or p.session_id not in demos]


def diary_to_dict(entry: PainEntryRecord) -> dict[str, Any]:
    """Return the JSON shape of one pain entry in `spinecoach history --json` and the API."""
    return {
        "id": entry.id,
        "recorded_at": entry.recorded_at.isoformat(),
        "score": entry.score,
        "region": entry.region.value if entry.region else None,
        "kind": entry.kind.value if entry.kind else None,
        "context": entry.context.value,
        "note": entry.note,
        "session_id": entry.session_id,
    }


def past_sessions(summaries: Iterable[SessionSummary]) -> list[PastSession]:
    """Return the planner's view of history: day, exercises planned and done, pain around it."""
    return [
        PastSession(
            day=summary.session.started_at.date(),
            exercises=summary.done,
            pain_before=summary.pain_before,
            pain_after=summary.pain_after,
            pain_worse_during=summary.pain_worse_during,
            completed=summary.session.status is SessionStatus.COMPLETED,
            speed=summary.session.speed,
            session_id=summary.session.id,
            planned=tuple(e for e in planned_exercises(summary.session) if e is not None),
        )
        for summary in summaries
        if summary.session.status is not SessionStatus.IN_PROGRESS
    ]


def streak_days(days: Iterable[date], today: date) -> int:
    """Return how many days in a row, ending today or yesterday, had at least one session."""
    active = set(days)
    day = today if today in active else today - timedelta(days=1)
    streak = 0
    while day in active:
        streak += 1
        day -= timedelta(days=1)
    return streak


def sessions_this_week(starts: Iterable[datetime], today: date) -> int:
    """Return how many sessions started in the calendar week (Monday to Sunday) of today."""
    monday = today - timedelta(days=today.weekday())
    return sum(1 for start in starts if monday <= start.date() <= today)
