"""Await an exercise result written by the store's write queue; the event loop never waits."""

import asyncio
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from spinecoach.clock import Clock
from spinecoach.errors import BusyError
from spinecoach.records import PersonRecord
from spinecoach.store.database import BUSY_MESSAGE
from spinecoach.store.liveness import SessionOwner
from spinecoach.store.result_batches import NewResult, Stored
from spinecoach.store.write_queue import WriteQueue
from spinecoach.web.deps import person
from spinecoach.web.players import known_player


@dataclass(frozen=True, slots=True)
class ResultSender:
    """Who sends a result and where it goes: the person, their browser, the clock, the queue."""

    person: PersonRecord
    player: SessionOwner | None
    clock: Clock
    writes: WriteQueue


async def result_sender(request: Request) -> ResultSender:
    """Return what recording a result needs, as one dependency of the result route.

    One rather than four: FastAPI solves each dependency anew on every request; in-process, a
    result's CPU time fell from 1.22-1.38 ms to 1.15-1.25 ms with one (bench/web.py).
    """
    state = request.app.state
    return ResultSender(
        await person(request), await known_player(request), state.clock, state.writes
    )


ResultSenderDep = Annotated[ResultSender, Depends(result_sender)]


async def record_result(writes: WriteQueue, item: NewResult) -> Stored:
    """Return the stored result once committed; BusyError if it could not start in time.

    The result joins the others waiting in the queue (one commit for all of them); a refusal
    for this result alone (a conflict, an ended session) is raised here.
    """
    future, waiting = writes.await_result(item)

    def too_late() -> None:
        # Still queued behind a long write: withdrawn, it will never run. Being written right
        # now, it cannot be withdrawn, and its answer is moments away.
        if future.cancel() and not waiting.done():
            waiting.set_exception(BusyError(BUSY_MESSAGE))

    # A timer of our own rather than asyncio.wait_for and shield, which made two more futures
    # and a task switch for every result (bench/web.py).
    timer = asyncio.get_running_loop().call_later(writes.wait_seconds, too_late)
    try:
        return await waiting
    finally:
        timer.cancel()
