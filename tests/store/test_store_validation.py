"""Bad values are refused with a message naming the field, and nothing is written."""

import math
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from spinecoach.errors import InvalidInputError, NotFoundError
from spinecoach.records import PersonRecord, SessionRecord
from spinecoach.store.repository import Repository
from tests.store.conftest import T0

NAIVE = datetime(2026, 1, 5, 9, 0)


@pytest.fixture
def person(sqlite_repository: Repository) -> PersonRecord:
    """The local person in a SQLite file database."""
    return sqlite_repository.ensure_default_person(T0)


@pytest.fixture
def session(sqlite_repository: Repository, person: PersonRecord) -> SessionRecord:
    """A session in progress."""
    return sqlite_repository.start_session(
        person.id, started_at=T0, routine_id="r", routine={}, planned_seconds=60
    )


def _everything(repository: Repository, person: PersonRecord, session: SessionRecord) -> object:
    """Return every record the person has, to compare before and after a refused write."""
    return (
        repository.pain_entries(person.id),
        repository.sessions(person.id),
        repository.screenings(person.id),
        repository.exercise_results(session.id),
    )


def _pain(**changes: object) -> Callable[[Repository, int, int], object]:
    def write(repository: Repository, person_id: int, session_id: int) -> object:
        values: dict[str, object] = {"recorded_at": T0, "score": 3, "context": "diary"}
        values.update(changes)
        return repository.record_pain(person_id, **values)  # type: ignore[arg-type]

    return write


def _result(**changes: object) -> Callable[[Repository, int, int], object]:
    def write(repository: Repository, person_id: int, session_id: int) -> object:
        values: dict[str, object] = {
            "exercise_id": "cat-cow",
            "position": 0,
            "completed_at": T0 + timedelta(minutes=1),
            "repetitions_done": 2,
            "hold_seconds_actual": 5.0,
            "skipped": False,
        }
        values.update(changes)
        return repository.record_exercise_result(session_id, **values)  # type: ignore[arg-type]

    return write


def _screening(**changes: object) -> Callable[[Repository, int, int], object]:
    def write(repository: Repository, person_id: int, session_id: int) -> object:
        values: dict[str, object] = {
            "taken_at": T0,
            "answers": {"fever": False},
            "outcome": "go",
            "rules_version": "v1",
            "doctor_acknowledged": False,
        }
        values.update(changes)
        return repository.record_screening(person_id, **values)  # type: ignore[arg-type]

    return write


def _start(**changes: object) -> Callable[[Repository, int, int], object]:
    def write(repository: Repository, person_id: int, session_id: int) -> object:
        values: dict[str, object] = {
            "started_at": T0,
            "routine_id": "r",
            "routine": {},
            "planned_seconds": 60,
        }
        values.update(changes)
        return repository.start_session(person_id, **values)  # type: ignore[arg-type]

    return write


BAD_WRITES = {
    "score above ten": (_pain(score=11), "score"),
    "negative score": (_pain(score=-1), "score"),
    "score given as a fraction": (_pain(score=2.5), "score"),
    "score given as a boolean": (_pain(score=True), "score"),
    "unknown region": (_pain(region="neck"), "region"),
    "unknown pain kind": (_pain(kind="stabbing"), "kind"),
    "unknown pain context": (_pain(context="lunch"), "context"),
    "naive pain time": (_pain(recorded_at=NAIVE), "recorded_at"),
    "overlong note": (_pain(note="x" * 2001), "note"),
    "negative repetitions": (_result(repetitions_done=-1), "repetitions_done"),
    "negative position": (_result(position=-1), "position"),
    "endless hold": (_result(hold_seconds_actual=math.inf), "hold_seconds_actual"),
    "negative hold": (_result(hold_seconds_actual=-0.5), "hold_seconds_actual"),
    "skipped as text": (_result(skipped="no"), "skipped"),
    "empty exercise id": (_result(exercise_id=" "), "exercise_id"),
    "result before session start": (
        _result(completed_at=T0 - timedelta(seconds=1)),
        "completed_at",
    ),
    "unknown screening outcome": (_screening(outcome="maybe"), "outcome"),
    "answers not JSON": (_screening(answers={"when": T0}), "answers"),
    "answers with a number key": (_screening(answers={1: True}), "answers"),
    "answers not an object": (_screening(answers=["fever"]), "answers"),
    "naive screening time": (_screening(taken_at=NAIVE), "taken_at"),
    "acknowledged as text": (_screening(doctor_acknowledged="yes"), "doctor_acknowledged"),
    "zero planned seconds": (_start(planned_seconds=0), "planned_seconds"),
    "routine with NaN": (_start(routine={"hold": math.nan}), "routine"),
    "overlong routine id": (_start(routine_id="r" * 101), "routine_id"),
}


@pytest.mark.parametrize(("write", "field"), BAD_WRITES.values(), ids=BAD_WRITES.keys())
def test_bad_value_is_refused_naming_the_field_and_nothing_is_written(
    sqlite_repository: Repository,
    person: PersonRecord,
    session: SessionRecord,
    write: Callable[[Repository, int, int], object],
    field: str,
) -> None:
    before = _everything(sqlite_repository, person, session)

    with pytest.raises(InvalidInputError, match=f"^{field}: "):
        write(sqlite_repository, person.id, session.id)

    assert _everything(sqlite_repository, person, session) == before


def test_finishing_as_in_progress_or_before_the_start_is_refused(
    sqlite_repository: Repository, person: PersonRecord, session: SessionRecord
) -> None:
    with pytest.raises(InvalidInputError, match=r"^status: "):
        sqlite_repository.finish_session(session.id, status="in-progress", ended_at=T0)
    with pytest.raises(InvalidInputError, match=r"^ended_at: "):
        sqlite_repository.finish_session(
            session.id, status="completed", ended_at=T0 - timedelta(minutes=1)
        )

    assert sqlite_repository.sessions(person.id) == [session]


def test_records_for_unknown_people_or_sessions_are_refused(
    sqlite_repository: Repository, person: PersonRecord, session: SessionRecord
) -> None:
    with pytest.raises(NotFoundError, match="person 999"):
        sqlite_repository.record_pain(999, recorded_at=T0, score=1, context="diary")
    with pytest.raises(NotFoundError, match="session 999"):
        _result()(sqlite_repository, person.id, 999)
    with pytest.raises(NotFoundError, match="session 999"):
        sqlite_repository.record_pain(
            person.id, recorded_at=T0, score=1, context="during", session_id=999
        )

    assert sqlite_repository.pain_entries(person.id) == []


def test_pain_cannot_be_tied_to_another_persons_session(
    sqlite_repository: Repository, person: PersonRecord, session: SessionRecord
) -> None:
    other = sqlite_repository.add_person("patient 2", created_at=T0)

    with pytest.raises(NotFoundError, match=f"session {session.id}"):
        sqlite_repository.record_pain(
            other.id, recorded_at=T0, score=4, context="after", session_id=session.id
        )

    assert sqlite_repository.pain_entries(other.id) == []
