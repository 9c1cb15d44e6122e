from datetime import timedelta

import pytest

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import LeftOut, LeftOutReason
from spinecoach.catalog.vocabulary import Movement, Place
from spinecoach.coaching.access import Records
from spinecoach.coaching.sessions import (
    PainDetails,
    begin_prepared,
    begin_session,
    end_session,
    pain_before_of,
    prepare,
    record_exercise,
)
from spinecoach.errors import ConflictError, InvalidInputError, NothingFitsError
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
    return ExerciseEnded(exercise, position, 1, 0.0, False)


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
    assert resumed.routine.to_dict()["exercises"] == stored["exercises"][1:]
    assert [resumed.stored_position(i) for i in range(5)] == [1, 2, 3, 4, 5]


def interrupt_all_six_after(alice: Records, catalog: Catalog, count: int) -> int:
    session_id = start(alice, catalog, ALL_SIX)
    stored = alice.repository.sessions(alice.person.id)[0].routine["exercises"]
    for position, entry in enumerate(stored[:count]):
        record_exercise(alice.repository, session_id, done(entry["exercise"], position), NOW)
    return session_id


def test_a_resumed_session_leaves_out_what_the_person_avoids_now_and_says_so(
    alice: Records, catalog: Catalog
) -> None:
    interrupt_all_six_after(alice, catalog, 1)
    now = Constraints(avoid=frozenset({Movement.KNEELING}), place=Place.CHAIR)

    resumed = prepare(alice.repository, alice.person, now, catalog, NOW, True)

    played = [item.exercise.id for item in resumed.routine.items]
    assert played == ["seated-back-twist"]
    assert resumed.positions == (1,)
    assert LeftOut(catalog.exercise("cat-cow"), LeftOutReason.PLACE) in resumed.routine.left_out
    assert all(
        not set(item.exercise.movements) & {Movement.KNEELING} for item in (resumed.routine.items)
    )


def test_resuming_under_another_routine_name_is_refused(alice: Records, catalog: Catalog) -> None:
    session_id = interrupt_all_six_after(alice, catalog, 2)

    with pytest.raises(ConflictError, match="interrupted session is all-six, not desk-break"):
        prepare(alice.repository, alice.person, DESK, catalog, NOW, True)

    assert alice.repository.sessions(alice.person.id)[0].id == session_id
    assert alice.repository.sessions(alice.person.id)[0].status is SessionStatus.IN_PROGRESS


def test_resuming_when_nothing_left_is_allowed_now_is_refused(
    alice: Records, catalog: Catalog
) -> None:
    interrupt_all_six_after(alice, catalog, 4)  # cat-cow and child's pose are left: both kneel

    with pytest.raises(NothingFitsError, match="nothing left of the interrupted session fits"):
        prepare(
            alice.repository,
            alice.person,
            Constraints(avoid=frozenset({Movement.KNEELING})),
            catalog,
            NOW,
            True,
        )


def test_a_resumed_exercise_is_recorded_at_its_planned_position(
    alice: Records, catalog: Catalog
) -> None:
    session_id = interrupt_all_six_after(alice, catalog, 1)
    resumed = prepare(
        alice.repository, alice.person, Constraints(place=Place.CHAIR), catalog, NOW, True
    )

    record_exercise(
        alice.repository, session_id, done("seated-back-twist", 0), NOW, resumed.stored_position(0)
    )

    results = alice.repository.exercise_results(session_id)
    assert [(r.position, r.exercise_id) for r in results] == [
        (0, "knee-to-chest"),
        (1, "seated-back-twist"),
    ]


def test_a_demo_session_is_stored_with_its_speed(alice: Records, catalog: Catalog) -> None:
    prepared = prepare(alice.repository, alice.person, DESK, catalog, NOW, False)

    session = begin_session(
        alice.repository, alice.person, prepared.routine, 3, PainDetails(), NOW, speed=20.0
    )

    assert (session.speed, session.demo) == (20.0, True)


def test_declining_to_resume_leaves_the_interrupted_session_until_the_new_one_begins(
    alice: Records, catalog: Catalog
) -> None:
    old = start(alice, catalog, DESK)

    fresh = prepare(alice.repository, alice.person, DESK, catalog, NOW, False)

    assert fresh.resumed is None and fresh.replaces is not None
    assert fresh.replaces.session.id == old
    statuses = {s.id: s.status for s in alice.repository.sessions(alice.person.id)}
    assert statuses[old] is SessionStatus.IN_PROGRESS


def test_beginning_the_new_session_closes_the_interrupted_one_as_quit(
    alice: Records, catalog: Catalog
) -> None:
    old = start(alice, catalog, DESK)
    fresh = prepare(alice.repository, alice.person, DESK, catalog, NOW, False)

    begun = begin_prepared(alice.repository, alice.person, fresh, 3, PainDetails(), NOW)

    assert begun.closed is not None and begun.closed.session.id == old
    statuses = {s.id: s.status for s in alice.repository.sessions(alice.person.id)}
    assert statuses == {old: SessionStatus.QUIT, begun.session.id: SessionStatus.IN_PROGRESS}


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
