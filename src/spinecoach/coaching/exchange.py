"""Open formats in and out: backup and restore, spreadsheet files, FHIR R4, calendar reminders.

Front ends read and write the files; these use cases only turn records into documents and back.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import Routine
from spinecoach.coaching.access import Records
from spinecoach.coaching.preferences import SessionPreferences, remembered
from spinecoach.coaching.sessions import plan_today
from spinecoach.planning import Constraints
from spinecoach.records import JsonValue
from spinecoach.reports.fhir import FhirRecords, build_bundle
from spinecoach.reports.fhir_import import routine_from_fhir
from spinecoach.reports.ical import (
    EventWords,
    ReminderIdentity,
    reminder_calendar,
    reminder_fingerprint,
    reminder_uid,
)
from spinecoach.safety.loader import default_screening
from spinecoach.store.backup import RestoreSummary, export_backup
from spinecoach.store.backup_csv import write_csv_tables
from spinecoach.store.backup_restore import backup_rows, restore_backup
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from spinecoach.store.settings import resolve_settings
from spinecoach.timeline import compile_timeline, total_seconds


@dataclass(frozen=True)
class NextPlan:
    """What the next session is planned from: a routine named or done last, or the choices."""

    constraints: Constraints
    # The choices followed (minutes as asked), or None for a built-in routine.
    choices: SessionPreferences | None
    # Whether those choices are remembered ones, rather than none yet.
    remembered: bool = False


def next_plan(
    records: Records,
    catalog: Catalog,
    routine_id: str | None = None,
    minutes: float | None = None,
) -> NextPlan:
    """Return the routine asked for, else the remembered choices, else the built-in one done last.

    Choices are remembered only when a session is planned from them, so a person who only ever
    starts a built-in routine keeps getting it.
    """
    if routine_id is None:
        choices = remembered(records.repository, records.person)
        if choices != SessionPreferences():
            if minutes is not None:
                choices = replace(choices, minutes=minutes)
            return NextPlan(choices.constraints(), choices, remembered=True)
        sessions = records.repository.sessions(records.person.id)
        last = sessions[-1].routine_id if sessions else None
        routine_id = last if last in catalog.routines else None
    if routine_id is None:
        return NextPlan(Constraints(minutes=minutes), SessionPreferences(minutes=minutes))
    return NextPlan(Constraints(routine=routine_id, minutes=minutes), None)


def current_routine(
    records: Records,
    catalog: Catalog,
    now: datetime,
    routine_id: str | None = None,
    minutes: float | None = None,
) -> Routine:
    """Plan the next session as next_plan says."""
    constraints = next_plan(records, catalog, routine_id, minutes).constraints
    return plan_today(records.repository, records.person, constraints, catalog, now)


def fhir_bundle(
    records: Records, catalog: Catalog, now: datetime, routine_id: str | None = None
) -> dict[str, JsonValue]:
    """Return the person's records as a FHIR R4 collection Bundle."""
    repository, person = records.repository, records.person
    sessions = repository.sessions(person.id)
    return build_bundle(
        FhirRecords(
            person=person,
            routine=current_routine(records, catalog, now, routine_id),
            questionnaire=default_screening(),
            screenings=repository.screenings(person.id),
            pain_entries=repository.pain_entries(person.id),
            sessions=sessions,
            results=repository.exercise_results_of_person(person.id),
            psfs=repository.psfs_entries(person.id),
        ),
        now,
    )


def routine_in_fhir(document: JsonValue, catalog: Catalog, source: str) -> tuple[Routine, float]:
    """Return the routine a FHIR CarePlan describes and how many seconds it takes."""
    routine = routine_from_fhir(document, catalog, source)
    return routine, total_seconds(compile_timeline(routine))


@dataclass(frozen=True)
class AppLinks:
    """Where the web app opens a plan and asks the safety questions, for text read outside it."""

    plan: Callable[[Constraints], str]
    screening: str


@dataclass(frozen=True)
class Reminder:
    """A calendar file and what its routine was planned from, to say so."""

    calendar: bytes
    routine: Routine
    plan: NextPlan


