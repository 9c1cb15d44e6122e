"""JSON API: start or resume a session, record each exercise once, finish with a summary.

Every rule is coaching's (gate, plan, record against the routine, end once, resume); these
routes turn JSON into its arguments and its answers into JSON.
"""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from spinecoach.catalog.routine import Routine
from spinecoach.catalog.vocabulary import Experience, Movement, Place, SpineRegion
from spinecoach.coaching.session_end import NOT_TOLD, Ending, finish_session
from spinecoach.coaching.session_start import start_session
from spinecoach.coaching.sessions import (
    PainDetails,
    interrupted_session,
    pain_before_of,
    result_to_write,
    resume,
)
from spinecoach.coaching.summary import summarise_session
from spinecoach.errors import NotFoundError, SpinecoachError
from spinecoach.planning import Constraints
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.records import CameraCounts, ExerciseResultRecord, SessionRecord
from spinecoach.timeline import compile_timeline, timeline_to_dict
from spinecoach.web.deps import (
    CatalogDep,
    ClockDep,
    PersonDep,
    RepositoryDep,
    SameSiteOnly,
)
from spinecoach.web.json_body import JsonBodyRoute
from spinecoach.web.nothing_fits import plan_notes
from spinecoach.web.players import KnownPlayerDep, PlayerDep
from spinecoach.web.result_writer import ResultSenderDep, record_result
from spinecoach.web.schemas import (
    CurrentSession,
    ExerciseResult,
    PlayableSession,
    RecordedResult,
    SessionFinish,
    SessionId,
    SessionInfo,
    SessionStart,
    SessionSummaryAnswer,
    error_responses,
)

router = APIRouter(
    prefix="/api/sessions",
    tags=["sessions"],
    route_class=JsonBodyRoute,
    responses=error_responses(400),
)


def session_info(session: SessionRecord) -> SessionInfo:
    """Return a session record as the API shows it."""
    return SessionInfo(
        id=session.id,
        started_at=session.started_at.isoformat(),
        ended_at=session.ended_at.isoformat() if session.ended_at else None,
        routine_id=session.routine_id,
        status=session.status.value,
        planned_seconds=session.planned_seconds,
    )


def result_json(result: ExerciseResultRecord) -> RecordedResult:
    """Return a stored exercise result in the API's shape."""
    camera = result.camera
    # Built without validation: the store checked every value on the way in, and FastAPI
    # validates the answer against RecordedResult once more as it sends it.
    return RecordedResult.model_construct(
        session_id=result.session_id,
        position=result.position,
        exercise=result.exercise_id,
        repetitions_done=result.repetitions_done,
        # float(): a whole-second hold may come back from the store as an int.
        hold_seconds=float(result.hold_seconds_actual),
        skipped=result.skipped,
        completed_at=result.completed_at.isoformat(),
        reps_seen=None if camera is None else camera.reps_seen,
        good_form_seconds=None if camera is None else float(camera.good_form_seconds),
        corrections=None if camera is None else list(camera.corrections),
    )


def _playable(
    session: SessionRecord,
    routine: Routine,
    first: int,
    speed: float,
    positions: tuple[int, ...] = (),
    resumed: bool = False,
) -> PlayableSession:
    return PlayableSession(
        session=session_info(session),
        timeline=timeline_to_dict(routine, compile_timeline(routine)),
        first_exercise=first,
        speed=speed,
        positions=list(positions or range(len(routine.items))),
        notes=plan_notes(routine, resumed),
    )


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
    player: PlayerDep,
) -> PlayableSession:
    """Plan and start a session; refused (403) unless today's safety screen says go."""
    constraints = Constraints(
        place=body.place,
        minutes=body.minutes,
        avoid=frozenset(body.avoid),
        regions=frozenset(body.region),
        experience=body.experience,
        routine=body.routine or None,
    )
    details = PainDetails(
        region=body.region[0].value if body.region else None,
        kind=body.kind.value if body.kind else None,
    )
    now = clock.now()
    started = start_session(
        repository, person, constraints, body.pain_before, details, catalog, now, body.speed, player
    )
    return _playable(started.session, started.routine, 0, body.speed)


@router.get(
    "/current",
    summary="The interrupted session to resume",
    responses=error_responses(403, 404, 409),
    # It claims the session for the asking browser: another site's page must not take it away.
    dependencies=[SameSiteOnly],
)
def get_current(
    repository: RepositoryDep,
    person: PersonDep,
    catalog: CatalogDep,
    clock: ClockDep,
    player: PlayerDep,
    place: Place | None = None,
    minutes: Annotated[float | None, Query(ge=1, le=120)] = None,
    avoid: Annotated[list[Movement] | None, Query(max_length=10)] = None,
    region: Annotated[list[SpineRegion] | None, Query(max_length=10)] = None,
    experience: Experience = Experience.NEW,
) -> CurrentSession:
    """Return what is left of the session that never ended, re-planned with today's choices.

    What the choices now exclude is left out and named in the notes; positions says under
    which position each exercise of the timeline is recorded. 400 when nothing left fits.
    This browser carries it on from now: another one that played it is refused (409).
    """
    now = clock.now()
    unfinished = interrupted_session(repository, person, now)
    if unfinished is None:
        raise NotFoundError("there is no interrupted session")
    constraints = Constraints(
        place=place,
        minutes=minutes,
        avoid=frozenset(avoid or ()),
        regions=frozenset(region or ()),
        experience=experience,
    )
    try:
        prepared = resume(repository, person, unfinished, constraints, catalog, now, owner=player)
    except SpinecoachError as error:
        worded = f"cannot carry on the interrupted session: {error.user_message}"
        raise type(error)(worded, field=error.field) from error
    playable = _playable(
        unfinished.session,
        prepared.routine,
        prepared.first_exercise,
        1.0,
        prepared.positions,
        resumed=True,
    )
    return CurrentSession(
        **playable.model_dump(),
        results=[result_json(r) for r in unfinished.results],
        pain_before=pain_before_of(repository, person, unfinished.session.id),
    )


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
    sender: ResultSenderDep,
    response: Response,
) -> RecordedResult:
    """Record a result once: sent again with its idempotency key, 200 with what is stored.

    A result the session's routine could not have produced (another exercise, a position past
    its end, more repetitions or longer holds than planned) is refused (422, naming the field).
    Another result at a recorded position is a conflict (409), and so is a new result from a
    browser whose session another browser carried on since. When the database is held by
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
        sender.clock.now(),
        sender.person,
        camera=_camera_counts(body),
        idempotency_key=body.idempotency_key,
        player=sender.player,
    )
    stored = await record_result(sender.writes, item)
    if not stored.created:
        response.status_code = status.HTTP_200_OK
    return result_json(stored.record)


def _camera_counts(body: ExerciseResult) -> CameraCounts | None:
    """Return what the camera coach counted, or None when the camera was off."""
    if body.reps_seen is None or body.good_form_seconds is None or body.corrections is None:
        return None
    return CameraCounts(body.reps_seen, body.good_form_seconds, tuple(body.corrections))


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
    player: KnownPlayerDep,
) -> SessionSummaryAnswer:
    """End the session (finished, pain or quit), record pain after it, return the summary."""
    now = clock.now()
    told = "stopped_in" in body.model_fields_set  # an older page does not say
    stretching = body.stopped_in if told else NOT_TOLD
    ending = Ending(StopReason(body.reason), body.pain_after, body.note, stretching=stretching)
    finish_session(repository, person, session_id, ending, now, player)
    summary = summarise_session(repository, person, session_id, catalog, now)
    return SessionSummaryAnswer.model_validate(summary.to_dict())
