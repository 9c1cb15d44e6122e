"""A session's life in the records: plan or resume, start, record each exercise, finish."""

from dataclasses import dataclass
from datetime import datetime

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import Routine
from spinecoach.errors import ConflictError, InvalidInputError, NotFoundError
from spinecoach.planning import Constraints, Remaining, plan, remaining_within, routine_from_dict
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.prescribing import programme_template
from spinecoach.progression import PastSession
from spinecoach.records import (
    CameraCounts,
    ExerciseResultRecord,
    PainContext,
    PersonRecord,
    ResumableSession,
    SessionRecord,
    SessionStatus,
)
from spinecoach.reports.history import past_sessions, summarise_scored
from spinecoach.store.liveness import SessionOwner, is_live, owned_by
from spinecoach.store.repository import Repository
from spinecoach.store.result_batches import NewResult
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
    """The routine to play, where to start in it, and the session it continues, if any.

    A resumed routine holds only what is left to play and is allowed now; positions gives the
    planned position of each of its items, under which its result is recorded. alongside
    counts the sessions other processes are playing right now, which this one leaves alone.
    replaces is the interrupted session a new one closes when it begins (begin_prepared).
    """

    routine: Routine
    first_exercise: int
    resumed: ResumableSession | None
    positions: tuple[int, ...] = ()
    alongside: int = 0
    replaces: ResumableSession | None = None

    @property
    def session_id(self) -> int | None:
        """Return the id of the resumed session, or None for a new one."""
        return self.resumed.session.id if self.resumed else None

    def stored_position(self, index: int) -> int:
        """Return the position under which the routine's item `index` is recorded."""
        return self.positions[index] if self.positions else index


def history_for_planning(repository: Repository, person: PersonRecord) -> list[PastSession]:
    """Return the person's ended sessions as the planner sees them."""
    sessions = repository.sessions(person.id)
    results = repository.exercise_outcomes_of_person(person.id)
    # The scores around sessions only: a long diary is not read to plan a session.
    scores = repository.session_pain_scores(person.id)
    return past_sessions(summarise_scored(sessions, results, scores))


def plan_today(
    repository: Repository,
    person: PersonRecord,
    constraints: Constraints,
    catalog: Catalog,
    now: datetime,
) -> Routine:
    """Plan the next session from the constraints and the person's history.

    A clinic's patient with a programme in force does its stretches at its doses (fitted to
    the place and minutes, never above them); anyone else gets the routine chosen or a free one.
    """
    history = history_for_planning(repository, person)
    programme = repository.current_programme(person.id, now.date())
    prescribed = None if programme is None else programme_template(programme.exercises)
    return plan(constraints, history, now.date(), catalog, prescribed)


def live_sessions(repository: Repository, person: PersonRecord, now: datetime) -> int:
    """Return how many of the person's sessions other processes are playing right now."""
    return sum(is_live(u.session, now) for u in repository.unfinished_sessions(person.id))


def interrupted_session(
    repository: Repository, person: PersonRecord, now: datetime
) -> ResumableSession | None:
    """Return the latest session that never ended and that no live process is playing.

    A session another process is still playing is never offered, resumed or closed here: two
    sessions on one database run alongside each other (store/liveness.py says why).
    """
    return next(
        (u for u in repository.unfinished_sessions(person.id) if not is_live(u.session, now)),
        None,
    )


def resume(
    repository: Repository,
    person: PersonRecord,
    unfinished: ResumableSession,
    constraints: Constraints,
    catalog: Catalog,
    now: datetime,
    speed: float = 1.0,
    owner: SessionOwner | None = None,
) -> Prepared:
    """Take over an interrupted session and prepare what is left of it that is allowed now.

    What the person avoids now wins over what was planned: excluded exercises are left out with
    a note, a different routine or too few minutes is refused with a clear message. Every
    front end resumes this way. owner is who will play it (this process, or a browser), and
    claims it: whoever played it before is then refused (store/liveness.py). Without an owner
    (a look at what is left) nothing is claimed.
    """
    session = unfinished.session
    if constraints.routine is not None and constraints.routine != session.routine_id:
        raise ConflictError(
            f"the interrupted session is {session.routine_id}, not {constraints.routine}",
            field="routine",
        )
    routine = routine_from_dict(session.routine, catalog)
    start = unfinished.next_position
    if start >= len(routine.items):  # stopped after its last exercise: only the close is left
        rest = Remaining(routine, tuple(range(len(routine.items))), ())
    else:
        history = history_for_planning(repository, person)
        rest = remaining_within(routine, start, constraints, history, now.date(), catalog)
        start = 0
    if owner is not None and not owned_by(session, owner):
        repository.claim_session(session, owner=owner, now=now, speed=speed)
    return Prepared(rest.routine, start, unfinished, rest.positions)


def close_interrupted(repository: Repository, unfinished: ResumableSession, now: datetime) -> bool:
    """End an abandoned session as quit, so the next one starts fresh; return whether it was.

    If another process resumed it a moment ago, it is left to that process.
    """
    return repository.close_abandoned_session(unfinished.session, ended_at=now)