def reminder(
    records: Records,
    catalog: Catalog,
    now: datetime,
    days: list[str],
    at: time,
    routine_id: str | None = None,
    minutes: float | None = None,
    links: AppLinks | None = None,
) -> Reminder:
    """Return an .ics file reminding the person of their next plan weekly on the days, at `at`.

    With the web app's links its text points there; without, to the terminal's commands. The
    event's UID is the person's own; when what it says differs from their last reminder, the
    store counts one more version, and the file's SEQUENCE says which.
    """
    planned = next_plan(records, catalog, routine_id, minutes)
    routine = plan_today(records.repository, records.person, planned.constraints, catalog, now)
    if links is not None:
        words = EventWords.for_web(links.plan(planned.constraints), links.screening)
    else:
        words = EventWords.for_terminal(_session_command(planned, catalog))
    seconds = total_seconds(compile_timeline(routine))
    today = now.astimezone().date()
    fingerprint = reminder_fingerprint(routine, seconds, days, at, words)
    person = records.person
    sequence = records.repository.reminder_sequence(person.id, fingerprint, issued_at=now)
    identity = ReminderIdentity(reminder_uid(person.uuid), sequence)
    calendar = reminder_calendar(routine, seconds, days, at, today, now, words, identity)
    return Reminder(calendar, routine, planned)


def _session_command(planned: NextPlan, catalog: Catalog) -> str:
    """Return the `spinecoach session` line that plans the same session."""
    constraints = planned.constraints
    words = ["spinecoach session"]
    if constraints.routine in catalog.routines:
        words.append(str(constraints.routine))
    if constraints.place:
        words.append(f"--place {constraints.place.value}")
    if constraints.minutes:
        words.append(f"--minutes {constraints.minutes:g}")
    words += [f"--avoid {movement.value}" for movement in sorted(constraints.avoid)]
    words += [f"--region {region.value}" for region in sorted(constraints.regions)]
    return " ".join(words)


def backup(db: str | None, now: datetime) -> dict[str, JsonValue]:
    """Return every table of the database as one backup document."""
    engine = open_database(resolve_settings(db).database_url)
    try:
        return export_backup(engine, now)
    finally:
        engine.dispose()


def restore(db: str | None, document: JsonValue, source: str, catalog: Catalog) -> RestoreSummary:
    """Add a backup's missing rows to the database, or refuse it whole.

    The database is opened without creating the local person, so a fresh install restores
    into an empty database and gets the backup's person with their original id.
    """
    questionnaire = default_screening()  # a broken rules file stops before the database opens
    engine = open_database(resolve_settings(db).database_url)
    try:
        return restore_backup(engine, document, source, catalog, questionnaire)
    finally:
        engine.dispose()


def restore_into(
    repository: Repository, document: JsonValue, source: str, catalog: Catalog
) -> RestoreSummary:
    """Add a backup's missing rows through a running server's store, or refuse it whole.

    The file is read, upgraded and checked first; only the writing takes the store's writer,
    so on SQLite a restore waits its turn with the results instead of racing them for the lock.
    """
    questionnaire = default_screening()
    current = repository.schema_revision()
    rows = backup_rows(current, document, source, catalog, questionnaire)
    return repository.restore_rows(rows, source)


def restored_sentence(summary: RestoreSummary) -> str:
    """Say how many rows a restore added, by table, and how many were already there."""
    added, present = sum(summary.inserted.values()), sum(summary.skipped.values())
    details = ", ".join(f"{table} {count}" for table, count in summary.inserted.items() if count)
    sentence = f"Restored {added} rows ({details or 'none new'}); {present} were already there."
    if summary.replaced_empty_profile:
        sentence += " The backup's person took the place of the empty profile made here."
    return sentence


def spreadsheet_files(db: str | None, directory: Path) -> list[Path]:
    """Write one CSV file per table into the directory and return their paths."""
    engine = open_database(resolve_settings(db).database_url)
    try:
        return write_csv_tables(engine, directory)
    finally:
        engine.dispose()
