from datetime import timedelta

import pytest

from spinecoach.catalog.loader import Catalog
from spinecoach.coaching.access import Records
from spinecoach.coaching.sessions import (
    PainDetails,
    begin_session,
    end_session,
    prepare,
    record_exercise,
    record_session_pain,
)
from spinecoach.coaching.summary import (
    GET_ADVICE_IF_NOT_SETTLING,
    summarise_session,
    what_happens_next,
)
from spinecoach.fitting import DROP_DAYS
from spinecoach.planning import Constraints
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.records import PainContext, SessionStatus
from spinecoach.safety.pain import IMPROVEMENT_TAKES_TIME
from tests.coaching.conftest import NOW


@pytest.mark.parametrize(
    ("status", "before", "after", "stopped_in", "expected"),
    [
        (SessionStatus.COMPLETED, 4, 2, None, []),
        (SessionStatus.COMPLETED, 3, 4, None, []),
        (
            SessionStatus.COMPLETED,
            3,
            5,
            None,
            ["went up by 2 points, so the stretches you did", GET_ADVICE_IF_NOT_SETTLING],
        ),
        (
            SessionStatus.STOPPED_PAIN,
            3,
            6,
            "cat-cow",
            ["cat-cow is left out", "went up by 3", GET_ADVICE_IF_NOT_SETTLING],
        ),
        (SessionStatus.STOPPED_PAIN, 3, 3, "cat-cow", ["cat-cow", GET_ADVICE_IF_NOT_SETTLING]),
    ],
)
def test_what_happens_next_follows_the_pain_rules(
    status: SessionStatus,
    before: int,
    after: int,
    stopped_in: str | None,
    expected: list[str],
) -> None:
    advice = what_happens_next(status, before, after, stopped_in)

    assert len(advice) == len(expected)
    for line, wanted in zip(advice, expected, strict=True):
        assert wanted in line


def test_a_pain_stop_summary_names_the_exercise_and_what_changes_next_time(
    alice: Records, catalog: Catalog
) -> None:
    prepared = prepare(
        alice.repository, alice.person, Constraints(routine="all-six"), catalog, NOW, False
    )
    details = PainDetails()
    session = begin_session(alice.repository, alice.person, prepared.routine, 3, details, NOW)
    first = prepared.routine.items[0].exercise
    later = NOW + timedelta(minutes=2)
    record_exercise(alice.repository, session.id, ExerciseEnded(first.id, 0, 6, 60.0, False), later)
    end_session(alice.repository, session.id, StopReason.PAIN, later)
    record_session_pain(
        alice.repository, alice.person, session.id, 6, PainContext.AFTER, details, later
    )

    summary = summarise_session(alice.repository, alice.person, session.id, catalog, later)

    stopped_in = prepared.routine.items[1].exercise.name
    assert summary.done == (first.name,)
    assert summary.ending == "stopped because your pain got worse"
    assert (summary.pain_before, summary.pain_after) == (3, 6)
    assert (
        f"{stopped_in} is left out of your plans for the next {DROP_DAYS} days." in summary.advice
    )
    assert IMPROVEMENT_TAKES_TIME not in summary.advice


def test_a_calm_session_ends_with_the_reminder_that_relief_takes_time(
    alice: Records, catalog: Catalog
) -> None:
    prepared = prepare(
        alice.repository, alice.person, Constraints(routine="desk-break"), catalog, NOW, False
    )
    session = begin_session(alice.repository, alice.person, prepared.routine, 4, PainDetails(), NOW)
    end_session(alice.repository, session.id, StopReason.FINISHED, NOW + timedelta(minutes=4))

    summary = summarise_session(
        alice.repository, alice.person, session.id, catalog, NOW + timedelta(minutes=4)
    )

    assert summary.advice == (IMPROVEMENT_TAKES_TIME,)
    assert summary.minutes == pytest.approx(4.0)
    assert summary.routine_name == "Desk break"


def test_a_session_with_every_stretch_skipped_is_not_called_completed(
    alice: Records, catalog: Catalog
) -> None:
    prepared = prepare(
        alice.repository, alice.person, Constraints(routine="desk-break"), catalog, NOW, False
    )
    session = begin_session(alice.repository, alice.person, prepared.routine, 4, PainDetails(), NOW)
    later = NOW + timedelta(minutes=1)
    for position, item in enumerate(prepared.routine.items):
        ended = ExerciseEnded(item.exercise.id, position, 0, 0.0, True)
        record_exercise(alice.repository, session.id, ended, later)
    end_session(alice.repository, session.id, StopReason.FINISHED, later)

    summary = summarise_session(alice.repository, alice.person, session.id, catalog, later)

    assert summary.done == ()
    assert summary.skipped == tuple(item.exercise.name for item in prepared.routine.items)
    assert summary.ending == "finished with every stretch skipped, so it does not count"
    assert not summary.counts


def test_a_quit_session_lists_the_stretches_it_never_reached(
    alice: Records, catalog: Catalog
) -> None:
    prepared = prepare(
        alice.repository, alice.person, Constraints(routine="all-six"), catalog, NOW, False
    )
    session = begin_session(alice.repository, alice.person, prepared.routine, 2, PainDetails(), NOW)
    first = prepared.routine.items[0].exercise
    later = NOW + timedelta(minutes=3)
    record_exercise(alice.repository, session.id, ExerciseEnded(first.id, 0, 6, 60.0, False), later)
    end_session(alice.repository, session.id, StopReason.QUIT, later)

    summary = summarise_session(alice.repository, alice.person, session.id, catalog, later)

    assert summary.done == (first.name,)
    assert summary.not_reached == tuple(i.exercise.name for i in prepared.routine.items[1:])
    assert summary.ending == "stopped early" and summary.counts
