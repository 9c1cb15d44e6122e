"""A session's life in the records: plan or resume, start, record each exercise, finish."""

from dataclasses import dataclass
from datetime import datetime

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import Routine
from spinecoach.errors import InvalidInputError
from spinecoach.planning import Constraints, PastSession, plan, routine_from_dict
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.records import (
    ExerciseResultRecord,
    PainContext,
    PersonRecord,
    ResumableSession,
    SessionRecord,
    SessionStatus,
)
from spinecoach.reports.history import past_sessions, summarise
from spinecoach.store.repository import Repository
from spinecoach.timeline import compile_timeline, total_seconds

STATUS_FOR = {
    StopReason.FINISHED: SessionStatus.COMPLETED,
    StopReason.PAIN: SessionStatus.STOPPED_PAIN,
    StopReason.QUIT: SessionStatus.QUIT,
}


@dataclass(frozen=True)
class PainDetails:
    """Where the pain is and how it feels, stored with every score of the session."""

    region: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Prepared:
    """The routine to play, where to start in it, and the session it continues, if any."""

    routine: Routine
    first_exercise: int
    resumed: ResumableSession | None

    @property
    def session_id(self) -> int | None:
        """Return the id of the resumed session, or None for a new one."""
        return self.resumed.session.id if self.resumed else None


def history_for_planning(repository: Repository, person: PersonRecord) -> list[PastSession]:
    """Return the person's ended sessions as the planner sees them."""
    sessions = repository.sessions(person.id)
    results = repository.exercise_outcomes_of_person(person.id)
    return past_sessions(summarise(sessions, results, repository.pain_entries(person.id)))


def plan_today(
    repository: Repository,
    person: PersonRecord,
    constraints: Constraints,
    catalog: Catalog,
    now: datetime,
) -> Routine:
    """Plan the next session from the constraints and the person's history."""
    history = history_for_planning(repository, person)
    return plan(constraints, history, now.date(), catalog)


def interrupted_session(repository: Repository, person: PersonRecord) -> ResumableSession | None:
    """Return the session that never ended, which the person may resume."""
    return repository.unfinished_session(person.id)


def resume(unfinished: ResumableSession, catalog: Catalog) -> Prepared:
    """Prepare to continue an interrupted session after its last recorded exercise."""
    routine = routine_from_dict(unfinished.session.routine, catalog)
    return Prepared(routine, unfinished.next_position, unfinished)


def close_interrupted(repository: Repository, unfinished: ResumableSession, now: datetime) -> None:
    """End an interrupted session as quit, so the next one starts fresh."""
    repository.finish_session(unfinished.session.id, status=SessionStatus.QUIT, ended_at=now)


def prepare(
    repository: Repository,
    person: PersonRecord,
    constraints: Constraints,
    catalog: Catalog,
    now: datetime,
    resume_choice: bool,
) -> Prepared:
    """Resume the interrupted session if asked, else close it and plan a new one."""
    unfinished = interrupted_session(repository, person)
    if unfinished is not None:
        if resume_choice:
            return resume(unfinished, catalog)
        close_interrupted(repository, unfinished, now)
    elif resume_choice:
        raise InvalidInputError("--resume: there is no interrupted session to resume")
    return Prepared(plan_today(repository, person, constraints, catalog, now), 0, None)


def pain_before_of(repository: Repository, person: PersonRecord, session_id: int) -> int | None:
    """Return the pain score given before a session, if one was recorded."""
    return next(
        (
            entry.score
            for entry in repository.pain_entries(person.id)
            if entry.session_id == session_id and entry.context is PainContext.BEFORE
        ),
        None,
    )


def begin_session(
    repository: Repository,
    person: PersonRecord,
    routine: Routine,
    pain_before: int,
    details: PainDetails,
    now: datetime,
) -> SessionRecord:
    """Record a new session in progress with its routine and the pain score before it."""
    planned = round(total_seconds(compile_timeline(routine)))
    session = repository.start_session(
        person.id,
        started_at=now,
        routine_id=routine.id,
        routine=routine.to_dict(),
        planned_seconds=planned,
    )
    record_session_pain(
        repository, person, session.id, pain_before, PainContext.BEFORE, details, now
    )
    return session


def record_session_pain(
    repository: Repository,
    person: PersonRecord,
    session_id: int,
    score: int,
    context: PainContext,
    details: PainDetails,
    now: datetime,
    note: str | None = None,
) -> None:
    """Append a pain score tied to a session."""
    repository.record_pain(
        person.id,
        recorded_at=now,
        score=score,
        context=context,
        region=details.region,
        kind=details.kind,
        note=note,
        session_id=session_id,
    )


def record_exercise(
    repository: Repository, session_id: int, ended: ExerciseEnded, now: datetime
) -> ExerciseResultRecord:
    """Write one ended exercise the moment it ends, so a crash loses at most the next one."""
    return repository.record_exercise_result(
        session_id,
        exercise_id=ended.exercise,
        position=ended.position,
        completed_at=now,
        repetitions_done=ended.repetitions_done,
        hold_seconds_actual=ended.hold_seconds,
        skipped=ended.skipped,
    )


def end_session(
    repository: Repository, session_id: int, reason: StopReason, now: datetime
) -> SessionRecord:
    """Record how the session ended; it can then no longer change."""
    return repository.finish_session(session_id, status=STATUS_FOR[reason], ended_at=now)
