"""Append the exercises done in a session and read them back, per session or in bulk."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from spinecoach.errors import ConflictError
from spinecoach.records import (
    CameraCounts,
    ExerciseOutcome,
    ExerciseResultRecord,
    SessionStatus,
)
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase, require_session
from spinecoach.store.convert import exercise_result_record
from spinecoach.store.models import ExerciseResultRow, SessionRow


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
        seen = None if camera is None else check.camera_counts("camera", camera)
        row = ExerciseResultRow(
            session_id=session_id,
            exercise_id=check.identifier("exercise_id", exercise_id, 100),
            position=check.whole_number("position", position, 0),
            completed_at=check.utc_timestamp("completed_at", completed_at),
            repetitions_done=check.whole_number("repetitions_done", repetitions_done, 0),
            hold_seconds_actual=check.seconds("hold_seconds_actual", hold_seconds_actual),
            skipped=check.flag("skipped", skipped),
            reps_seen=None if seen is None else seen.reps_seen,
            good_form_seconds=None if seen is None else seen.good_form_seconds,
            corrections=None if seen is None else list(seen.corrections),
        )
        try:
            with self._transaction() as orm:
                session = require_session(orm, session_id)
                if session.status != SessionStatus.IN_PROGRESS:
                    raise ConflictError(
                        f"session {session_id} has already ended ({session.status})"
                    )
                check.not_before("completed_at", row.completed_at, "started_at", session.started_at)
                orm.add(row)
                # Each exercise written is a sign of life of an owned session (liveness.py).
                if session.heartbeat_at is not None:
                    session.heartbeat_at = max(session.heartbeat_at, row.completed_at)
        except IntegrityError as error:
            raise ConflictError(
                f"position {position} of session {session_id} is already recorded"
            ) from error
        return exercise_result_record(row)

    def exercise_results(self, session_id: int) -> list[ExerciseResultRecord]:
        """Return a session's recorded exercises in routine order."""
        query = select(ExerciseResultRow).where(ExerciseResultRow.session_id == session_id)
        with self._transaction() as orm:
            rows = orm.scalars(query.order_by(ExerciseResultRow.position))
            return [exercise_result_record(row) for row in rows]

    def exercise_outcomes_of_person(
        self, person_id: int, *, since: datetime | None = None
    ) -> dict[int, list[ExerciseOutcome]]:
        """Return every session's exercises done or skipped, in one query, by session id.

        Only the columns a history needs: on five years of records a query per session, or
        full result records with their timestamps, cost most of the history's time.
        """
        query = (
            select(
                ExerciseResultRow.session_id,
                ExerciseResultRow.exercise_id,
                ExerciseResultRow.position,
                ExerciseResultRow.skipped,
            )
            .join(SessionRow, SessionRow.id == ExerciseResultRow.session_id)
            .where(SessionRow.person_id == person_id)
        )
        if since is not None:
            query = query.where(SessionRow.started_at >= check.utc_timestamp("since", since))
        query = query.order_by(ExerciseResultRow.session_id, ExerciseResultRow.position)
        grouped: dict[int, list[ExerciseOutcome]] = {}
        with self._transaction() as orm:
            for session_id, exercise_id, position, skipped in orm.connection().execute(query):
                grouped.setdefault(session_id, []).append(
                    ExerciseOutcome(exercise_id, position, skipped)
                )
        return grouped

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
            for row in orm.scalars(query):
                results.setdefault(row.session_id, []).append(exercise_result_record(row))
        return results
