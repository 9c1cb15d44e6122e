"""One thread writes, every write waits its turn in one queue, results share their commits.

SQLite takes one writer at a time. Each write is handed to the thread that holds the one write
connection, and the caller waits for its answer: a request's thread blocks on the future, the
event loop awaits it, and reads keep their own connections. Every transaction begins with
BEGIN IMMEDIATE, which takes the write lock before reading, so another process holding the lock
(a terminal session, a large restore) is waited for only until each job's deadline; past it the
job fails with BusyError and nothing of it is written (the web answers 503, the player retries).

Results waiting together are written in one transaction, one disk sync for many (group commit):
fifty phones, or an outbox sending what it kept while the server was away. On PostgreSQL the
same queue group-commits results; other writes go straight to the server, which takes many
writers at once. (Two writer threads there gave 10 % fewer results a second than one: they
spent what they gained in waiting on the server contending for the interpreter's lock.)
"""

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session as OrmSession

from spinecoach.errors import BusyError
from spinecoach.store.database import BUSY_MESSAGE, is_busy, translate_database_errors
from spinecoach.store.result_batches import NewResult, ResultCheck, Stored, write_results

T = TypeVar("T")
# How long a write may wait for its turn and for the lock. Longer than the brief locks a
# terminal session or a normal restore holds; short enough that a phone hears "busy, retry"
# well before its own request gives up.
WAIT_SECONDS = 4.0
MAX_BATCH = 256  # bounds one transaction's length, so the first result never waits long
# A batch that met a rival's row (PostgreSQL, another worker) is read again: then it sees it.
RACE_ATTEMPTS = 3


@dataclass(slots=True)
class _Job:
    """One write waiting in the queue: a result to batch, or a function of an ORM session."""

    future: Future[Any]
    deadline: float
    result: NewResult | None = None
    work: Callable[[OrmSession], Any] | None = field(default=None)
    # A coroutine's future, settled with the rest of its batch in one wake-up of its loop: one
    # wake-up per result (what asyncio.wrap_future does) was a socket write each in the writer.
    awaiting: "asyncio.Future[Any] | None" = None


