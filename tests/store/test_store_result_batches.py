"""Many results written in one transaction: each gets its own outcome, the good ones are kept."""

from dataclasses import replace
from datetime import timedelta

import pytest

from spinecoach.errors import ConflictError, InvalidInputError, NotFoundError
from spinecoach.records import PersonRecord, SessionRecord
from spinecoach.store.repository import Repository
from spinecoach.store.result_batches import NewResult, Stored
from tests.store.conftest import T0


def _start(repository: Repository, person: PersonRecord, minutes: int = 0) -> SessionRecord:
    return repository.start_session(
        person.id,
        started_at=T0 + timedelta(minutes=minutes),
        routine_id="morning",
        routine={"exercises": ["knee-to-chest", "cat-cow"]},
        planned_seconds=300,
    )


def _result(session: SessionRecord, position: int, **changes: object) -> NewResult:
    item = NewResult(
        session_id=session.id,
        exercise_id="cat-cow",
        position=position,
        completed_at=session.started_at + timedelta(minutes=1 + position),
        repetitions_done=5,
        hold_seconds_actual=0.0,
        skipped=False,
    )
    return replace(item, **changes)  # type: ignore[arg-type]  # test data by keyword


def test_a_batch_gives_each_result_its_own_outcome_and_keeps_the_good_ones(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me)
    ended = _start(repository, me, minutes=1)
    repository.finish_session(ended.id, status="completed", ended_at=ended.started_at)
    someone = repository.add_person("Sam", created_at=T0)
    theirs = _start(repository, someone, minutes=2)
    before = repository.record_result(_result(session, 0))

    outcomes = repository.record_exercise_results(
        [
            _result(session, 1),
            _result(session, 0),  # already stored
            _result(ended, 0),
            _result(theirs, 0, person_id=me.id),
            _result(session, 2, completed_at=T0 - timedelta(minutes=1)),
            _result(session, 3, repetitions_done=-1),
            _result(session, 4),
            _result(session, 4, repetitions_done=9),  # another result there in this batch
            _result(replace(session, id=999_999), 0),
        ]
    )

    new_1, again_0, closed, foreign, early, negative, new_4, twice_4, missing = outcomes
    stored = {result.position: result for result in repository.exercise_results(session.id)}
    assert sorted(stored) == [0, 1, 4]
    assert new_1 == Stored(stored[1], created=True)
    assert new_4 == Stored(stored[4], created=True)
    assert again_0 == Stored(before, created=False)
    assert isinstance(twice_4, ConflictError) and "already recorded" in str(twice_4)
    assert stored[4].repetitions_done == 5
    assert isinstance(closed, ConflictError) and "already ended" in str(closed)
    assert isinstance(foreign, NotFoundError) and repository.exercise_results(theirs.id) == []
    assert isinstance(early, InvalidInputError) and "before started_at" in str(early)
    assert isinstance(negative, InvalidInputError) and "repetitions_done" in str(negative)
    assert isinstance(missing, NotFoundError)


def test_a_batch_stores_exactly_what_single_writes_store(
    repository: Repository, me: PersonRecord
) -> None:
    one_by_one, batched = _start(repository, me), _start(repository, me, minutes=1)
    items = [_result(one_by_one, position, skipped=position == 2) for position in range(5)]

    singles = [repository.record_result(item) for item in items]
    outcomes = repository.record_exercise_results(
        [replace(item, session_id=batched.id) for item in items]
    )

    assert all(isinstance(outcome, Stored) and outcome.created for outcome in outcomes)

    def comparable(session: SessionRecord) -> list[tuple[object, ...]]:
        return [
            (r.exercise_id, r.position, r.completed_at, r.repetitions_done, r.skipped)
            for r in repository.exercise_results(session.id)
        ]

    assert comparable(one_by_one) == comparable(batched)
    assert [r.position for r in singles] == [
        r.position for r in repository.exercise_results(batched.id)
    ]


def test_recording_one_result_at_a_taken_position_is_still_a_conflict(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me)
    repository.record_result(_result(session, 0))

    with pytest.raises(ConflictError, match="position 0"):
        repository.record_result(_result(session, 0, repetitions_done=1))


def test_a_result_sent_again_with_its_key_gets_the_stored_one_back_and_writes_nothing(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me)
    first = repository.record_exercise_results([_result(session, 0, idempotency_key="a1")])

    again = repository.record_exercise_results(
        [_result(session, 0, idempotency_key="a1", completed_at=T0 + timedelta(hours=1))]
    )

    (stored,) = repository.exercise_results(session.id)
    assert first == [Stored(stored, created=True)]
    assert again == [Stored(stored, created=False)]


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"idempotency_key": "other"}, "a result is recorded once"),
        ({"idempotency_key": "a1", "skipped": True}, "other values under this idempotency key"),
    ],
    ids=["another-key", "same-key-other-values"],
)
def test_another_result_at_a_recorded_position_is_a_conflict(
    repository: Repository, me: PersonRecord, changes: dict[str, object], said: str
) -> None:
    session = _start(repository, me)
    repository.record_exercise_results([_result(session, 0, idempotency_key="a1")])

    (outcome,) = repository.record_exercise_results([_result(session, 0, **changes)])

    assert isinstance(outcome, ConflictError) and said in str(outcome)
    assert [r.skipped for r in repository.exercise_results(session.id)] == [False]


def test_a_result_stored_without_a_key_is_recognised_by_its_values(
    repository: Repository, me: PersonRecord
) -> None:
    session = _start(repository, me)
    before = repository.record_result(_result(session, 0))  # the terminal sends no key

    same, other = repository.record_exercise_results(
        [_result(session, 0, idempotency_key="k"), _result(session, 0, repetitions_done=2)]
    )

    assert same == Stored(before, created=False)
    assert isinstance(other, ConflictError)