def prepare(
    repository: Repository,
    person: PersonRecord,
    constraints: Constraints,
    catalog: Catalog,
    now: datetime,
    resume_choice: bool,
    speed: float = 1.0,
) -> Prepared:
    """Resume the interrupted session if asked, else plan a new one that will replace it.

    Nothing is closed here: the person may still turn the plan down, or their input may end,
    so the interrupted session is closed only when the new one begins (begin_prepared).
    speed is how fast it will play: resuming faster than normal marks the session as a demo.
    """
    unfinished = interrupted_session(repository, person, now)
    alongside = live_sessions(repository, person, now)
    if unfinished is not None and resume_choice:
        owner = SessionOwner.this_process()
        return resume(repository, person, unfinished, constraints, catalog, now, speed, owner)
    if unfinished is None and resume_choice:
        playing = " (the one still playing elsewhere cannot be)" if alongside else ""
        raise InvalidInputError(
            f"there is no interrupted session to resume{playing}", field="resume"
        )
    routine = plan_today(repository, person, constraints, catalog, now)
    return Prepared(routine, 0, None, alongside=alongside, replaces=unfinished)


def own_session(repository: Repository, person: PersonRecord, session_id: int) -> SessionRecord:
    """Return one of the person's sessions or raise NotFoundError."""
    found = repository.session(session_id)
    if found is None or found.person_id != person.id:
        raise NotFoundError(f"there is no session {session_id}")
    return found


def pain_before_of(repository: Repository, person: PersonRecord, session_id: int) -> int | None:
    """Return the pain score given before a session, if one was recorded."""
    return next(
        (
            entry.score
            for entry in repository.pain_of_session(person.id, session_id)
            if entry.context is PainContext.BEFORE
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
    speed: float = 1.0,
    owner: SessionOwner | None = None,
) -> SessionRecord:
    """Record a new session in progress with its routine and the pain score before it.

    speed is stored so a demonstration is marked as one. owner plays it: this process unless
    a browser is given (any web worker serves a browser's requests); see store/liveness.py.
    """
    planned = round(total_seconds(compile_timeline(routine)))
    session = repository.start_session(
        person.id,
        started_at=now,
        routine_id=routine.id,
        routine=routine.to_dict(),
        planned_seconds=planned,
        speed=speed,
        owner=owner or SessionOwner.this_process(),
    )
    record_session_pain(
        repository, person, session.id, pain_before, PainContext.BEFORE, details, now
    )
    return session


@dataclass(frozen=True)
class Begun:
    """A new session in progress, and the interrupted one closed to make way for it, if any."""

    session: SessionRecord
    closed: ResumableSession | None


def begin_prepared(
    repository: Repository,
    person: PersonRecord,
    prepared: Prepared,
    pain_before: int,
    details: PainDetails,
    now: datetime,
    speed: float = 1.0,
    owner: SessionOwner | None = None,
) -> Begun:
    """Close the interrupted session the plan replaces, then begin the planned one.

    Call it only once the person has really started (plan accepted, pain score given): until
    then the interrupted session stays as it was, to be resumed next time.
    """
    replaced = prepared.replaces
    closed = replaced if replaced and close_interrupted(repository, replaced, now) else None
    session = begin_session(
        repository, person, prepared.routine, pain_before, details, now, speed, owner
    )
    return Begun(session, closed)


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


def result_to_write(
    session_id: int,
    ended: ExerciseEnded,
    now: datetime,
    person: PersonRecord | None = None,
    position: int | None = None,
    camera: CameraCounts | None = None,
    idempotency_key: str | None = None,
    player: SessionOwner | None = None,
) -> NewResult:
    """Return what to store of an ended exercise; with a person, only their session takes it.

    position is where it was planned, when that differs from its place in what was played
    (a resumed session plays only what is left). camera is what the camera coach counted on
    the person's device, or None when the camera was off. idempotency_key is the sender's
    name for this result, the same on every retry. player is the browser that sends it: once
    another window carried the session on, it is refused (ConflictError).
    """
    return NewResult(
        session_id=session_id,
        exercise_id=ended.exercise,
        position=ended.position if position is None else position,
        completed_at=now,
        repetitions_done=ended.repetitions_done,
        hold_seconds_actual=ended.hold_seconds,
        skipped=ended.skipped,
        person_id=None if person is None else person.id,
        camera=camera,
        idempotency_key=idempotency_key,
        player=player,
    )


def record_exercise(
    repository: Repository,
    session_id: int,
    ended: ExerciseEnded,
    now: datetime,
    position: int | None = None,
    camera: CameraCounts | None = None,
) -> ExerciseResultRecord:
    """Write one ended exercise the moment it ends, so a crash loses at most the next one."""
    item = result_to_write(session_id, ended, now, position=position, camera=camera)
    return repository.record_result(item)


def end_session(
    repository: Repository,
    session_id: int,
    reason: StopReason,
    now: datetime,
    stretching: str | None = None,
) -> SessionRecord:
    """Record how the session ended (and, stopped for pain, in which stretch); then it is fixed."""
    return repository.finish_session(
        session_id,
        status=STATUS_FOR[reason],
        ended_at=now,
        pain_worse_during=stretching if reason is StopReason.PAIN else None,
    )
