"""Append records and read them back as plain records; every write is committed on return."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, Update, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.errors import ConflictError, InvalidInputError, NotFoundError
from spinecoach.records import (
    ExerciseOutcome,
    ExerciseResultRecord,
    JsonObject,
    PainContext,
    PainEntryRecord,
    PainKind,
    PersonRecord,
    PreferencesRecord,
    PsfsRating,
    PsfsRecord,
    ResumableSession,
    ScreeningOutcome,
    ScreeningRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.store import validation as check
from spinecoach.store.convert import (
    PAIN_COLUMNS,
    SESSION_COLUMNS,
    exercise_result_record,
    pain_entry_record,
    pain_values,
    person_record,
    preferences_record,
    psfs_record,
    screening_record,
    session_record,
    session_values,
)
from spinecoach.store.database import translate_database_errors
from spinecoach.store.liveness import SessionOwner
from spinecoach.store.models import (
    Base,
    ExerciseResultRow,
    PainEntryRow,
    PersonRow,
    PreferencesRow,
    PsfsRow,
    ScreeningRow,
    SessionRow,
)

DEFAULT_PERSON_NAME = "me"


class Repository:
    """Read and append one database's records; methods return records, never ORM rows.

    Append-only by construction: there is no method that updates or deletes what a person
    entered. The one update, finish_session, fills in how a session ended, once.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._orm_sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def _transaction(self) -> Iterator[OrmSession]:
        """Open one transaction, committed on success, with database failures explained."""
        with translate_database_errors(self._engine), self._orm_sessions.begin() as orm:
            yield orm

    def ensure_default_person(self, now: datetime) -> PersonRecord:
        """Return the local person, creating them on first use."""
        created_at = check.utc_timestamp("created_at", now)
        with self._transaction() as orm:
            existing = self._default_person(orm)
            if existing is None:
                orm.add(PersonRow(name=DEFAULT_PERSON_NAME, created_at=created_at))
        if existing is not None:
            return person_record(existing)
        # Read back after the commit: if two processes raced, both settle on the oldest row.
        with self._transaction() as orm:
            settled = self._default_person(orm)
            assert settled is not None, "the default person was just committed"
            return person_record(settled)

    def add_person(self, name: str, *, created_at: datetime) -> PersonRecord:
        """Append another person, as a clinic does for each patient."""
        row = PersonRow(
            name=check.identifier("name", name, 200),
            created_at=check.utc_timestamp("created_at", created_at),
        )
        with self._transaction() as orm:
            orm.add(row)
        return person_record(row)

    @staticmethod
    def _default_person(orm: OrmSession) -> PersonRow | None:
        """Return the oldest person with the default name, if any."""
        query = select(PersonRow).where(PersonRow.name == DEFAULT_PERSON_NAME)
        return orm.scalars(query.order_by(PersonRow.id).limit(1)).first()

    def record_screening(
        self,
        person_id: int,
        *,
        taken_at: datetime,
        answers: JsonObject,
        outcome: ScreeningOutcome | str,
        rules_version: str,
        doctor_acknowledged: bool,
    ) -> ScreeningRecord:
        """Append a screening with its answers as given."""
        row = ScreeningRow(
            person_id=person_id,
            taken_at=check.utc_timestamp("taken_at", taken_at),
            answers=check.json_object("answers", answers),
            outcome=check.choice(ScreeningOutcome, "outcome", outcome).value,
            rules_version=check.identifier("rules_version", rules_version, 50),
            doctor_acknowledged=check.flag("doctor_acknowledged", doctor_acknowledged),
        )
        with self._transaction() as orm:
            _require_person(orm, person_id)
            orm.add(row)
        return screening_record(row)

    def latest_screening(self, person_id: int) -> ScreeningRecord | None:
        """Return the most recent screening, or None if the person was never screened."""
        query = select(ScreeningRow).where(ScreeningRow.person_id == person_id)
        query = query.order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc()).limit(1)
        with self._transaction() as orm:
            row = orm.scalars(query).first()
            return None if row is None else screening_record(row)

    def screenings(self, person_id: int, *, since: datetime | None = None) -> list[ScreeningRecord]:
        """Return the person's screenings, oldest first, from `since` on if given."""
        query = select(ScreeningRow).where(ScreeningRow.person_id == person_id)
        if since is not None:
            query = query.where(ScreeningRow.taken_at >= check.utc_timestamp("since", since))
        query = query.order_by(ScreeningRow.taken_at, ScreeningRow.id)
        with self._transaction() as orm:
            return [screening_record(row) for row in orm.scalars(query)]

    def start_session(
        self,
        person_id: int,
        *,
        started_at: datetime,
        routine_id: str,
        routine: JsonObject,
        planned_seconds: int,
        speed: float = 1.0,
        owner: SessionOwner | None = None,
    ) -> SessionRecord:
        """Append a session in progress with a snapshot of its planned routine.

        With an owner, the session is marked as played by that process (see liveness.py).
        """
        started = check.utc_timestamp("started_at", started_at)
        row = SessionRow(
            person_id=person_id,
            started_at=started,
            routine_id=check.identifier("routine_id", routine_id, 100),
            routine=check.json_object("routine", routine),
            planned_seconds=check.whole_number("planned_seconds", planned_seconds, 1),
            status=SessionStatus.IN_PROGRESS.value,
            ended_at=None,
            speed=check.speed("speed", speed),
            heartbeat_at=started if owner else None,
            owner_host=owner.host if owner else None,
            owner_pid=owner.pid if owner else None,
        )
        with self._transaction() as orm:
            _require_person(orm, person_id)
            orm.add(row)
        return session_record(session_values(row))

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
    ) -> ExerciseResultRecord:
        """Append one finished exercise of a session in progress, committed before returning."""
        row = ExerciseResultRow(
            session_id=session_id,
            exercise_id=check.identifier("exercise_id", exercise_id, 100),
            position=check.whole_number("position", position, 0),
            completed_at=check.utc_timestamp("completed_at", completed_at),
            repetitions_done=check.whole_number("repetitions_done", repetitions_done, 0),
            hold_seconds_actual=check.seconds("hold_seconds_actual", hold_seconds_actual),
            skipped=check.flag("skipped", skipped),
        )
        try:
            with self._transaction() as orm:
                session = _require_session(orm, session_id)
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

    def finish_session(
        self, session_id: int, *, status: SessionStatus | str, ended_at: datetime
    ) -> SessionRecord:
        """End a session in progress: the one change the store allows, made exactly once.

        A session row is written when it starts, so a crash leaves a resumable record; its end
        is only known later. Status and end time are therefore set once, by an UPDATE guarded on
        status = in-progress, and no later call can overwrite how a session ended.
        """
        final = check.choice(SessionStatus, "status", status)
        if final is SessionStatus.IN_PROGRESS:
            raise InvalidInputError("status: a session cannot finish as in-progress")
        ended = check.utc_timestamp("ended_at", ended_at)
        with self._transaction() as orm:
            session = _require_session(orm, session_id)
            check.not_before("ended_at", ended, "started_at", session.started_at)
            guarded = (
                update(SessionRow)
                .where(SessionRow.id == session_id)
                .where(SessionRow.status == SessionStatus.IN_PROGRESS.value)
                .values(status=final.value, ended_at=ended)
                .execution_options(synchronize_session=False)
            )
            if orm.execute(guarded).rowcount != 1:  # type: ignore[attr-defined]  # CursorResult
                raise ConflictError(f"session {session_id} has already ended")
        with self._transaction() as orm:
            return session_record(session_values(_require_session(orm, session_id)))

    def claim_session(
        self, seen: SessionRecord, *, owner: SessionOwner, now: datetime
    ) -> SessionRecord:
        """Take over a session in progress to resume it, if nobody wrote to it since `seen`.

        The UPDATE is guarded on the heartbeat and owner that were seen, so of two processes
        resuming the same session at once exactly one gets it; the other gets a ConflictError.
        """
        claimed_at = check.utc_timestamp("now", now)
        with self._transaction() as orm:
            guarded = self._unchanged_since(seen).values(
                heartbeat_at=claimed_at, owner_host=owner.host, owner_pid=owner.pid
            )
            if orm.execute(guarded).rowcount != 1:  # type: ignore[attr-defined]  # CursorResult
                raise ConflictError(
                    f"session {seen.id} was just resumed or ended by another process"
                )
        with self._transaction() as orm:
            return session_record(session_values(_require_session(orm, seen.id)))

    def close_abandoned_session(self, seen: SessionRecord, *, ended_at: datetime) -> bool:
        """End an abandoned session as quit unless it was written to since `seen`.

        Return False when it changed meanwhile (another process resumed or ended it): then it
        is left as it is, since only the process that plays a session may end it.
        """
        ended = check.utc_timestamp("ended_at", ended_at)
        with self._transaction() as orm:
            check.not_before("ended_at", ended, "started_at", seen.started_at)
            guarded = self._unchanged_since(seen).values(
                status=SessionStatus.QUIT.value, ended_at=ended
            )
            return bool(orm.execute(guarded).rowcount == 1)  # type: ignore[attr-defined]

    @staticmethod
    def _unchanged_since(seen: SessionRecord) -> Update:
        """Return an UPDATE of the session guarded on it being as `seen`: running, same writer."""
        return (
            update(SessionRow)
            .where(SessionRow.id == seen.id)
            .where(SessionRow.status == SessionStatus.IN_PROGRESS.value)
            .where(_same(SessionRow.heartbeat_at, seen.heartbeat_at))
            .where(_same(SessionRow.owner_host, seen.owner_host))
            .where(_same(SessionRow.owner_pid, seen.owner_pid))
            .execution_options(synchronize_session=False)
        )

    def record_pain(
        self,
        person_id: int,
        *,
        recorded_at: datetime,
        score: int,
        context: PainContext | str,
        region: SpineRegion | str | None = None,
        kind: PainKind | str | None = None,
        note: str | None = None,
        session_id: int | None = None,
    ) -> PainEntryRecord:
        """Append a 0-10 pain score, optionally tied to one of the person's sessions."""
        row = PainEntryRow(
            person_id=person_id,
            recorded_at=check.utc_timestamp("recorded_at", recorded_at),
            score=check.whole_number("score", score, 0, 10),
            region=_value(check.optional_choice(SpineRegion, "region", region)),
            kind=_value(check.optional_choice(PainKind, "kind", kind)),
            context=check.choice(PainContext, "context", context).value,
            note=check.optional_note("note", note),
            session_id=session_id,
        )
        with self._transaction() as orm:
            _require_person(orm, person_id)
            if session_id is not None:
                session = _require_session(orm, session_id)
                if session.person_id != person_id:
                    raise NotFoundError(f"session {session_id} is not one of this person's")
            orm.add(row)
        return pain_entry_record(pain_values(row))

    def pain_entries(
        self, person_id: int, *, since: datetime | None = None
    ) -> list[PainEntryRecord]:
        """Return the person's pain entries, oldest first, from `since` on if given."""
        query = _columns(PainEntryRow, PAIN_COLUMNS).where(PainEntryRow.person_id == person_id)
        if since is not None:
            query = query.where(PainEntryRow.recorded_at >= check.utc_timestamp("since", since))
        query = query.order_by(PainEntryRow.recorded_at, PainEntryRow.id)
        with self._transaction() as orm:
            return [pain_entry_record(row) for row in orm.connection().execute(query)]

    def sessions(self, person_id: int, *, since: datetime | None = None) -> list[SessionRecord]:
        """Return the person's sessions, oldest first, from `since` on if given."""
        query = _columns(SessionRow, SESSION_COLUMNS).where(SessionRow.person_id == person_id)
        if since is not None:
            query = query.where(SessionRow.started_at >= check.utc_timestamp("since", since))
        query = query.order_by(SessionRow.started_at, SessionRow.id)
        with self._transaction() as orm:
            return [session_record(row) for row in orm.connection().execute(query)]

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

    def record_psfs(
        self, person_id: int, *, taken_at: datetime, ratings: Sequence[PsfsRating]
    ) -> PsfsRecord:
        """Append a filled-in Patient-Specific Functional Scale."""
        row = PsfsRow(
            person_id=person_id,
            taken_at=check.utc_timestamp("taken_at", taken_at),
            ratings=check.psfs_ratings("ratings", ratings),
        )
        with self._transaction() as orm:
            _require_person(orm, person_id)
            orm.add(row)
        return psfs_record(row)

    def psfs_entries(self, person_id: int) -> list[PsfsRecord]:
        """Return the person's Patient-Specific Functional Scale entries, oldest first."""
        query = select(PsfsRow).where(PsfsRow.person_id == person_id)
        with self._transaction() as orm:
            rows = orm.scalars(query.order_by(PsfsRow.taken_at, PsfsRow.id))
            return [psfs_record(row) for row in rows]

    def unfinished_session(self, person_id: int) -> ResumableSession | None:
        """Return the latest session still in progress with its exercises done, for resuming."""
        query = (
            select(SessionRow)
            .where(SessionRow.person_id == person_id)
            .where(SessionRow.status == SessionStatus.IN_PROGRESS.value)
            .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
            .limit(1)
        )
        with self._transaction() as orm:
            row = orm.scalars(query).first()
            if row is None:
                return None
            results = orm.scalars(
                select(ExerciseResultRow)
                .where(ExerciseResultRow.session_id == row.id)
                .order_by(ExerciseResultRow.position)
            )
            return ResumableSession(
                session=session_record(session_values(row)),
                results=tuple(exercise_result_record(result) for result in results),
            )

    def record_preferences(
        self, person_id: int, *, recorded_at: datetime, choices: JsonObject
    ) -> PreferencesRecord:
        """Append the session choices to remember; earlier ones stay as they were."""
        row = PreferencesRow(
            person_id=person_id,
            recorded_at=check.utc_timestamp("recorded_at", recorded_at),
            choices=check.json_object("choices", choices),
        )
        with self._transaction() as orm:
            _require_person(orm, person_id)
            orm.add(row)
        return preferences_record(row)

    def latest_preferences(self, person_id: int) -> PreferencesRecord | None:
        """Return the newest remembered session choices, or None before the first session."""
        query = select(PreferencesRow).where(PreferencesRow.person_id == person_id)
        query = query.order_by(PreferencesRow.recorded_at.desc(), PreferencesRow.id.desc())
        with self._transaction() as orm:
            row = orm.scalars(query.limit(1)).first()
            return None if row is None else preferences_record(row)

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


def _columns(model: type[Base], names: tuple[str, ...]) -> Select[Any]:
    """Select columns as plain tuples: far cheaper than ORM objects for bulk reads."""
    return select(*(model.__table__.c[name] for name in names))


def _require_person(orm: OrmSession, person_id: int) -> PersonRow:
    """Return the person or raise NotFoundError naming the id."""
    person = orm.get(PersonRow, person_id)
    if person is None:
        raise NotFoundError(f"person {person_id} does not exist")
    return person


def _require_session(orm: OrmSession, session_id: int) -> SessionRow:
    """Return the session or raise NotFoundError naming the id."""
    session = orm.get(SessionRow, session_id)
    if session is None:
        raise NotFoundError(f"session {session_id} does not exist")
    return session


def _same(column: Any, value: object) -> ColumnElement[bool]:
    """Return column = value, or IS NULL for None (SQL's = never matches NULL)."""
    return column.is_(None) if value is None else column == value  # type: ignore[no-any-return]


def _value(member: SpineRegion | PainKind | None) -> str | None:
    """Return the stored text of an optional enum member."""
    return None if member is None else member.value
