"""JSON API: start or resume a session, record each exercise once, finish with a summary."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response, status

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import Routine
from spinecoach.coaching.preferences import SessionPreferences, remember
from spinecoach.coaching.safety_gate import refuse_unless_safe, safety_gate
from spinecoach.coaching.sessions import (
    STATUS_FOR,
    PainDetails,
    begin_prepared,
    end_session,
    interrupted_session,
    pain_before_of,
    prepare,
    record_session_pain,
    result_to_write,
    resume_point,
)
from spinecoach.coaching.summary import summarise_session
from spinecoach.errors import ConflictError, NotFoundError
from spinecoach.planning import Constraints
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.records import (
    CameraCounts,
    ExerciseResultRecord,
    PainContext,
    PersonRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.store.repository import Repository
from spinecoach.timeline import compile_timeline, timeline_to_dict
from spinecoach.web.deps import CatalogDep, ClockDep, PersonDep, RepositoryDep, WritesDep
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.result_writer import record_result
from spinecoach.web.schemas import (
    ExerciseResult,
    RecordedResult,
    SessionFinish,
    SessionId,
    SessionStart,
    error_responses,
)

router = APIRouter(
    prefix="/api/sessions",
    tags=["sessions"],
    route_class=JsonBodyRoute,
    responses=error_responses(400),
)

JsonDict = dict[str, Any]


def session_json(session: SessionRecord) -> JsonDict:
    """Return a session record as the API shows it."""
    return {
        "id": session.id,
        "started_at": session.started_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "routine_id": session.routine_id,
        "status": session.status.value,
        "planned_seconds": session.planned_seconds,
    }


def result_json(result: ExerciseResultRecord) -> RecordedResult:
    """Return a stored exercise result in the API's shape."""
    return RecordedResult(
        session_id=result.session_id,
        position=result.position,
        exercise=result.exercise_id,
        repetitions_done=result.repetitions_done,
        hold_seconds=result.hold_seconds_actual,
        skipped=result.skipped,
        completed_at=result.completed_at.isoformat(),
        reps_seen=result.reps_seen,
        good_form_seconds=result.good_form_seconds,
        corrections=None if result.corrections is None else list(result.corrections),
    )


def own_session(repository: Repository, person: PersonRecord, session_id: int) -> SessionRecord:
    """Return one of the person's sessions or raise NotFoundError."""
    found = repository.session(session_id)
    if found is None or found.person_id != person.id:
        raise NotFoundError(f"there is no session {session_id}")
    return found


def _playable(session: SessionRecord, routine: Routine, first: int, speed: float) -> JsonDict:
    return {
        "session": session_json(session),
        "timeline": timeline_to_dict(routine, compile_timeline(routine)),
        "first_exercise": first,
        "speed": speed,
    }


def start_session(
    repository: Repository,
    person: PersonRecord,
    body: SessionStart,
    catalog: Catalog,
    clock_now: datetime,
) -> JsonDict:
    """Check the safety gate, plan, then close any interrupted session and begin a new one."""
    refuse_unless_safe(safety_gate(repository, person, clock_now).outcome)
    constraints = Constraints(
        place=body.place,
        minutes=body.minutes,
        avoid=frozenset(body.avoid),
        regions=frozenset(body.region),
        experience=body.experience,
        routine=body.routine or None,
    )
    prepared = prepare(repository, person, constraints, catalog, clock_now, resume_choice=False)
    details = PainDetails(
        region=body.region[0].value if body.region else None,
        kind=body.kind.value if body.kind else None,
    )
    # The browser plays it and any worker serves its requests: no process owns it.
    session = begin_prepared(
        repository,
        person,
        prepared,
        body.pain_before,
        details,
        clock_now,
        speed=body.speed,
        owned=False,
    ).session
    if not body.routine:  # the choices made, kept as the defaults for next time
        chosen = SessionPreferences(
            constraints.place,
            constraints.minutes,
            constraints.avoid,
            constraints.regions,
            body.kind,
        )
        remember(repository, person, chosen, clock_now)
    return _playable(session, prepared.routine, 0, body.speed)


