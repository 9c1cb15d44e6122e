"""One writer thread: results queued together share a commit; a held lock is waited out briefly."""

import asyncio
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from spinecoach.errors import BusyError, ConflictError, NotFoundError
from spinecoach.records import PersonRecord, SessionRecord
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from spinecoach.store.result_batches import NewResult, Stored
from spinecoach.store.write_queue import WriteQueue
from tests.store.conftest import T0
from tests.write_lock import write_lock


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    opened = open_database(database_url)
    yield opened
    opened.dispose()


def _session(repository: Repository, person: PersonRecord) -> SessionRecord:
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
        idempotency_key=f"key-{position}",
    )


def test_results_queued_together_share_commits_and_each_gets_its_own_outcome(
    engine: Engine, repository: Repository, me: PersonRecord
) -> None:
    session = _session(repository, me)
    commits: list[object] = []
    event.listen(engine, "commit", commits.append)
    writes = WriteQueue(engine)
    items = [_item(session.id, p) for p in range(30)]
    items += [_item(session.id, 3), _item(session.id, 4, repetitions=1), _item(999_999, 0)]

    futures = [writes.submit_result(item) for item in items]
    outcomes = [future.exception() or future.result() for future in futures]
    writes.close()

    stored = {r.position: r for r in repository.exercise_results(session.id)}
    assert sorted(stored) == list(range(30))
    assert outcomes[:30] == [Stored(stored[p], created=True) for p in range(30)]
    again, different, missing = outcomes[30:]
    assert again == Stored(stored[3], created=False)  # the same key and values: a retry
    assert isinstance(different, ConflictError)
    assert isinstance(missing, NotFoundError)
    assert len(commits) < len(items) / 2  # written together, not one by one


def test_results_awaited_on_an_event_loop_get_their_own_outcomes_and_wake_it_once_a_batch(
    engine: Engine, repository: Repository, me: PersonRecord
) -> None:
    session = _session(repository, me)
    writes = WriteQueue(engine)
    items = [_item(session.id, p) for p in range(20)] + [_item(session.id, 2, repetitions=1)]
    wake_ups: list[object] = []

    async def send_all() -> list[object]:
        loop = asyncio.get_running_loop()
        call_soon_threadsafe = loop.call_soon_threadsafe

        def counted(callback: Any, *args: Any) -> asyncio.Handle:
            wake_ups.append(callback)
            return call_soon_threadsafe(callback, *args)

        loop.call_soon_threadsafe = counted  # type: ignore[method-assign]
        # The writer is kept busy until all are queued, so it takes them as one batch.
        gate = threading.Event()
        busy = writes.submit(lambda orm: gate.wait(timeout=30))
        waiting = [writes.await_result(item)[1] for item in items]
        gate.set()
        assert busy.result(timeout=30)
        return list(await asyncio.gather(*waiting, return_exceptions=True))

    outcomes = asyncio.run(send_all())
    writes.close()

    stored = {r.position: r for r in repository.exercise_results(session.id)}
    assert outcomes[:20] == [Stored(stored[p], created=True) for p in range(20)]
    assert isinstance(outcomes[20], ConflictError)
    assert len(wake_ups) == 1  # one for the batch, not one per result


def test_the_store_writes_through_the_queue_and_an_ended_session_refuses_results(
    engine: Engine, me: PersonRecord
) -> None:
    writes = WriteQueue(engine)
    repository = Repository(engine, writes=writes)
    ended = _session(repository, me)
    repository.finish_session(ended.id, status="completed", ended_at=T0 + timedelta(minutes=2))
    current = _session(repository, me)

    refused, kept = repository.record_exercise_results([_item(ended.id, 0), _item(current.id, 0)])
    writes.close()

    assert isinstance(refused, ConflictError) and "already ended" in str(refused)
    assert kept == Stored(repository.exercise_results(current.id)[0], created=True)


def test_a_write_lock_held_past_the_wait_is_busy_and_reads_go_on(
    sqlite_url: str, tmp_path: Path
) -> None:
    engine = open_database(sqlite_url)
    repository = Repository(engine)
    person = repository.ensure_default_person(T0)
    engine.dispose()
    writes = WriteQueue(open_database(sqlite_url), wait_seconds=2.0)

    with write_lock(tmp_path / "spinecoach.db") as lock:
        refused = writes.submit(lambda orm: "written")
        busy = refused.exception(timeout=30)
        people = repository.find_default_person()
        waiting = writes.submit(lambda orm: "written")
        lock.release()
        after = writes.answer(waiting)
    writes.close()

    assert isinstance(busy, BusyError) and "busy" in busy.user_message
    assert people == person
    assert after == "written"


def test_a_write_queued_behind_a_long_one_gives_up_at_its_deadline(sqlite_url: str) -> None:
    writes = WriteQueue(open_database(sqlite_url), wait_seconds=0.3)
    writing, let_go = threading.Event(), threading.Event()

    def long_write(orm: object) -> bool:
        writing.set()
        return let_go.wait(30)

    long = writes.submit(long_write)
    writing.wait(30)

    with pytest.raises(BusyError):
        writes.run(lambda orm: "never written")
    let_go.set()

    assert writes.answer(long) is True
    writes.close()
