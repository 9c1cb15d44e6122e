"""Await an exercise result written by the store's write queue; the event loop never waits."""

import asyncio

from spinecoach.errors import BusyError
from spinecoach.store.database import BUSY_MESSAGE
from spinecoach.store.result_batches import NewResult, Stored
from spinecoach.store.write_queue import WriteQueue


async def record_result(writes: WriteQueue, item: NewResult) -> Stored:
    """Return the stored result once committed; BusyError if it could not start in time.

    The result joins the others waiting in the queue (one commit for all of them); a refusal
    for this result alone (a conflict, an ended session) is raised here.
    """
    future = writes.submit_result(item)
    waiting = asyncio.wrap_future(future)
    try:
        return await asyncio.wait_for(asyncio.shield(waiting), writes.wait_seconds)
    except TimeoutError:
        if future.cancel():  # still queued behind a long write: it will never run
            raise BusyError(BUSY_MESSAGE) from None
        return await waiting  # being written right now: its answer is moments away
