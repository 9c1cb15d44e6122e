"""The latest session that never ended can be resumed where it stopped."""

from datetime import timedelta

from spinecoach.records import PersonRecord, SessionRecord
from spinecoach.store.repository import Repository
from tests.store.conftest import T0

ROUTINE = {"exercises": ["knee-to-chest", "spinal-torsion", "hip-bridge", "childs-pose"]}


def _start(repository: Repository, person: PersonRecord, hours: int) -> SessionRecord:
    return repository.start_session(
        person.id,
        started_at=T0 + timedelta(hours=hours),
        routine_id="evening",
        routine=ROUTINE,
        planned_seconds=600,
    )


def _complete(repository: Repository, session: SessionRecord, position: int) -> None:
    repository.record_exercise_result(
        session.id,
        exercise_id=str(ROUTINE["exercises"][position]),
        position=position,
        completed_at=session.started_at + timedelta(minutes=2 * (position + 1)),
        repetitions_done=2,
        hold_seconds_actual=30.0,
        skipped=False,
    )


def test_no_unfinished_session_when_every_session_ended(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me, 0)
    repository.finish_session(session.id, status="completed", ended_at=T0 + timedelta(minutes=10))

    assert repository.unfinished_session(me.id) is None


def test_unfinished_session_carries_its_completed_exercises_in_order(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me, 0)
    _complete(repository, session, 1)
    _complete(repository, session, 0)

    resumable = repository.unfinished_session(me.id)

    assert resumable is not None
    assert resumable.session == session
    assert [result.exercise_id for result in resumable.results] == [
        "knee-to-chest",
        "spinal-torsion",
    ]
    assert resumable.next_position == 2


def test_latest_of_several_unfinished_sessions_is_offered(
    repository: Repository, me: PersonRecord
) -> None:
    _start(repository, me, 0)
    latest = _start(repository, me, 5)
    ended = _start(repository, me, 8)
    repository.finish_session(ended.id, status="quit", ended_at=ended.started_at)

    resumable = repository.unfinished_session(me.id)

    assert resumable is not None
    assert resumable.session.id == latest.id
    assert resumable.results == ()
    assert resumable.next_position == 0
