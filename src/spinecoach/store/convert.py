"""Turn ORM rows, or plain result rows of the same columns, into the records the app sees.

Bulk reads select columns rather than ORM entities: building an ORM object per row cost most
of the history's time on five years of records (bench/history.py). Both shapes have the same
attribute names, which the protocols below spell out.
"""

from datetime import datetime
from typing import Protocol

from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.records import (
    ExerciseResultRecord,
    JsonValue,
    PainContext,
    PainEntryRecord,
    PainKind,
    PersonRecord,
    PsfsRating,
    PsfsRecord,
    ScreeningOutcome,
    ScreeningRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.store.models import (
    PersonRow,
    PsfsRow,
    ScreeningRow,
)


def person_record(row: PersonRow) -> PersonRecord:
    """Return a person as a record."""
    return PersonRecord(id=row.id, name=row.name, created_at=row.created_at)


def screening_record(row: ScreeningRow) -> ScreeningRecord:
    """Return a screening as a record."""
    return ScreeningRecord(
        id=row.id,
        person_id=row.person_id,
        taken_at=row.taken_at,
        answers=row.answers,
        outcome=ScreeningOutcome(row.outcome),
        rules_version=row.rules_version,
        doctor_acknowledged=row.doctor_acknowledged,
    )


class SessionColumns(Protocol):
    """The columns of a session, as an ORM row or a plain result row."""

    @property
    def id(self) -> int: ...
    @property
    def person_id(self) -> int: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def routine_id(self) -> str: ...
    @property
    def routine(self) -> dict[str, JsonValue]: ...
    @property
    def planned_seconds(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def ended_at(self) -> datetime | None: ...


class ExerciseResultColumns(Protocol):
    """The columns of an exercise result, as an ORM row or a plain result row."""

    @property
    def id(self) -> int: ...
    @property
    def session_id(self) -> int: ...
    @property
    def exercise_id(self) -> str: ...
    @property
    def position(self) -> int: ...
    @property
    def completed_at(self) -> datetime: ...
    @property
    def repetitions_done(self) -> int: ...
    @property
    def hold_seconds_actual(self) -> float: ...
    @property
    def skipped(self) -> bool: ...


class PainEntryColumns(Protocol):
    """The columns of a pain entry, as an ORM row or a plain result row."""

    @property
    def id(self) -> int: ...
    @property
    def person_id(self) -> int: ...
    @property
    def recorded_at(self) -> datetime: ...
    @property
    def score(self) -> int: ...
    @property
    def region(self) -> str | None: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def context(self) -> str: ...
    @property
    def note(self) -> str | None: ...
    @property
    def session_id(self) -> int | None: ...


def session_record(row: SessionColumns) -> SessionRecord:
    """Return a session as a record."""
    return SessionRecord(
        id=row.id,
        person_id=row.person_id,
        started_at=row.started_at,
        routine_id=row.routine_id,
        routine=row.routine,
        planned_seconds=row.planned_seconds,
        status=SessionStatus(row.status),
        ended_at=row.ended_at,
    )


def exercise_result_record(row: ExerciseResultColumns) -> ExerciseResultRecord:
    """Return an exercise result as a record."""
    return ExerciseResultRecord(
        id=row.id,
        session_id=row.session_id,
        exercise_id=row.exercise_id,
        position=row.position,
        completed_at=row.completed_at,
        repetitions_done=row.repetitions_done,
        hold_seconds_actual=row.hold_seconds_actual,
        skipped=row.skipped,
    )


def pain_entry_record(row: PainEntryColumns) -> PainEntryRecord:
    """Return a pain entry as a record."""
    return PainEntryRecord(
        id=row.id,
        person_id=row.person_id,
        recorded_at=row.recorded_at,
        score=row.score,
        region=None if row.region is None else SpineRegion(row.region),
        kind=None if row.kind is None else PainKind(row.kind),
        context=PainContext(row.context),
        note=row.note,
        session_id=row.session_id,
    )


def psfs_record(row: PsfsRow) -> PsfsRecord:
    """Return a Patient-Specific Functional Scale entry as a record."""
    ratings = []
    for item in row.ratings:
        assert isinstance(item, dict), "ratings are validated before they are written"
        activity, score = item["activity"], item["score"]
        assert isinstance(activity, str) and isinstance(score, int)
        ratings.append(PsfsRating(activity=activity, score=score))
    return PsfsRecord(
        id=row.id, person_id=row.person_id, taken_at=row.taken_at, ratings=tuple(ratings)
    )