class WriteQueue:
    """Send writes to one thread and one connection; answer each with its own outcome."""

    def __init__(
        self,
        engine: Engine,
        *,
        wait_seconds: float = WAIT_SECONDS,
        fits: ResultCheck | None = None,
    ) -> None:
        """Write to engine; fits checks each result against its session's routine."""
        self._engine = engine
        self._fits = fits
        self.wait_seconds = wait_seconds
        self._immediate = engine.dialect.name == "sqlite"
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def submit(
        self, work: Callable[[OrmSession], T], wait_seconds: float | None = None
    ) -> "Future[T]":
        """Queue work for its own transaction; the future holds what it returned or raised."""
        return self._put(_Job(Future(), self._deadline(wait_seconds), work=work))

    def submit_result(self, item: NewResult) -> "Future[Stored]":
        """Queue a result to be written with those waiting beside it; BusyError past the wait."""
        return self._put(_Job(Future(), self._deadline(), result=item))

    def await_result(self, item: NewResult) -> "tuple[Future[Stored], asyncio.Future[Stored]]":
        """Queue a result from a coroutine; return its future and the future to await.

        The second is settled on the caller's event loop once the first is; cancel the first
        to withdraw a result still queued.
        """
        waiting: asyncio.Future[Stored] = asyncio.get_running_loop().create_future()
        job = _Job(Future(), self._deadline(), result=item, awaiting=waiting)
        return self._put(job), waiting

    def run(self, work: Callable[[OrmSession], T], wait_seconds: float | None = None) -> T:
        """Write in the writer's thread and return what the work returned (blocks the caller).

        wait_seconds, if given, replaces the usual wait for the write's turn and the lock.
        """
        return self.answer(self.submit(work, wait_seconds), wait_seconds)

    def answer(self, future: "Future[T]", wait_seconds: float | None = None) -> T:
        """Wait for a queued write's outcome; BusyError if it could not start within the wait."""
        try:
            return future.result(timeout=wait_seconds or self.wait_seconds)
        except TimeoutError:
            if future.cancel():  # still queued behind a long write: it will never run
                raise BusyError(BUSY_MESSAGE) from None
            return future.result()  # being written right now: its answer is moments away

    def close(self) -> None:
        """Finish what is queued and stop the thread."""
        with self._start:
            if self._thread is not None:
                self._queue.put(None)
                self._thread.join()
                self._thread = None

    def _deadline(self, wait_seconds: float | None = None) -> float:
        return time.monotonic() + (wait_seconds or self.wait_seconds)

    def _put(self, job: _Job) -> "Future[Any]":
        with self._start:
            # Started on first use rather than with the app, so apps made in tests without a
            # lifespan work too; a daemon, so a forgotten close never hangs an exit.
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="writer", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job.future

    def _serve(self) -> None:
        with self._engine.connect() as connection:
            while (jobs := self._take()) is not None:
                started = [job for job in jobs if job.future.set_running_or_notify_cancel()]
                for group in _groups(started):
                    self._write(connection, group)
                    _wake(group)

    def _take(self) -> list[_Job] | None:
        """Return the jobs waiting now, at least one (waiting for it), or None to stop."""
        first = self._queue.get()
        if first is None:
            return None
        jobs = [first]
        while len(jobs) < MAX_BATCH:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is None:
                self._queue.put(None)  # stop once these are written
                break
            jobs.append(job)
        return jobs

    def _write(self, connection: Connection, jobs: list[_Job]) -> None:
        """Write a group in one transaction and settle each job's future."""
        for attempt in range(1, RACE_ATTEMPTS + 1):
            try:
                with translate_database_errors(self._engine):
                    jobs = self._begin(connection, jobs)
                    if not jobs:
                        return
                    outcomes = self._apply(connection, jobs)
                    connection.commit()
            except IntegrityError as error:
                connection.rollback()
                if jobs[0].result is not None and attempt < RACE_ATTEMPTS:
                    continue
                outcomes = [error] * len(jobs)
            except Exception as error:  # the database failed: every job of the group hears why
                connection.rollback()
                outcomes = [error] * len(jobs)
            for job, outcome in zip(jobs, outcomes, strict=True):
                if job.future.done():  # failed as too late while the lock was awaited
                    continue
                if isinstance(outcome, Exception):
                    job.future.set_exception(outcome)
                else:
                    job.future.set_result(outcome)
            return

    def _begin(self, connection: Connection, jobs: list[_Job]) -> list[_Job]:
        """Begin a transaction holding the write lock; fail the jobs whose deadline passed first."""
        while True:
            now = time.monotonic()
            for job in jobs:
                if job.deadline <= now:
                    job.future.set_exception(BusyError(BUSY_MESSAGE))
            jobs = [job for job in jobs if job.deadline > now]
            if not jobs:
                return jobs
            if not self._immediate:
                connection.begin()  # ours to commit: an ORM session joins it, never ends it
                return jobs
            # SQLite's busy handler waits at most until the earliest deadline, then says busy.
            wait_ms = max(1, int((jobs[0].deadline - now) * 1000))
            connection.exec_driver_sql(f"PRAGMA busy_timeout={wait_ms}")
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return jobs
            except OperationalError as error:
                connection.rollback()
                if not is_busy(error):
                    raise

    def _apply(self, connection: Connection, jobs: list[_Job]) -> list[object]:
        """Run a group's writes in the open transaction; return each job's outcome."""
        items = [job.result for job in jobs if job.result is not None]
        if items:
            return list(write_results(connection, items, self._fits))
        work = jobs[0].work
        assert work is not None and len(jobs) == 1  # _groups gives other writes one each
        # The session joins the transaction begun above and leaves its commit to us.
        with OrmSession(bind=connection, expire_on_commit=False) as orm:
            value = work(orm)
            orm.flush()
        return [value]


def _wake(jobs: list[_Job]) -> None:
    """Settle the written jobs' coroutine futures, with one call into each event loop."""
    waiting: dict[asyncio.AbstractEventLoop, list[_Job]] = {}
    for job in jobs:
        if job.awaiting is not None:
            waiting.setdefault(job.awaiting.get_loop(), []).append(job)
    for loop, settled in waiting.items():
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody awaits these any more
            loop.call_soon_threadsafe(_settle, settled)


def _settle(jobs: list[_Job]) -> None:
    """Pass each job's outcome to the future its coroutine awaits (on that coroutine's loop)."""
    for job in jobs:
        awaiting = job.awaiting
        if awaiting is None or awaiting.done():  # its request went away meanwhile
            continue
        error = job.future.exception()
        if error is not None:
            awaiting.set_exception(error)
        else:
            awaiting.set_result(job.future.result())


def _groups(jobs: list[_Job]) -> Iterator[list[_Job]]:
    """Split jobs in arrival order: neighbouring results together, every other write alone."""
    results: list[_Job] = []
    for job in jobs:
        if job.result is not None:
            results.append(job)
            continue
        if results:
            yield results
            results = []
        yield [job]
    if results:
        yield results