@router.post(
    "",
    summary="Start a session",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
)
def post_session(
    body: SessionStart,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> JsonDict:
    """Plan and start a session; refused (403) unless today's safety screen says go."""
    return start_session(repository, person, body, catalog, clock.now())


@router.get("/current", summary="The interrupted session to resume", responses=error_responses(404))
def get_current(
    repository: RepositoryDep, person: PersonDep, catalog: CatalogDep, clock: ClockDep
) -> JsonDict:
    """Return the session that never ended, its timeline and what was already recorded."""
    unfinished = interrupted_session(repository, person, clock.now())
    if unfinished is None:
        raise NotFoundError("there is no interrupted session")
    prepared = resume_point(unfinished, catalog)
    return {
        **_playable(unfinished.session, prepared.routine, prepared.first_exercise, 1.0),
        "results": [result_json(r).model_dump() for r in unfinished.results],
        "pain_before": pain_before_of(repository, person, unfinished.session.id),
    }


@router.post(
    "/{session_id}/results",
    summary="Record one exercise result",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": RecordedResult, "description": "Sent again: the result already stored"},
        **error_responses(404, 409, 422),
    },
)
async def post_result(
    session_id: SessionId,
    body: ExerciseResult,
    person: PersonDep,
    clock: ClockDep,
    writes: WritesDep,
    response: Response,
) -> RecordedResult:
    """Record a result once: sent again with its idempotency key, 200 with what is stored.

    Another result at a recorded position is a conflict (409). When the database is held by
    another writer for longer than the wait, nothing is written: 503 with Retry-After.
    """
    ended = ExerciseEnded(
        exercise=body.exercise,
        position=body.position,
        repetitions_done=body.repetitions_done,
        hold_seconds=body.hold_seconds,
        skipped=body.skipped,
    )
    item = result_to_write(
        session_id,
        ended,
        clock.now(),
        person,
        camera=_camera_counts(body),
        idempotency_key=body.idempotency_key,
    )
    stored = await record_result(writes, item)
    if not stored.created:
        response.status_code = status.HTTP_200_OK
    return result_json(stored.record)


def _camera_counts(body: ExerciseResult) -> CameraCounts | None:
    """Return what the camera coach counted, or None when the camera was off."""
    if body.reps_seen is None or body.good_form_seconds is None or body.corrections is None:
        return None
    return CameraCounts(body.reps_seen, body.good_form_seconds, tuple(body.corrections))


def finish(
    repository: Repository,
    person: PersonRecord,
    session_id: int,
    body: SessionFinish,
    catalog: Catalog,
    now: datetime,
) -> JsonDict:
    """End the session once, add the pain after it once, and return the summary."""
    session = own_session(repository, person, session_id)
    reason = StopReason(body.reason)
    if session.status is SessionStatus.IN_PROGRESS:
        end_session(repository, session_id, reason, now)
    elif session.status is not STATUS_FOR[reason]:
        raise ConflictError(f"session {session_id} has already ended ({session.status.value})")
    already_after = any(
        entry.session_id == session_id and entry.context is PainContext.AFTER
        for entry in repository.pain_entries(person.id)
    )
    if body.pain_after is not None and not already_after:
        record_session_pain(
            repository,
            person,
            session_id,
            body.pain_after,
            PainContext.AFTER,
            PainDetails(),
            now,
            body.note or None,
        )
    return summarise_session(repository, person, session_id, catalog, now).to_dict()


@router.post(
    "/{session_id}/finish",
    summary="Finish a session",
    responses=error_responses(404, 409, 422),
)
def post_finish(
    session_id: SessionId,
    body: SessionFinish,
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> JsonDict:
    """End the session (finished, pain or quit), record pain after it, return the summary."""
    return finish(repository, person, session_id, body, catalog, clock.now())
