"""End a session once, and take the pain score after it once, for every front end."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from spinecoach.coaching.sessions import (
    STATUS_FOR,
    PainDetails,
    end_session,
    own_session,
    record_session_pain,
)
from spinecoach.errors import ConflictError, OutsidePlanError
from spinecoach.playback import StopReason
from spinecoach.records import PainContext, PersonRecord, SessionRecord, SessionStatus
from spinecoach.reports.history import exercise_in_progress, planned_exercises
from spinecoach.store.liveness import TAKEN_OVER, SessionOwner, taken_over
from spinecoach.store.repository import Repository

ENDED_AS = {status: reason for reason, status in STATUS_FOR.items()}


class NotTold(Enum):
    """A player that does not say which stretch the person was moving in (an older page)."""

    NOT_TOLD = "not told"


NOT_TOLD = NotTold.NOT_TOLD


@dataclass(frozen=True)
class Ending:
    """How a session ends and what the person said after it; no pain score leaves it out.

    stretching is the stretch the person was moving in when they stopped for pain, as their
    player saw it (None: none had been started, so none is blamed). NOT_TOLD falls back to the
    old guess, the stretch after the last result: blaming one too many is the safe mistake.
    """

    reason: StopReason
    pain_after: int | None = None
    note: str | None = None
    details: PainDetails = field(default_factory=PainDetails)
    stretching: str | NotTold | None = NOT_TOLD


def stretch_blamed(repository: Repository, session: SessionRecord, ending: Ending) -> str | None:
    """Return the stretch a pain stop is put down to, checked against the session's routine."""
    if ending.reason is not StopReason.PAIN:
        return None
    if ending.stretching is NOT_TOLD:
        return exercise_in_progress(session, repository.exercise_results(session.id))
    if ending.stretching is not None and ending.stretching not in planned_exercises(session):
        raise OutsidePlanError(
            f"stopped_in: {ending.stretching!r} is not in this session's routine",
            field="stopped_in",
        )
    return ending.stretching


def has_pain_after(repository: Repository, person: PersonRecord, session_id: int) -> bool:
    """Return whether a pain score after the session is already recorded."""
    return any(
        entry.context is PainContext.AFTER
        for entry in repository.pain_of_session(person.id, session_id)
    )


def ended_as(session: SessionRecord) -> StopReason | None:
    """Return how an ended session ended, or None while it is in progress."""
    return ENDED_AS.get(session.status)


def finish_session(
    repository: Repository,
    person: PersonRecord,
    session_id: int,
    ending: Ending,
    now: datetime,
    player: SessionOwner | None = None,
) -> SessionRecord:
    """End the session once and add the pain after it once; return the session as ended.

    Sending the same ending again is answered as before (a retry); a different ending for a
    session that already ended is a ConflictError. A second pain score after it is ignored:
    one pain-after per session. A browser (player) whose session another window carried on
    may not end it under that window (ConflictError).
    """
    session = own_session(repository, person, session_id)
    if session.status is SessionStatus.IN_PROGRESS and taken_over(
        session.owner_host, session.owner_pid, player
    ):
        raise ConflictError(TAKEN_OVER)
    if session.status is SessionStatus.IN_PROGRESS:
        blamed = stretch_blamed(repository, session, ending)
        session = end_session(repository, session_id, ending.reason, now, blamed)
    elif session.status is not STATUS_FOR[ending.reason]:
        raise ConflictError(
            f"session {session_id} has already ended ({session.status.value})", field="reason"
        )
    if ending.pain_after is not None and not has_pain_after(repository, person, session_id):
        record_session_pain(
            repository,
            person,
            session_id,
            ending.pain_after,
            PainContext.AFTER,
            ending.details,
            now,
            ending.note or None,
        )
    return session
