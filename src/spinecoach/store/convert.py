"""Turn ORM rows into the plain records the rest of the app sees."""

from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.records import (
    ExerciseResultRecord,
    PainContext,
    PainEntryRecord,
    PainKind,
    PersonRecord,
    PreferencesRecord,
    ScreeningOutcome,
    ScreeningRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.store.models import (
    ExerciseResultRow,
    PainEntryRow,
    PersonRow,
    PreferencesRow,
    ScreeningRow,
    SessionRow,
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


def session_record(row: SessionRow) -> SessionRecord:
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
        speed=row.speed,
        heartbeat_at=row.heartbeat_at,
        owner_host=row.owner_host,
        owner_pid=row.owner_pid,
    )


def exercise_result_record(row: ExerciseResultRow) -> ExerciseResultRecord:
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


def pain_entry_record(row: PainEntryRow) -> PainEntryRecord:
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


def preferences_record(row: PreferencesRow) -> PreferencesRecord:
    """Return remembered session choices as a record."""
    return PreferencesRecord(
        id=row.id, person_id=row.person_id, recorded_at=row.recorded_at, choices=row.choices
    )
