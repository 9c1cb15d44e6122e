"""Write a batch of exercise results in one transaction, with an outcome for each result.

Each position of a session is recorded once. A result sent again with the idempotency key it
was stored under, and the same values, is a retry (the answer was lost on the way): it gets
the stored result back and nothing is written. Anything else at a recorded position (another
key, or other values under the same key) is a conflict. A result without a key (the terminal
player, or stored before keys were kept) is a retry when its values match.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, insert, select, update

from spinecoach.errors import ConflictError, InvalidInputError, NotFoundError
from spinecoach.records import ExerciseResult, ExerciseResultRecord, SessionStatus, new_uuid
from spinecoach.store import validation as check
from spinecoach.store.convert import camera_counts
from spinecoach.store.liveness import TAKEN_OVER, SessionOwner, taken_over
from spinecoach.store.models import ExerciseResultRow, SessionRow


@dataclass(frozen=True, slots=True, kw_only=True)
class NewResult(ExerciseResult):
    """A result to write, with who sends it; with person_id, another's session is not found."""

    person_id: int | None = None
    # The sender's name for this result, the same on every retry; None from the terminal.
    idempotency_key: str | None = None
    # The browser that sends it; None from the terminal (its process owns the session) and
    # from a client that keeps no cookie, whose results are taken as before.
    player: SessionOwner | None = None


class Stored(NamedTuple):
    """The record at the result's position, and whether this write created it."""

    record: ExerciseResultRecord
    created: bool


ResultOutcome = Stored | ConflictError | NotFoundError | InvalidInputError
# Whether a result fits its session's stored routine (the planned exercises): the rule lives in
# coaching/results.py and is handed in by whoever builds the store, since the store may not
# import it. None when it fits; else the refusal naming the field.
ResultCheck = Callable[[NewResult, Mapping[str, Any]], InvalidInputError | None]
Key = tuple[int, int]  # (session_id, position)

MAX_KEY_LENGTH = 200


class _Found(NamedTuple):
    """A result already stored at a position, with the key it was stored under."""

    record: ExerciseResultRecord
    idempotency_key: str | None


def write_results(
    connection: Connection, items: Sequence[NewResult], fits: ResultCheck | None = None
) -> list[ResultOutcome]:
    """Insert the items that can be written; return each item's outcome in order.

    Reads the sessions and positions involved with one query each and inserts with one
    statement, so a batch costs little more than a single result. fits, if given, checks each
    item against its session's routine, read in the same query.
    """
    checked: dict[int, dict[str, Any]] = {}
    outcomes: dict[int, ResultOutcome] = {}
    for index, item in enumerate(items):
        try:
            checked[index] = _checked_values(item)
        except InvalidInputError as error:
            outcomes[index] = error
    keys = {index: (items[index].session_id, items[index].position) for index in checked}
    sessions = _sessions(connection, {session_id for session_id, _ in keys.values()})
    stored = _stored(connection, set(keys.values()))
    new: dict[Key, int] = {}  # key -> index of the item that writes it
    for index, values in checked.items():
        key, item = keys[index], items[index]
        session: Any = sessions.get(item.session_id)  # None is refused just below
        refusal = _refusal(item, values, session, fits)
        if refusal is not None:
            outcomes[index] = refusal
        elif key in stored:
            outcomes[index] = _sent_again(item, stored[key])
        elif taken_over(session.owner_host, session.owner_pid, item.player):
            # Asked only of a result not stored yet: a retry of one stored before the take-over
            # still gets its stored answer, so nothing the old window sent is lost or doubled.
            outcomes[index] = ConflictError(TAKEN_OVER)
        elif key not in new:
            new[key] = index
    written = _insert(connection, [checked[index] for index in new.values()])
    for record, index in zip(written, new.values(), strict=True):
        outcomes[index] = Stored(record, created=True)
    created = {record_key(record): record for record in written}
    for index, key in keys.items():
        if index not in outcomes:  # the same position twice in one batch: the first one wins
            first = items[new[key]]
            outcomes[index] = _sent_again(items[index], _Found(created[key], first.idempotency_key))
    _beat(connection, written, sessions)
    return [outcomes[index] for index in range(len(items))]


def record_key(record: ExerciseResultRecord) -> Key:
    """Return the (session, position) a result is stored under."""
    return (record.session_id, record.position)


def _sent_again(item: NewResult, found: _Found) -> Stored | ConflictError:
    """Return the stored result if the item is a retry of it, else the conflict."""
    stored = found.record
    same = (
        stored.exercise_id == item.exercise_id
        and stored.repetitions_done == item.repetitions_done
        and abs(stored.hold_seconds_actual - item.hold_seconds_actual) < 0.001
        and stored.skipped == item.skipped
        and stored.camera == item.camera
    )
    keys = (item.idempotency_key, found.idempotency_key)
    if same and (None in keys or keys[0] == keys[1]):
        return Stored(stored, created=False)
    where = f"position {item.position} of session {item.session_id} is already recorded"
    if keys[0] is not None and keys[0] == keys[1]:
        return ConflictError(f"{where} with other values under this idempotency key")
    return ConflictError(f"{where}; a result is recorded once")


