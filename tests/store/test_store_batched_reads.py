"""One query reads what a history needs of every session's exercises."""

from datetime import timedelta

from spinecoach.records import ExerciseOutcome, PersonRecord
from spinecoach.store.repository import Repository
from tests.store.conftest import T0


def test_every_sessions_results_are_read_in_one_call(
    repository: Repository, me: PersonRecord
) -> None:
    routine = {"exercises": [{"exercise": "cat-cow"}, {"exercise": "hip-bridge"}]}
    ids = []
    for day in range(3):
        start = T0 + timedelta(days=day)
        session = repository.start_session(
            me.id, started_at=start, routine_id="r", routine=routine, planned_seconds=60
        )
        ids.append(session.id)
        for position in range(day):
            repository.record_exercise_result(
                session.id,
                exercise_id="cat-cow",
                position=position,
                completed_at=start,
                repetitions_done=3,
                hold_seconds_actual=0.0,
                skipped=False,
            )

    everything = repository.exercise_outcomes_of_person(me.id)
    recent = repository.exercise_outcomes_of_person(me.id, since=T0 + timedelta(days=2))

    assert everything == {
        i: [
            ExerciseOutcome(exercise_id=r.exercise_id, position=r.position, skipped=r.skipped)
            for r in repository.exercise_results(i)
        ]
        for i in ids[1:]
    }
    assert list(recent) == [ids[2]]
