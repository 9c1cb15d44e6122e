"""Turn ORM rows, or the plain column tuples of bulk reads, into the records the app sees.

Bulk reads select columns rather than ORM entities and unpack them by position: an ORM object
or a by-name lookup per row cost most of the history's time on five years of records
(bench/history.py).
"""

from collections.abc import Sequence
from datetime import datetime
from typing import TypeAlias

from spinecoach.catalog.vocabulary import SpineRegion
from spinecoach.records import (
    CameraCounts,
    ExerciseResultRecord,
    JsonValue,
    PainContext,
    PainEntryRecord,
    PainKind,
    PersonRecord,
    PreferencesRecord,
    PsfsRating,
    PsfsRecord,
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
    PsfsRow,
    ScreeningRow,
    SessionRow,
)


def person_record(row: PersonRow) -> PersonRecord:
    """Return a person as a record."""
    return PersonRecord(
        id=row.id,
        uuid=row.uuid,
        name=row.name,
        created_at=row.created_at,
        birth_year=row.birth_year,
        profile_asked=row.profile_asked_at is not None,
    )


def screening_record(row: ScreeningRow) -> ScreeningRecord:
    """Return a screening as a record."""
    return ScreeningRecord(
        id=row.id,
        uuid=row.uuid,
        person_id=row.person_id,
        taken_at=row.taken_at,
        answers=row.answers,
        outcome=ScreeningOutcome(row.outcome),
        rules_version=row.rules_version,
        doctor_acknowledged=row.doctor_acknowledged,
    )


# Bulk reads select these columns, in this order, and convert the plain tuples positionally.
SESSION_COLUMNS = (
    "id",
    "person_id",
    "started_at",
    "routine_id",
    "routine",
    "planned_seconds",
    "status",
    "ended_at",
    "speed",
    "heartbeat_at",
    "owner_host",
    "owner_pid",
    "uuid",
    "pain_worse_during",
)
SessionValues: TypeAlias = tuple[
    int,
    int,
    datetime,
    str,
    dict[str, JsonValue],
    int,
    str,
    datetime | None,
    float,
    datetime | None,
    str | None,
    int | None,
    str,
    str | None,
]
PAIN_COLUMNS = (
    "id",
    "person_id",
    "recorded_at",
    "score",
    "region",
    "kind",
    "context",
    "note",
    "session_id",
    "uuid",
)
PainValues: TypeAlias = tuple[
    int, int, datetime, int, str | None, str | None, str, str | None, int | None, str
]
_STATUSES = {status.value: status for status in SessionStatus}
_CONTEXTS = {context.value: context for context in PainContext}


def session_values(row: SessionRow) -> SessionValues:
    """Return an ORM session's columns in SESSION_COLUMNS order."""
    return (
        row.id,
        row.person_id,
        row.started_at,
        row.routine_id,
        row.routine,
        row.planned_seconds,
        row.status,
        row.ended_at,
        row.speed,
        row.heartbeat_at,
        row.owner_host,
        row.owner_pid,
        row.uuid,
        row.pain_worse_during,
    )


def session_record(values: SessionValues) -> SessionRecord:
    """Return a session's columns as a record."""
    (
        id_,
        person_id,
        started_at,
        routine_id,
        routine,
        planned_seconds,
        status,
        ended_at,
        speed,
        heartbeat_at,
        owner_host,
        owner_pid,
        uuid,
        pain_worse_during,
    ) = values
    return SessionRecord(
        id=id_,
        uuid=uuid,
        person_id=person_id,
        started_at=started_at,
        routine_id=routine_id,
        routine=routine,
        planned_seconds=planned_seconds,
        status=_STATUSES[status],
        ended_at=ended_at,
        speed=speed,
        heartbeat_at=heartbeat_at,
        owner_host=owner_host,
        owner_pid=owner_pid,
        pain_worse_during=pain_worse_during,
    )


def exercise_result_record(row: ExerciseResultRow) -> ExerciseResultRecord:
    """Return an exercise result as a record."""
    return ExerciseResultRecord(
        id=row.id,
        uuid=row.uuid,
        session_id=row.session_id,
        exercise_id=row.exercise_id,
        position=row.position,
        completed_at=row.completed_at,
        repetitions_done=row.repetitions_done,
        hold_seconds_actual=row.hold_seconds_actual,
        skipped=row.skipped,
        camera=camera_counts(row.reps_seen, row.good_form_seconds, row.corrections),
    )


def camera_counts(
    reps_seen: int | None, good_form_seconds: float | None, corrections: Sequence[object] | None
) -> CameraCounts | None:
    """Return the camera's three stored columns as counts, or None when the camera was off."""
    if reps_seen is None or good_form_seconds is None or corrections is None:
        return None
    return CameraCounts(reps_seen, good_form_seconds, tuple(map(str, corrections)))


def pain_values(row: PainEntryRow) -> PainValues:
    """Return an ORM pain entry's columns in PAIN_COLUMNS order."""
    return (
        row.id,
        row.person_id,
        row.recorded_at,
        row.score,
        row.region,
        row.kind,
        row.context,
        row.note,
        row.session_id,
        row.uuid,
    )


def pain_entry_record(values: PainValues) -> PainEntryRecord:
    """Return a pain entry's columns as a record."""
    id_, person_id, recorded_at, score, region, kind, context, note, session_id, uuid = values
    return PainEntryRecord(
        id=id_,
        uuid=uuid,
        person_id=person_id,
        recorded_at=recorded_at,
        score=score,
        region=None if region is None else SpineRegion(region),
        kind=None if kind is None else PainKind(kind),
        context=_CONTEXTS[context],
        note=note,
        session_id=session_id,
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
        id=row.id,
        uuid=row.uuid,
        person_id=row.person_id,
        taken_at=row.taken_at,
        ratings=tuple(ratings),
    )


def preferences_record(row: PreferencesRow) -> PreferencesRecord:
    """Return remembered session choices as a record."""
    return PreferencesRecord(
        id=row.id, person_id=row.person_id, recorded_at=row.recorded_at, choices=row.choices
    )
