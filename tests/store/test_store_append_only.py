"""Nothing a person entered is overwritten; a session's end is written once."""

from datetime import timedelta

import pytest

from spinecoach.errors import ConflictError
from spinecoach.records import PersonRecord, SessionRecord, SessionStatus
from spinecoach.store.repository import Repository
from tests.store.conftest import T0


@pytest.fixture
def session(repository: Repository, me: PersonRecord) -> SessionRecord:
    """A session in progress with a two-exercise routine."""
    return repository.start_session(
        me.id,
        started_at=T0,
        routine_id="morning",
        routine={"exercises": ["knee-to-chest", "cat-cow"]},
        planned_seconds=300,
    )


def _finish(repository: Repository, session: SessionRecord, status: str, minutes: int) -> None:
    repository.finish_session(session.id, status=status, ended_at=T0 + timedelta(minutes=minutes))


def test_finishing_a_session_twice_is_refused_and_keeps_the_first_end(
    repository: Repository, me: PersonRecord, session: SessionRecord
) -> None:
    _finish(repository, session, "stopped-pain", 3)

    with pytest.raises(ConflictError, match="already ended"):
        _finish(repository, session, "completed", 5)

    (stored,) = repository.sessions(me.id)
    assert (stored.status, stored.ended_at) == (
        SessionStatus.STOPPED_PAIN,
        T0 + timedelta(minutes=3),
    )


def test_recording_a_position_twice_is_refused_and_keeps_the_first_result(
    repository: Repository, session: SessionRecord
) -> None:
    first = repository.record_exercise_result(
        session.id,
        exercise_id="knee-to-chest",
        position=0,
        completed_at=T0 + timedelta(minutes=2),
        repetitions_done=2,
        hold_seconds_actual=20.0,
        skipped=False,
    )

    with pytest.raises(ConflictError, match="position 0"):
        repository.record_exercise_result(
            session.id,
            exercise_id="knee-to-chest",
            position=0,
            completed_at=T0 + timedelta(minutes=3),
            repetitions_done=0,
            hold_seconds_actual=0.0,
            skipped=True,
        )

    assert repository.exercise_results(session.id) == [first]


def test_results_cannot_be_added_to_an_ended_session(
    repository: Repository, session: SessionRecord
) -> None:
    _finish(repository, session, "quit", 1)

    with pytest.raises(ConflictError, match="already ended"):
        repository.record_exercise_result(
            session.id,
            exercise_id="cat-cow",
            position=1,
            completed_at=T0 + timedelta(minutes=2),
            repetitions_done=1,
            hold_seconds_actual=5.0,
            skipped=False,
        )

    assert repository.exercise_results(session.id) == []


def test_a_new_screening_is_added_beside_the_old_one(
    repository: Repository, me: PersonRecord
) -> None:
    older = repository.record_screening(
        me.id,
        taken_at=T0,
        answers={"fever": True},
        outcome="see-doctor",
        rules_version="v1",
        doctor_acknowledged=False,
    )

    newer = repository.record_screening(
        me.id,
        taken_at=T0 + timedelta(days=2),
        answers={"fever": False},
        outcome="go",
        rules_version="v1",
        doctor_acknowledged=True,
    )

    assert repository.latest_screening(me.id) == newer
    assert repository.screenings(me.id) == [older, newer]


def test_pain_entries_at_the_same_moment_are_all_kept(
    repository: Repository, me: PersonRecord
) -> None:
    repository.record_pain(me.id, recorded_at=T0, score=7, context="before")

    repository.record_pain(me.id, recorded_at=T0, score=3, context="before", note="typo above")

    assert [entry.score for entry in repository.pain_entries(me.id)] == [7, 3]
