"""The session engine's rules, on SQLite and PostgreSQL: start, record, finish once, resume."""

from pathlib import Path

import pytest

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.vocabulary import Movement
from spinecoach.coaching.access import Records, open_records
from spinecoach.coaching.fit_words import left_out_note
from spinecoach.coaching.session_end import Ending, finish_session, has_pain_after
from spinecoach.coaching.session_start import start_session
from spinecoach.coaching.sessions import PainDetails, interrupted_session, record_exercise, resume
from spinecoach.errors import ConflictError, OutsidePlanError, ScreeningNeededError
from spinecoach.planning import Constraints
from spinecoach.playback import ExerciseEnded, StopReason
from spinecoach.records import SessionStatus
from tests.coaching.conftest import NOW

ALL_SIX = Constraints(routine="all-six")


def test_a_session_cannot_start_before_the_safety_screen(tmp_path: Path, catalog: Catalog) -> None:
    unscreened = open_records(f"sqlite:///{tmp_path / 'new.db'}", NOW)

    with pytest.raises(ScreeningNeededError):
        start_session(
            unscreened.repository, unscreened.person, ALL_SIX, 4, PainDetails(), catalog, NOW
        )

    assert unscreened.repository.sessions(unscreened.person.id) == []


def test_maria_records_only_what_her_routine_holds(maria: Records, catalog: Catalog) -> None:
    started = start_session(maria.repository, maria.person, ALL_SIX, 4, PainDetails(), catalog, NOW)
    first = started.routine.items[0].exercise.id

    with pytest.raises(OutsidePlanError) as refused:
        record_exercise(
            maria.repository, started.session.id, ExerciseEnded(first, 0, 1000, 0.0, False), NOW
        )
    record_exercise(
        maria.repository, started.session.id, ExerciseEnded(first, 0, 1, 0.0, False), NOW
    )

    assert refused.value.field == "repetitions_done"
    assert [r.position for r in maria.repository.exercise_results(started.session.id)] == [0]


def test_maria_ends_once_and_gives_pain_after_once(maria: Records, catalog: Catalog) -> None:
    started = start_session(maria.repository, maria.person, ALL_SIX, 4, PainDetails(), catalog, NOW)
    session_id = started.session.id

    finish_session(maria.repository, maria.person, session_id, Ending(StopReason.PAIN, 7), NOW)
    again = finish_session(
        maria.repository, maria.person, session_id, Ending(StopReason.PAIN, 2), NOW
    )
    with pytest.raises(ConflictError) as conflict:
        finish_session(maria.repository, maria.person, session_id, Ending(StopReason.QUIT), NOW)

    assert again.status is SessionStatus.STOPPED_PAIN
    assert conflict.value.field == "reason"
    afters = [e.score for e in maria.repository.pain_entries(maria.person.id) if e.score != 4]
    assert afters == [7] and has_pain_after(maria.repository, maria.person, session_id)


def test_maria_resumes_after_avoiding_kneeling_with_planned_positions_and_notes(
    maria: Records, catalog: Catalog
) -> None:
    started = start_session(maria.repository, maria.person, ALL_SIX, 4, PainDetails(), catalog, NOW)
    for position, item in enumerate(started.routine.items[:2]):
        ended = ExerciseEnded(item.exercise.id, position, 1, 0.0, False)
        record_exercise(maria.repository, started.session.id, ended, NOW)
    unfinished = interrupted_session(maria.repository, maria.person, NOW)
    assert unfinished is not None

    no_kneeling = Constraints(avoid=frozenset({Movement.KNEELING}))
    prepared = resume(maria.repository, maria.person, unfinished, no_kneeling, catalog, NOW)

    assert prepared.positions == (2, 3)
    assert [item.exercise.id for item in prepared.routine.items] == ["spinal-torsion", "hip-bridge"]
    notes = [left_out_note(item, resumed=True) for item in prepared.routine.left_out]
    assert notes == [
        "Cat and cow is left out of the resumed session: it involves kneeling, which you avoid.",
        "Child's pose is left out of the resumed session: it involves kneeling, which you avoid.",
    ]


def test_resume_errors_name_the_field_and_no_command_line_option(
    maria: Records, catalog: Catalog
) -> None:
    start_session(maria.repository, maria.person, ALL_SIX, 4, PainDetails(), catalog, NOW)
    unfinished = interrupted_session(maria.repository, maria.person, NOW)
    assert unfinished is not None

    with pytest.raises(ConflictError) as other_routine:
        resume(
            maria.repository,
            maria.person,
            unfinished,
            Constraints(routine="desk-break"),
            catalog,
            NOW,
        )

    assert other_routine.value.field == "routine"
    assert "--" not in other_routine.value.user_message
