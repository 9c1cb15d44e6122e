"""Build plain records for report tests: sessions with pain scores, diary entries, PSFS."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from spinecoach.records import (
    ExerciseOutcome,
    JsonObject,
    PainContext,
    PainEntryRecord,
    PsfsRating,
    PsfsRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.reports.history import SessionSummary, summarise

# Wednesday noon, UTC: the "now" of the report tests.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@dataclass
class Diary:
    """A growing set of records with ids handed out in order."""

    sessions: list[SessionRecord] = field(default_factory=list)
    pains: list[PainEntryRecord] = field(default_factory=list)
    results: dict[int, list[ExerciseOutcome]] = field(default_factory=dict)

    def session(
        self,
        at: datetime,
        before: int | None = None,
        after: int | None = None,
        status: SessionStatus = SessionStatus.COMPLETED,
        exercises: Sequence[str] = ("knee-to-chest", "hip-bridge"),
        done: int | None = None,
        speed: float = 1.0,
        routine_id: str = "morning-floor",
        routine: JsonObject | None = None,
    ) -> SessionRecord:
        """Add a session at `at` with its pain before and after and its first `done` stretches.

        By default a completed session did every stretch, a stopped one the first, and one in
        progress none yet. routine is the stored snapshot; exercises should match its ids.
        """
        record = SessionRecord(
            id=len(self.sessions) + 1,
            person_id=1,
            started_at=at,
            routine_id=routine_id,
            routine=routine or {"exercises": [{"exercise": e} for e in exercises]},
            planned_seconds=300,
            status=status,
            ended_at=None if status is SessionStatus.IN_PROGRESS else at + timedelta(minutes=5),
            speed=speed,
        )
        self.sessions.append(record)
        if done is None:
            done = {SessionStatus.COMPLETED: len(exercises), SessionStatus.IN_PROGRESS: 0}.get(
                status, 1
            )
        if status is SessionStatus.STOPPED_PAIN and done < len(exercises):
            # Stopped for pain while moving in the stretch after the last one done.
            record = replace(record, pain_worse_during=exercises[done])
            self.sessions[-1] = record
        finished = len(exercises) if status is SessionStatus.COMPLETED else done
        self.results[record.id] = [
            ExerciseOutcome(exercise, position, skipped=position >= done)
            for position, exercise in enumerate(exercises[:finished])
        ]
        if before is not None:
            self.pain(at, before, PainContext.BEFORE, record.id)
        if after is not None:
            self.pain(at + timedelta(minutes=5), after, PainContext.AFTER, record.id)
        return record

    def pain(
        self,
        at: datetime,
        score: int,
        context: PainContext = PainContext.DIARY,
        session_id: int | None = None,
        note: str | None = None,
    ) -> None:
        """Add a pain score."""
        self.pains.append(
            PainEntryRecord(
                id=len(self.pains) + 1,
                person_id=1,
                recorded_at=at,
                score=score,
                region=None,
                kind=None,
                context=context,
                note=note,
                session_id=session_id,
            )
        )

    def summaries(self) -> list[SessionSummary]:
        """Return the sessions joined with their exercise results and pain scores."""
        return summarise(self.sessions, self.results, self.pains)


def before_series(
    first: Iterable[int], latest: Iterable[int], *, start: datetime, span_days: float
) -> Diary:
    """Three sessions on consecutive days from start, three more ending span_days later."""
    diary = Diary()
    end = start + timedelta(days=span_days)
    for offset, score in zip((0, 1, 2), first, strict=True):
        diary.session(start + timedelta(days=offset), before=score, after=score)
    for offset, score in zip((2, 1, 0), latest, strict=True):
        diary.session(end - timedelta(days=offset), before=score, after=score)
    return diary


def psfs(entry_id: int, at: datetime, **scores: int) -> PsfsRecord:
    """Return a PSFS entry rating the given activities (underscores become spaces)."""
    ratings = tuple(PsfsRating(activity=k.replace("_", " "), score=v) for k, v in scores.items())
    return PsfsRecord(id=entry_id, person_id=1, taken_at=at, ratings=ratings)


def days_ago(days: float) -> datetime:
    """Return the time `days` before NOW."""
    return NOW - timedelta(days=days)
