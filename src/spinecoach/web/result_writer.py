"""Group the exercise results that arrive together into one transaction: one disk sync for many.

Each result is acknowledged only after its transaction has committed (the browser then drops it
from its outbox), so durability is as before; what changes is that fifty phones, or a queue
being replayed, share a commit instead of waiting for one each.
"""

import asyncio
import queue
import threading

from spinecoach.store.repository import Repository
from spinecoach.store.result_batches import NewResult, ResultOutcome, Stored

MAX_BATCH = 256  # bounds one transaction's length, so the first result never waits long
Loop = asyncio.AbstractEventLoop
Waiting = tuple[NewResult, asyncio.Future[Stored], Loop]


class ResultWriter:
    """Write results on a thread of its own, batching whatever is waiting; await each outcome."""

    def __init__(self, repository: Repository) -> None:
        self._repository = repository
        self._queue: queue.SimpleQueue[Waiting | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    async def write(self, item: NewResult) -> Stored:
        """Return the stored result once committed, or raise the error for this item."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Stored] = loop.create_future()
        self._started()
        self._queue.put((item, future, loop))
        return await future

    def close(self) -> None:
        """Finish what is queued and stop the thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

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
            self._write(batch)

    def _write(self, batch: list[Waiting]) -> None:
        try:
            outcomes = self._repository.record_exercise_results([item for item, _, _ in batch])
            settled: list[tuple[asyncio.Future[Stored], ResultOutcome | Exception, Loop]] = [
                (future, outcome, loop)
                for (_, future, loop), outcome in zip(batch, outcomes, strict=True)
            ]
        except Exception as error:  # the database failed: every waiting request hears why
            settled = [(future, error, loop) for _, future, loop in batch]
        for future, outcome, loop in settled:
            loop.call_soon_threadsafe(_settle, future, outcome)


def _settle(future: asyncio.Future[Stored], outcome: ResultOutcome | Exception) -> None:
    if future.done():  # the request was cancelled: its client went away
        return
    if isinstance(outcome, Stored):
        future.set_result(outcome)
    else:
        future.set_exception(outcome)
