"""Group the exercise results that arrive together into one transaction: one disk sync for many.

Each result is acknowledged only after its transaction has committed (the browser then drops it
from its outbox), so durability is as before; what changes is that fifty phones, or a queue
being replayed, share a commit instead of waiting for one each.

Where the batch is written depends on the database. SQLite is a local file whose synced commit
takes about 0.25 ms here, so the batch is written on the event loop itself: a thread of its own
cost more, handing the GIL to and fro with the busy loop, than the write (bench/web.py: 330
against 250 microseconds of CPU per result). A database server is a network away and may stall,
so there a thread writes and the loop never waits on it.
"""

import asyncio
import queue
import threading

from spinecoach.store.repository import Repository
from spinecoach.store.result_batches import NewResult, ResultOutcome, Stored

MAX_BATCH = 256  # bounds one transaction's length, so the first result never waits long
Loop = asyncio.AbstractEventLoop
Waiting = tuple[NewResult, asyncio.Future[Stored], Loop]
Settled = list[tuple[asyncio.Future[Stored], ResultOutcome | Exception]]


class ResultWriter:
    """Write the results waiting together in one transaction; await each one's outcome."""

    def __init__(self, repository: Repository, *, on_loop: bool) -> None:
        self._repository = repository
        self._on_loop = on_loop
        self._pending: list[Waiting] = []  # on the loop: what the next flush writes
        self._queue: queue.SimpleQueue[Waiting | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    async def write(self, item: NewResult) -> Stored:
        """Return the stored result once committed, or raise the error for this item."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Stored] = loop.create_future()
        if self._on_loop:
            if not self._pending:
                # After the callbacks already due: the requests read in this turn join the batch.
                loop.call_soon(self._flush)
            self._pending.append((item, future, loop))
        else:
            self._started()
            self._queue.put((item, future, loop))
        return await future

    def close(self) -> None:
        """Finish what is waiting and stop the thread, if there is one."""
        self._flush()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            for settled in self._write(batch).values():
                _settle(settled)

    def _started(self) -> None:
        # Started on first use rather than at app start, so apps made in tests without a
        # lifespan still work; the thread is a daemon, so a forgotten close never hangs an exit.
        with self._start:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="results", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while (first := self._queue.get()) is not None:
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    waiting = self._queue.get_nowait()
                except queue.Empty:
                    break
                if waiting is None:
                    self._queue.put(None)  # stop once this batch is written
                    break
                batch.append(waiting)
            # One wake-up per loop, not per result: each call_soon_threadsafe is a write to the
            # loop's socket, which hands the GIL to the busy loop and back.
            for loop, settled in self._write(batch).items():
                loop.call_soon_threadsafe(_settle, settled)

    def _write(self, batch: list[Waiting]) -> dict[Loop, Settled]:
        """Write a batch; return each waiting request's outcome, grouped by its event loop."""
        try:
            items = [item for item, _, _ in batch]
            outcomes: list[ResultOutcome | Exception] = [
                *self._repository.record_exercise_results(items)
            ]
        except Exception as error:  # the database failed: every waiting request hears why
            outcomes = [error] * len(batch)
        by_loop: dict[Loop, Settled] = {}
        for (_, future, loop), outcome in zip(batch, outcomes, strict=True):
            by_loop.setdefault(loop, []).append((future, outcome))
        return by_loop


def _settle(settled: Settled) -> None:
    for future, outcome in settled:
        if future.done():  # the request was cancelled: its client went away
            continue
        if isinstance(outcome, Stored):
            future.set_result(outcome)
        else:
            future.set_exception(outcome)
