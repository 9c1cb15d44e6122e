"""The result writer commits what arrives together once, on the loop or on its thread alike."""

import asyncio
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spinecoach.errors import ConflictError, NotFoundError
from spinecoach.records import SessionRecord
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from spinecoach.store.result_batches import NewResult, ResultOutcome, Stored
from spinecoach.web.result_writer import ResultWriter
from tests.conftest import PostgresServer

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class CountingRepository(Repository):
    """The real repository, remembering the size of each batch it was asked to write."""

    batches: list[int]

    def record_exercise_results(self, items: Sequence[NewResult]) -> list[ResultOutcome]:
        self.batches.append(len(items))
        return super().record_exercise_results(items)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def repository(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CountingRepository]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'spinecoach.db'}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        url = server.create_database()
    engine = open_database(url)
    repository = CountingRepository(engine)
    repository.batches = []
    yield repository
    engine.dispose()


def _session(repository: Repository) -> SessionRecord:
    person = repository.ensure_default_person(T0)
    return repository.start_session(
        person.id, started_at=T0, routine_id="all-six", routine={}, planned_seconds=600
    )


def _item(session_id: int, position: int, repetitions: int = 5) -> NewResult:
    return NewResult(
        session_id=session_id,
        exercise_id="cat-cow",
        position=position,
        completed_at=T0 + timedelta(minutes=1),
        repetitions_done=repetitions,
        hold_seconds_actual=0.0,
        skipped=False,
    )


async def _write_all(writer: ResultWriter, items: list[NewResult]) -> list[object]:
    return await asyncio.gather(*(writer.write(item) for item in items), return_exceptions=True)


@pytest.mark.parametrize("on_loop", [True, False], ids=["on-loop", "thread"])
def test_results_sent_together_share_a_transaction_and_each_gets_its_outcome(
    repository: CountingRepository, on_loop: bool
) -> None:
    session = _session(repository)
    writer = ResultWriter(repository, on_loop=on_loop)
    items = [_item(session.id, p) for p in range(30)]
    items += [_item(session.id, 3), _item(session.id, 4, repetitions=1), _item(999_999, 0)]

    outcomes = asyncio.run(_write_all(writer, items))
    writer.close()

    stored = {r.position: r for r in repository.exercise_results(session.id)}
    assert sorted(stored) == list(range(30))
    assert outcomes[:30] == [Stored(stored[p], created=True) for p in range(30)]
    again, different, missing = outcomes[30:]
    # The same position twice among results written together: the first one is kept.
    assert again == Stored(stored[3], created=False)
    assert different == Stored(stored[4], created=False)
    assert isinstance(missing, NotFoundError)
    assert sum(repository.batches) == len(items)
    assert len(repository.batches) < len(items) / 2  # written together, not one by one


@pytest.mark.parametrize("on_loop", [True, False], ids=["on-loop", "thread"])
def test_a_result_for_an_ended_session_is_refused_and_the_writer_carries_on(
    repository: CountingRepository, on_loop: bool
) -> None:
    ended = _session(repository)
    repository.finish_session(ended.id, status="completed", ended_at=T0 + timedelta(minutes=2))
    current = _session(repository)
    writer = ResultWriter(repository, on_loop=on_loop)

    refused = asyncio.run(_write_all(writer, [_item(ended.id, 0)]))
    kept = asyncio.run(_write_all(writer, [_item(current.id, 0)]))
    writer.close()

    assert isinstance(refused[0], ConflictError)
    assert [r.position for r in repository.exercise_results(current.id)] == [0]
    assert kept == [Stored(repository.exercise_results(current.id)[0], created=True)]
