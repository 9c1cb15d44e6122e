"""Every record goes in and comes back out the same, on SQLite and on PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone

from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.records import (
    PainContext,
    PainKind,
    PersonRecord,
    ScreeningOutcome,
    SessionStatus,
)
from spinecoach.store.repository import Repository
from tests.store.conftest import T0

ROUTINE = {
    "id": "desk-break",
    "exercises": [
        {
            "id": "seated-back-twist",
            "hold_seconds": 20,
            "repetitions": 3,
            "sides": ["left", "right"],
        },
        {"id": "knee-to-chest", "hold_seconds": 25.5, "repetitions": 2, "sides": None},
    ],
}


def test_default_person_is_created_once(repository: Repository) -> None:
    first = repository.ensure_default_person(T0)

    again = repository.ensure_default_person(T0 + timedelta(days=3))

    assert again == first
    assert (first.name, first.created_at) == (None, T0)  # no name until the person gives one


def test_screening_round_trips_with_answers_as_given(
    repository: Repository, me: PersonRecord
) -> None:
    answers = {
        "bladder-or-bowel-change": False,
        "saddle-numbness": None,
        "age": 57,
        "temperature_c": 37.2,
        "note": "rückenschmerz seit März",
        "medications": ["ibuprofen", {"name": "steroid", "long_term": True}],
    }

    stored = repository.record_screening(
        me.id,
        taken_at=T0,
        answers=answers,
        outcome=ScreeningOutcome.SEE_DOCTOR,
        rules_version="red-flags-2026.1",
        doctor_acknowledged=True,
    )
    loaded = repository.latest_screening(me.id)

    assert loaded == stored
    assert loaded is not None
    assert loaded.answers == answers
    assert loaded.outcome is ScreeningOutcome.SEE_DOCTOR


def test_session_with_results_round_trips(repository: Repository, me: PersonRecord) -> None:
    started = repository.start_session(
        me.id, started_at=T0, routine_id="desk-break", routine=ROUTINE, planned_seconds=540
    )
    twist = repository.record_exercise_result(
        started.id,
        exercise_id="seated-back-twist",
        position=0,
        completed_at=T0 + timedelta(seconds=150),
        repetitions_done=3,
        hold_seconds_actual=19.75,
        skipped=False,
    )
    knee = repository.record_exercise_result(
        started.id,
        exercise_id="knee-to-chest",
        position=1,
        completed_at=T0 + timedelta(seconds=160),
        repetitions_done=0,
        hold_seconds_actual=0.0,
        skipped=True,
    )

    finished = repository.finish_session(
        started.id, status=SessionStatus.COMPLETED, ended_at=T0 + timedelta(seconds=170)
    )

    assert repository.sessions(me.id) == [finished]
    assert finished.routine == ROUTINE
    assert (finished.status, finished.ended_at) == (
        SessionStatus.COMPLETED,
        T0 + timedelta(seconds=170),
    )
    assert repository.exercise_results(started.id) == [twist, knee]


def test_pain_entry_round_trips_with_every_field(repository: Repository, me: PersonRecord) -> None:
    session = repository.start_session(
        me.id, started_at=T0, routine_id="desk-break", routine=ROUTINE, planned_seconds=540
    )

    stored = repository.record_pain(
        me.id,
        recorded_at=T0 + timedelta(minutes=10),
        score=6,
        context=PainContext.AFTER,
        region=SpineRegion.LUMBAR,
        kind=PainKind.RADIATING,
        note="down the left leg, eased after lying down",
        session_id=session.id,
    )
    bare = repository.record_pain(me.id, recorded_at=T0, score=0, context="diary")

    assert repository.pain_entries(me.id) == [bare, stored]
    assert (stored.region, stored.kind, stored.context) == (
        SpineRegion.LUMBAR,
        PainKind.RADIATING,
        PainContext.AFTER,
    )
    assert (bare.region, bare.kind, bare.note, bare.session_id) == (None, None, None, None)


def test_timestamps_in_any_zone_come_back_as_the_same_instant_in_utc(
    repository: Repository, me: PersonRecord
) -> None:
    berlin_morning = datetime(2026, 1, 5, 10, 30, tzinfo=timezone(timedelta(hours=1)))

    repository.record_pain(me.id, recorded_at=berlin_morning, score=2, context="diary")
    (loaded,) = repository.pain_entries(me.id)

    assert loaded.recorded_at == berlin_morning
    assert loaded.recorded_at.tzinfo is UTC
    assert loaded.recorded_at.hour == 9


def test_since_returns_records_from_that_moment_on(
    repository: Repository, me: PersonRecord
) -> None:
    for day in range(5):
        moment = T0 + timedelta(days=day)
        repository.record_pain(me.id, recorded_at=moment, score=day, context="diary")
        repository.start_session(
            me.id, started_at=moment, routine_id="r", routine={}, planned_seconds=60
        )

    recent_pain = repository.pain_entries(me.id, since=T0 + timedelta(days=3))
    recent_sessions = repository.sessions(me.id, since=T0 + timedelta(days=3))

    assert [entry.score for entry in recent_pain] == [3, 4]
    assert [session.started_at for session in recent_sessions] == [
        T0 + timedelta(days=3),
        T0 + timedelta(days=4),
    ]


def test_each_person_sees_only_their_own_records(repository: Repository, me: PersonRecord) -> None:
    other = repository.add_person("patient 2", created_at=T0)
    repository.record_pain(other.id, recorded_at=T0, score=8, context="diary")
    repository.start_session(
        other.id, started_at=T0, routine_id="r", routine={}, planned_seconds=60
    )
    repository.record_screening(
        other.id,
        taken_at=T0,
        answers={},
        outcome="go",
        rules_version="v1",
        doctor_acknowledged=False,
    )

    mine = (
        repository.pain_entries(me.id),
        repository.sessions(me.id),
        repository.screenings(me.id),
        repository.latest_screening(me.id),
        repository.unfinished_session(me.id),
    )

    assert mine == ([], [], [], None, None)
    assert [entry.score for entry in repository.pain_entries(other.id)] == [8]


def test_exercise_results_of_a_person_come_by_session_in_routine_order(
    repository: Repository, me: PersonRecord
) -> None:
    other = repository.add_person("Bob", created_at=T0)
    mine = repository.start_session(
        me.id, started_at=T0, routine_id="desk-break", routine=ROUTINE, planned_seconds=60
    )
    theirs = repository.start_session(
        other.id, started_at=T0, routine_id="desk-break", routine=ROUTINE, planned_seconds=60
    )
    for session, position in ((mine, 1), (theirs, 0), (mine, 0)):
        repository.record_exercise_result(
            session.id,
            exercise_id=f"exercise-{position}",
            position=position,
            completed_at=T0 + timedelta(minutes=1),
            repetitions_done=2,
            hold_seconds_actual=10.0,
            skipped=False,
        )

    results = repository.exercise_results_of_person(me.id)

    assert list(results) == [mine.id]
    assert results[mine.id] == repository.exercise_results(mine.id)
    assert [result.position for result in results[mine.id]] == [0, 1]
