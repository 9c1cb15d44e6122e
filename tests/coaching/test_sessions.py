from datetime import timedelta

import pytest

from spinecoach.catalog.loader import Catalog
from spinecoach.coaching.access import Records
from spinecoach.coaching.sessions import (
    PainDetails,
    begin_session,
    end_session,
    pain_before_of,
    prepare,
    record_exercise,
)
from spinecoach.errors import InvalidInputError
from spinecoach.planning import Constraints
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.records import PainContext, SessionStatus
from tests.coaching.conftest import NOW

DESK = Constraints(routine="desk-break")
ALL_SIX = Constraints(routine="all-six")


def start(alice: Records, catalog: Catalog, constraints: Constraints, pain: int = 4) -> int:
    prepared = prepare(alice.repository, alice.person, constraints, catalog, NOW, False)
    session = begin_session(
        alice.repository, alice.person, prepared.routine, pain, PainDetails("lumbar"), NOW
    )
    return session.id


def done(exercise: str, position: int) -> ExerciseEnded:
    return ExerciseEnded(exercise, position, 4, 40.0, False)


def test_a_new_session_stores_its_routine_and_one_pain_score_before(
    alice: Records, catalog: Catalog
) -> None:
    session_id = start(alice, catalog, DESK, pain=4)

    before = [e for e in alice.repository.pain_entries(alice.person.id)]

    assert pain_before_of(alice.repository, alice.person, session_id) == 4
    assert [(e.context, e.region) for e in before] == [(PainContext.BEFORE, "lumbar")]
    assert alice.repository.sessions(alice.person.id)[0].routine_id == "desk-break"


def test_resuming_continues_after_the_last_recorded_exercise(
    alice: Records, catalog: Catalog
) -> None:
    session_id = start(alice, catalog, ALL_SIX)
    stored = alice.repository.sessions(alice.person.id)[0].routine
    first_exercise = stored["exercises"][0]["exercise"]
    record_exercise(alice.repository, session_id, done(first_exercise, 0), NOW)

    resumed = prepare(alice.repository, alice.person, ALL_SIX, catalog, NOW, True)

    assert resumed.session_id == session_id
    assert resumed.first_exercise == 1
    assert resumed.routine.to_dict()["exercises"] == stored["exercises"]


def test_declining_to_resume_closes_the_interrupted_session_as_quit(
    alice: Records, catalog: Catalog
) -> None:
    old = start(alice, catalog, DESK)

    fresh = prepare(alice.repository, alice.person, DESK, catalog, NOW, False)

    assert fresh.resumed is None
    statuses = {s.id: s.status for s in alice.repository.sessions(alice.person.id)}
    assert statuses[old] is SessionStatus.QUIT


def test_asking_to_resume_with_nothing_interrupted_is_an_input_error(
    alice: Records, catalog: Catalog
) -> None:
    with pytest.raises(InvalidInputError, match="no interrupted session"):
        prepare(alice.repository, alice.person, DESK, catalog, NOW, True)


@pytest.mark.parametrize(
    ("reason", "status"),
    [
        (StopReason.FINISHED, SessionStatus.COMPLETED),
        (StopReason.PAIN, SessionStatus.STOPPED_PAIN),
        (StopReason.QUIT, SessionStatus.QUIT),
    ],
)
def test_how_the_player_stopped_becomes_the_session_status(
    alice: Records, catalog: Catalog, reason: StopReason, status: SessionStatus
) -> None:
    session_id = start(alice, catalog, DESK)

    ended = end_session(alice.repository, session_id, reason, NOW + timedelta(minutes=4))

    assert ended.status is status
