"""Append the exercises done in a session and read them back, per session or in bulk."""

from collections.abc import Sequence
from concurrent.futures import Future
from datetime import datetime
from itertools import groupby
from operator import itemgetter

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from spinecoach.errors import ConflictError, InvalidInputError, NotFoundError
from spinecoach.records import CameraCounts, ExerciseOutcome, ExerciseResultRecord
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase, plain_rows
from spinecoach.store.convert import exercise_result_record
from spinecoach.store.models import ExerciseResultRow, SessionRow
from spinecoach.store.result_batches import NewResult, ResultOutcome, Stored, write_results
from spinecoach.store.write_queue import RACE_ATTEMPTS, WriteQueue


class ExerciseResultStore(StoreBase):
    """Append one result per routine position and read results for histories and exports."""

    def record_exercise_result(
        self,
        session_id: int,
        *,
        exercise_id: str,
        position: int,
        completed_at: datetime,
        repetitions_done: int,
        hold_seconds_actual: float,
        skipped: bool,
        camera: CameraCounts | None = None,
    ) -> ExerciseResultRecord:
        """Append one finished exercise of a session in progress, committed before returning.

        camera is what the camera coach counted, or None when the camera was off.
        """
        return self.record_result(
            NewResult(
                session_id=session_id,
                exercise_id=exercise_id,
                position=position,
                completed_at=completed_at,
                repetitions_done=repetitions_done,
                hold_seconds_actual=hold_seconds_actual,
                skipped=skipped,
                camera=camera,
            )
        )

    def record_result(self, item: NewResult) -> ExerciseResultRecord:
        """Write one result; ConflictError if its position is already recorded."""
        outcome = self.record_exercise_results([item])[0]
        if isinstance(outcome, Exception):
            raise outcome
        if not outcome.created:
            raise ConflictError(
                f"position {item.position} of session {item.session_id} is already recorded"
            )
        return outcome.record

    def record_exercise_results(self, items: Sequence[NewResult]) -> list[ResultOutcome]:
        """Write many results in one transaction (one disk sync); each item gets its own outcome.

        An outcome is the stored record (created, or already there and sent again) or the
        error for that item alone; the other items are written all the same. With a write
        queue the results join those of other requests (store/write_queue.py).
        """
        if self._writes is not None:
            futures = [self._writes.submit_result(item) for item in items]
            return [_outcome(self._writes, future) for future in futures]
        for _ in range(RACE_ATTEMPTS - 1):
            try:
                with self._core_write() as connection:
                    return write_results(connection, items, self._fits)
            except IntegrityError:
                # Another process wrote one of these positions between our read and our insert
                # (PostgreSQL): read again, and the batch sees it as recorded.
                continue
        with self._core_write() as connection:
            return write_results(connection, items, self._fits)

    def exercise_results(self, session_id: int) -> list[ExerciseResultRecord]:
        """Return a session's recorded exercises in routine order."""
        query = select(ExerciseResultRow).where(ExerciseResultRow.session_id == session_id)
        with self._transaction() as orm:
            rows = orm.scalars(query.order_by(ExerciseResultRow.position))
            return [exercise_result_record(row) for row in rows]

    def exercise_result(self, session_id: int, position: int) -> ExerciseResultRecord | None:
        """Return the result stored at one position of a session, or None."""
        query = select(ExerciseResultRow).where(
            ExerciseResultRow.session_id == session_id, ExerciseResultRow.position == position
        )
        with self._transaction() as orm:
            row = orm.scalars(query).first()
            return None if row is None else exercise_result_record(row)

    def exercise_outcomes_of_person(
        self,
        person_id: int,
        *,
        since: datetime | None = None,
        only: Sequence[int] | None = None,
    ) -> dict[int, list[ExerciseOutcome]]:
        """Return every session's (or only these sessions') exercises done or skipped, by id.

        Only the columns a history needs: on five years of records a query per session, or
        full result records with their timestamps, cost most of the history's time.
        """
        sessions = select(SessionRow.id).where(SessionRow.person_id == person_id)
        if since is not None:
            sessions = sessions.where(SessionRow.started_at >= check.utc_timestamp("since", since))
        if only is not None:
            sessions = sessions.where(SessionRow.id.in_(only))
        # IN rather than a join: the rows then come in the (session, position) key's own order,
        # where a join made SQLite sort them all again (a fifth of this read).
        query = (
            select(
                ExerciseResultRow.session_id,
                ExerciseResultRow.exercise_id,
                ExerciseResultRow.position,
                ExerciseResultRow.skipped,
            )
            .where(ExerciseResultRow.session_id.in_(sessions))
            .order_by(ExerciseResultRow.session_id, ExerciseResultRow.position)
        )
        with self._transaction() as orm:
            # plain_rows cannot expand a list of ids; a page's few sessions need no such speed.
            rows = (
                plain_rows(orm, query)
                if only is None
                else [tuple(row) for row in orm.execute(query)]
            )
        # The rows come ordered by session: one list per run of rows, made in one comprehension.
        return {
            session_id: [ExerciseOutcome(e, p, bool(skipped)) for _, e, p, skipped in run]
            for session_id, run in groupby(rows, key=itemgetter(0))
        }

    def exercise_results_of_person(self, person_id: int) -> dict[int, list[ExerciseResultRecord]]:
        """Return every session's exercise results by session id, in one query (for exports)."""
        query = (
            select(ExerciseResultRow)
            .join(SessionRow, SessionRow.id == ExerciseResultRow.session_id)
            .where(SessionRow.person_id == person_id)
            .order_by(ExerciseResultRow.session_id, ExerciseResultRow.position)
        )
        results: dict[int, list[ExerciseResultRecord]] = {}
        with self._transaction() as orm:
            for row in orm.scalars(query).all():
                results.setdefault(row.session_id, []).append(exercise_result_record(row))
        return results


def _outcome(writes: WriteQueue, future: "Future[Stored]") -> ResultOutcome:
    """Return a queued result's outcome, its refusal included, as record_exercise_results does."""
    try:
        return writes.answer(future)
    except (ConflictError, NotFoundError, InvalidInputError) as refusal:
        return refusal
