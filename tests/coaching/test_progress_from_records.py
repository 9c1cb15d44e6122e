"""Doses planned from stored sessions grow only for the stretches recorded as done in them."""

from datetime import timedelta

from spinecoach.catalog.loader import Catalog
from spinecoach.coaching.access import Records
from spinecoach.coaching.sessions import (
    PainDetails,
    begin_session,
    end_session,
    plan_today,
    prepare,
    record_exercise,
    record_session_pain,
)
from spinecoach.planning import Constraints
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.records import PainContext
from tests.coaching.conftest import NOW

DESK = Constraints(routine="desk-break")
ALL_SIX = Constraints(routine="all-six")


def play(
    alice: Records,
    catalog: Catalog,
    constraints: Constraints,
    days_ago: int,
    pain: tuple[int, int] = (4, 3),
    done_count: int | None = None,
) -> None:
    """Play a whole session days ago at normal speed, recording its first done_count exercises."""
    when = NOW - timedelta(days=days_ago)
    routine = prepare(alice.repository, alice.person, constraints, catalog, when, False).routine
    session = begin_session(alice.repository, alice.person, routine, pain[0], PainDetails(), when)
    for position, item in enumerate(routine.items[:done_count]):
        ended = ExerciseEnded(item.exercise.id, position, item.repetitions, 20.0, False)
        record_exercise(alice.repository, session.id, ended, when)
    record_session_pain(
        alice.repository, alice.person, session.id, pain[1], PainContext.AFTER, PainDetails(), when
    )
    end_session(alice.repository, session.id, StopReason.FINISHED, when + timedelta(minutes=5))


def doses(alice: Records, catalog: Catalog) -> dict[str, tuple[int, int]]:
    routine = plan_today(alice.repository, alice.person, ALL_SIX, catalog, NOW)
    return {item.exercise.id: (item.repetitions, item.hold_seconds) for item in routine.items}


def test_two_desk_breaks_grow_the_twist_and_no_other_stretch(
    alice: Records, catalog: Catalog
) -> None:
    fresh = doses(alice, catalog)
    play(alice, catalog, DESK, days_ago=2)
    play(alice, catalog, DESK, days_ago=1)

    after = doses(alice, catalog)

    assert after["seated-back-twist"] == (4, 15)
    assert {k: v for k, v in after.items() if k != "seated-back-twist"} == {
        k: v for k, v in fresh.items() if k != "seated-back-twist"
    }


def test_sessions_with_no_exercise_recorded_as_done_grow_nothing(
    alice: Records, catalog: Catalog
) -> None:
    fresh = doses(alice, catalog)
    play(alice, catalog, ALL_SIX, days_ago=2, done_count=0)
    play(alice, catalog, ALL_SIX, days_ago=1, done_count=0)

    assert doses(alice, catalog) == fresh


def test_a_pain_rise_steps_back_only_what_the_session_recorded_as_done(
    alice: Records, catalog: Catalog
) -> None:
    play(alice, catalog, ALL_SIX, days_ago=3, pain=(3, 6), done_count=2)

    after = doses(alice, catalog)

    assert after["knee-to-chest"] == (3, 15)  # first in all-six: done
    assert after["seated-back-twist"] == (4, 10)  # second: done
    assert after["spinal-torsion"] == (2, 20)  # planned, not reached: starting dose