def _checked_values(item: NewResult) -> dict[str, Any]:
    # Field by field rather than dataclasses.asdict, whose deep copies were a third of a
    # batch's time (bench/web.py).
    seen = None if item.camera is None else check.camera_counts("camera", item.camera)
    return {
        # Made here, not by a column default, so the record returned holds it with no read back.
        "uuid": new_uuid(),
        "session_id": item.session_id,
        "reps_seen": None if seen is None else seen.reps_seen,
        "good_form_seconds": None if seen is None else seen.good_form_seconds,
        "corrections": None if seen is None else list(seen.corrections),
        "exercise_id": check.identifier("exercise_id", item.exercise_id, 100),
        "position": check.whole_number("position", item.position, 0),
        "completed_at": check.utc_timestamp("completed_at", item.completed_at),
        "repetitions_done": check.whole_number("repetitions_done", item.repetitions_done, 0),
        "hold_seconds_actual": check.seconds("hold_seconds_actual", item.hold_seconds_actual),
        "skipped": check.flag("skipped", item.skipped),
        "idempotency_key": None
        if item.idempotency_key is None
        else check.identifier("idempotency_key", item.idempotency_key, MAX_KEY_LENGTH),
    }


def _refusal(
    item: NewResult, values: dict[str, Any], session: Any, fits: ResultCheck | None
) -> ConflictError | NotFoundError | InvalidInputError | None:
    """Say why the item cannot be written to its session, or None when it can."""
    if session is None or item.person_id not in (None, session.person_id):
        return NotFoundError(f"session {item.session_id} does not exist")
    if session.status != SessionStatus.IN_PROGRESS:
        return ConflictError(f"session {item.session_id} has already ended ({session.status})")
    try:
        check.not_before("completed_at", values["completed_at"], "started_at", session.started_at)
    except InvalidInputError as error:
        return error
    return None if fits is None else fits(item, session.routine)


# Built once: constructing a statement per batch was a tenth of the writer's time, and its
# expanding IN lists keep one cached compilation whatever the batch holds (bench/web.py).
_SESSIONS = select(
    SessionRow.id,
    SessionRow.person_id,
    SessionRow.status,
    SessionRow.started_at,
    SessionRow.heartbeat_at,
    SessionRow.owner_host,
    SessionRow.owner_pid,
    SessionRow.routine,
).where(SessionRow.id.in_(bindparam("session_ids", expanding=True)))
_RESULTS = ExerciseResultRow.__table__
# Two plain IN lists, filtered here to the exact pairs: a batch is nearly always one session,
# and a row-value IN is compiled anew for every batch.
_STORED = select(_RESULTS).where(
    _RESULTS.c.session_id.in_(bindparam("session_ids", expanding=True)),
    _RESULTS.c.position.in_(bindparam("positions", expanding=True)),
)
# Ids are matched to rows by (session, position), unique in a batch, rather than by order:
# asking for the order makes SQLAlchemy insert one row per statement on SQLite.
_INSERT = insert(ExerciseResultRow).returning(
    ExerciseResultRow.id, ExerciseResultRow.session_id, ExerciseResultRow.position
)


def _sessions(connection: Connection, session_ids: set[int]) -> dict[int, Any]:
    rows = connection.execute(_SESSIONS, {"session_ids": list(session_ids)})
    return {row.id: row for row in rows}


def _stored(connection: Connection, keys: set[Key]) -> dict[Key, _Found]:
    if not keys:
        return {}
    wanted = {
        "session_ids": list({session_id for session_id, _ in keys}),
        "positions": list({position for _, position in keys}),
    }
    found = {(row.session_id, row.position): row for row in connection.execute(_STORED, wanted)}
    return {
        key: _Found(_record(dict(row._mapping)), row.idempotency_key)
        for key, row in found.items()
        if key in keys
    }


def _insert(connection: Connection, rows: list[dict[str, Any]]) -> list[ExerciseResultRecord]:
    if not rows:
        return []
    ids = {(s, p): id_ for id_, s, p in connection.execute(_INSERT, rows)}
    return [_record({"id": ids[row["session_id"], row["position"]], **row}) for row in rows]


def _record(values: Mapping[str, Any]) -> ExerciseResultRecord:
    """Return a stored row's values as a record, the camera's three columns as its counts.

    The idempotency key stays behind: it belongs to the sending, not to what was done.
    """
    return ExerciseResultRecord(
        id=values["id"],
        uuid=values["uuid"],
        session_id=values["session_id"],
        exercise_id=values["exercise_id"],
        position=values["position"],
        completed_at=values["completed_at"],
        repetitions_done=values["repetitions_done"],
        hold_seconds_actual=values["hold_seconds_actual"],
        skipped=values["skipped"],
        camera=camera_counts(
            values["reps_seen"], values["good_form_seconds"], values["corrections"]
        ),
    )


def _beat(connection: Connection, written: Iterable[ExerciseResultRecord], sessions: Any) -> None:
    """Move an owned session's heartbeat on: each result written is a sign of life."""
    latest: dict[int, datetime] = {}
    for record in written:
        latest[record.session_id] = max(
            latest.get(record.session_id, record.completed_at), record.completed_at
        )
    for session_id, at in latest.items():
        beat = sessions[session_id].heartbeat_at
        if beat is not None and beat < at:
            connection.execute(
                update(SessionRow).where(SessionRow.id == session_id).values(heartbeat_at=at)
            )
