"""Fill a migrated PostgreSQL database with a clinic and a year of its patients' daily use.

A bench fixture, not the app: the rows go straight in with COPY (psycopg 3), because a year
of 1,000 patients through the API would take longer than everything measured afterwards.
What goes in is what the app would have written: the clinic and its clinicians through the
app's own accounts code (real argon2id hashes, so they can sign in), then for each patient a
row of `people` with the clinic, two programme versions, a passed safety screen, one enrolled
device, and every day of a year: about one session (some days missed, a few a second one;
most completed, a few quit, very few stopped for pain), each with the routine the app plans
from the programme in force, one exercise result per stretch of it and a pain score before
and after, a diary score on some days, a PSFS entry every three or four weeks, the alerts
the year raised (acknowledged, a few % of patients with one still open) and a year of the
staff's reads in the audit trail. Foreign keys are not checked while loading (the rows are
made consistent here), and the big tables' indexes are built once the rows are in, as
PostgreSQL's guide to populating a database advises; then every table is vacuumed and
analysed, as a database in use for a year would be.
"""

import random
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from spinecoach.catalog.loader import default_catalog
from spinecoach.clinic.accounts import add_staff, create_clinic
from spinecoach.clinic_records import PrescribedExercise, StaffRole
from spinecoach.planning import Constraints, plan
from spinecoach.prescribing import programme_template
from spinecoach.safety.loader import default_screening
from spinecoach.safety.schema import ItemKind
from spinecoach.store.clinics import ClinicDirectory
from spinecoach.store.database import open_database
from spinecoach.timeline import compile_timeline, total_seconds

PASSWORD = "correct horse battery staple"
CLINICIANS = ("Tom Okafor", "Ines Duarte", "Sam Whitfield")
DAYS = 365
BIG_TABLES = ("sessions", "exercise_results", "pain_entries", "audit_events")
CHUNK = 100  # patients per COPY batch: memory stays small at any scale
FIRST = ("Maria", "Tom", "Aisha", "Jan", "Li", "Sofia", "Omar", "Eva", "Ravi", "Grace", "Luca")
LAST = ("Lopez", "Novak", "Haddad", "Berg", "Chen", "Okafor", "Rossi", "Kowalski", "Ahmed")
# Stretches a clinician prescribes, at doses within each one's safe range.
PRESCRIBABLE = (
    PrescribedExercise("knee-to-chest", 3, 20),
    PrescribedExercise("cat-cow", 8, 0),
    PrescribedExercise("hip-bridge", 8, 0),
    PrescribedExercise("childs-pose", 3, 20),
    PrescribedExercise("seated-back-twist", 3, 15),
    PrescribedExercise("spinal-torsion", 3, 20),
)
OPEN_ALERTS = (
    ("pain-stop", "pain got worse; the session stopped"),
    ("pain-up", "pain 6 out of 10"),
)
# Each table's columns as COPY is given them, in the order _patient adds the values.
COLUMNS = {
    "people": "id name created_at uuid birth_year clinic_id",
    "programmes": "id clinic_id person_id version exercises sessions_per_week starts ends note "
    "prescribed_by prescribed_at",
    "screenings": "id person_id taken_at answers outcome rules_version doctor_acknowledged uuid",
    "enrolment_links": "id clinic_id person_id token_digest created_by created_at expires_at "
    "used_at",
    "devices": "id clinic_id person_id token_digest label enrolled_at last_seen_at",
    "sessions": "id person_id started_at routine_id routine planned_seconds status ended_at "
    "speed uuid pain_worse_during",
    "exercise_results": "session_id exercise_id position completed_at repetitions_done "
    "hold_seconds_actual skipped idempotency_key uuid",
    "pain_entries": "person_id recorded_at score context session_id uuid",
    "psfs_entries": "person_id taken_at ratings uuid",
    "alerts": "clinic_id person_id kind raised_at detail source_uuid acknowledged_at "
    "acknowledged_by acknowledgement_note",
    "audit_events": "clinic_id staff_id at action subject person_id client_address",
}


@dataclass
class Clinic:
    """What the benchmark needs to know of the clinic it filled."""

    clinic_id: int
    clinician_emails: list[str]
    patient_ids: list[int]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Rows:
    """Rows waiting for the next COPY, by table."""

    tables: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {name: [] for name in COLUMNS}
    )

    def add(self, table: str, *values: Any) -> None:
        self.tables[table].append(values)


class _Ids:
    """Ids of the tables whose rows others point at, given here so no query returns them."""

    def __init__(self) -> None:
        self.next = {"people": 0, "sessions": 0, "programmes": 0, "links": 0, "devices": 0}
        self.next["screenings"] = 0

    def take(self, table: str) -> int:
        self.next[table] += 1
        return self.next[table]


def fill_clinic(database_url: str, patients: int, now: datetime, seed: int = 7) -> Clinic:
    """Make a clinic of `patients` with a year of daily use ending at `now`; print the time."""
    started = time.perf_counter()
    engine = open_database(database_url)  # the app's migrations: the schema it runs on
    directory = ClinicDirectory(engine)
    year_ago = now - timedelta(days=DAYS + 30)
    clinic, _ = create_clinic(
        directory, "Back Care Clinic", "amira@backcare.example", "Amira Haddad", PASSWORD, year_ago
    )
    staff = []
    for name in CLINICIANS:
        email = f"{name.split()[0].lower()}@backcare.example"
        role = StaffRole.CLINICIAN
        staff.append(add_staff(directory, clinic.id, email, name, PASSWORD, role, year_ago))
    engine.dispose()
    made = Clinic(clinic.id, [member.email for member in staff], [])
    rng = random.Random(seed)
    ids = _Ids()
    staff_ids = [member.id for member in staff]
    routines: dict[tuple[PrescribedExercise, ...], tuple[Any, int]] = {}
    with psycopg.connect(_conninfo(database_url)) as connection:
        # The rows are made consistent here; checking each foreign key row by row would
        # triple the load time. Only a superuser may, as on the benchmark's own server.
        connection.execute("SET session_replication_role = replica")
        rebuild = _drop_indexes(connection, BIG_TABLES)
        for first in range(0, patients, CHUNK):
            rows = _Rows()
            for _ in range(min(CHUNK, patients - first)):
                person = _patient(rows, rng, ids, clinic.id, staff_ids, routines, now)
                made.patient_ids.append(person)
            _copy(connection, rows, made.counts)
        _year_of_reads(connection, rng, clinic.id, staff_ids, made, now)
        connection.execute("SET maintenance_work_mem = '512MB'")
        for statement in rebuild:
            connection.execute(statement)
        for table, sequence in _sequences(connection):
            connection.execute(
                f"SELECT setval('{sequence}', (SELECT coalesce(max(id), 1) FROM {table}))"
            )
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE")
    made.seconds = time.perf_counter() - started
    shown = ", ".join(f"{n:,} {table.replace('_', ' ')}" for table, n in made.counts.items())
    print(f"  loaded {patients:,} patients in {made.seconds:.0f} s: {shown}", flush=True)
    return made


def _conninfo(database_url: str) -> str:
    """Return psycopg's form of a SQLAlchemy URL (postgresql+psycopg://...)."""
    return database_url.replace("postgresql+psycopg://", "postgresql://", 1)


def _copy(connection: psycopg.Connection[Any], rows: _Rows, counts: dict[str, int]) -> None:
    with connection.cursor() as cursor:
        for table, values in rows.tables.items():
            if not values:
                continue
            columns = ", ".join(COLUMNS[table].split())
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            counts[table] = counts.get(table, 0) + len(values)


def _drop_indexes(connection: psycopg.Connection[Any], tables: Sequence[str]) -> list[str]:
    """Drop the tables' indexes but their primary keys; return the statements that rebuild them.

    Building an index once over all the rows is several times faster than keeping it up to
    date row by row, as PostgreSQL's documentation on populating a database advises.
    """
    rebuild = []
    for table in tables:
        found = connection.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), c.conname,"
            " pg_get_constraintdef(c.oid) FROM pg_index i LEFT JOIN pg_constraint c"
            " ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
            " WHERE i.indrelid = %s::regclass AND NOT i.indisprimary",
            (table,),
        ).fetchall()
        for index, definition, constraint, constraint_definition in found:
            if constraint is None:
                connection.execute(f"DROP INDEX {index}")
                rebuild.append(definition)
            else:
                connection.execute(f"ALTER TABLE {table} DROP CONSTRAINT {constraint}")
                rebuild.append(
                    f"ALTER TABLE {table} ADD CONSTRAINT {constraint} {constraint_definition}"
                )
    return rebuild


def _sequences(connection: psycopg.Connection[Any]) -> Iterator[tuple[str, str]]:
    for table in COLUMNS:
        found = connection.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).fetchone()
        if found and found[0]:
            yield table, found[0]


def _routine(
    programme: tuple[PrescribedExercise, ...],
    routines: dict[tuple[PrescribedExercise, ...], tuple[Any, int]],
) -> tuple[Any, int]:
    """Return the routine the app plans from the programme (as stored) and its seconds."""
    if programme not in routines:
        planned = plan(
            Constraints(), [], date(2026, 1, 5), default_catalog(), programme_template(programme)
        )
        seconds = round(total_seconds(compile_timeline(planned)))
        routines[programme] = (Jsonb(planned.to_dict()), seconds)
    return routines[programme]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _patient(
    rows: _Rows,
    rng: random.Random,
    ids: _Ids,
    clinic_id: int,
    staff_ids: Sequence[int],
    routines: dict[tuple[PrescribedExercise, ...], tuple[Any, int]],
    now: datetime,
) -> int:
    """Add one patient and their year; return their id."""
    person = ids.take("people")
    began = now - timedelta(days=DAYS, hours=rng.randrange(24))
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {person}"
    rows.add("people", person, name, began, _uuid(rng), rng.randrange(1940, 2000), clinic_id)
    prescriber = rng.choice(staff_ids)
    first = tuple(rng.sample(PRESCRIBABLE_LIST, 3))
    second = tuple(rng.sample(PRESCRIBABLE_LIST, rng.choice((3, 4))))
    change = rng.randrange(60, 200)  # the day the clinician changed the programme
    for version, exercises, day in ((1, first, 0), (2, second, change)):
        at = began + timedelta(days=day)
        doses = [
            {"exercise": e.exercise, "repetitions": e.repetitions, "hold_seconds": e.hold_seconds}
            for e in exercises
        ]
        rows.add(
            "programmes",
            ids.take("programmes"),
            clinic_id,
            person,
            version,
            Jsonb(doses),
            rng.choice((5, 6, 7)),
            at.date(),
            None,
            "Little and often; stop if the pain spreads down a leg.",
            prescriber,
            at,
        )
    rows.add(
        "enrolment_links",
        ids.take("links"),
        clinic_id,
        person,
        f"{rng.getrandbits(256):064x}",
        prescriber,
        began,
        began + timedelta(days=7),
        began + timedelta(minutes=30),
    )
    last_seen = began
    rows.add(
        "screenings", ids.take("screenings"), person, began + timedelta(minutes=31),
        Jsonb(SCREEN_ANSWERS), "go", SCREEN_VERSION, False, _uuid(rng),
    )  # fmt: skip
    # Most patients stretch to the end; a few stopped a while ago (quiet-day alerts).
    quiet_from = DAYS - rng.randrange(4, 30) if rng.random() < 0.03 else DAYS
    level = rng.uniform(4.5, 7.0)
    next_psfs = 0
    open_alert = rng.random() < 0.04
    for day in range(DAYS):
        midnight = began + timedelta(days=day)
        routine, seconds = _routine(first if day < change else second, routines)
        exercises = first if day < change else second
        level = max(0.0, level - rng.uniform(0.0, 0.02) + rng.gauss(0, 0.05))
        if day >= quiet_from:
            continue
        sessions = 0 if rng.random() < 0.1 else (2 if rng.random() < 0.05 else 1)
        for _ in range(sessions):
            at = midnight + timedelta(hours=rng.uniform(7, 21))
            last_seen = at
            _session(rows, rng, ids, person, at, routine, seconds, exercises, level, clinic_id)
        if rng.random() < 0.15:
            score = _score(level + rng.gauss(0, 1))
            at = midnight + timedelta(hours=rng.uniform(8, 22))
            rows.add("pain_entries", person, at, score, "diary", None, _uuid(rng))
        if day >= next_psfs:
            ratings = [
                {"activity": "Putting on socks", "score": _score(10 - level)},
                {"activity": "Sitting for an hour", "score": _score(9 - level)},
            ]
            at = midnight + timedelta(hours=20)
            rows.add("psfs_entries", person, at, Jsonb(ratings), _uuid(rng))
            next_psfs = day + rng.randrange(21, 29)
    if open_alert:
        kind, detail = rng.choice(OPEN_ALERTS)
        raised = now - timedelta(days=rng.uniform(0.2, 9))
        rows.add("alerts", clinic_id, person, kind, raised, detail, None, None, None, None)
    rows.add(
        "devices", ids.take("devices"), clinic_id, person, f"{rng.getrandbits(256):064x}",
        "Chrome on Android", began + timedelta(minutes=30), last_seen,
    )  # fmt: skip
    return person


def _session(
    rows: _Rows,
    rng: random.Random,
    ids: _Ids,
    person: int,
    at: datetime,
    routine: Any,
    seconds: int,
    exercises: tuple[PrescribedExercise, ...],
    level: float,
    clinic_id: int,
) -> None:
    """Add one session with its results, pain before and after, and the alert it raised."""
    session = ids.take("sessions")
    draw = rng.random()
    status = "stopped-pain" if draw < 0.01 else "quit" if draw < 0.06 else "completed"
    done = len(exercises) if status == "completed" else rng.randrange(len(exercises))
    ended = at + timedelta(seconds=seconds * (done + 1) / (len(exercises) + 1))
    worse = exercises[done].exercise if status == "stopped-pain" else None
    session_uuid = _uuid(rng)
    rows.add(
        "sessions", session, person, at, "programme", routine, seconds, status, ended, 1.0,
        session_uuid, worse,
    )  # fmt: skip
    before = _score(level + rng.gauss(0, 0.7))
    rows.add("pain_entries", person, at, before, "before", session, _uuid(rng))
    step = seconds / len(exercises)
    for position, item in enumerate(exercises[:done]):
        rows.add(
            "exercise_results", session, item.exercise, position,
            at + timedelta(seconds=step * (position + 1)), item.repetitions,
            float(item.hold_seconds), False, f"{session}-{position}", _uuid(rng),
        )  # fmt: skip
    after = _score(before - rng.choice((0, 1, 1, 2)) + (2 if worse else 0))
    rows.add("pain_entries", person, ended, after, "after", session, _uuid(rng))
    if worse is not None:  # raised then, acknowledged by a clinician the next working day
        rows.add(
            "alerts", clinic_id, person, "pain-stop", ended,
            "pain got worse; the session stopped", session_uuid,
            ended + timedelta(hours=rng.uniform(12, 60)), None, "Called; eased off the dose.",
        )  # fmt: skip


def _year_of_reads(
    connection: psycopg.Connection[Any],
    rng: random.Random,
    clinic_id: int,
    staff_ids: Sequence[int],
    made: Clinic,
    now: datetime,
) -> None:
    """Add a year of the clinicians' reads: each opens the dashboard and a few patients a day."""
    rows = _Rows()
    for day in range(DAYS):
        for staff in staff_ids:
            at = now - timedelta(days=DAYS - day, hours=rng.uniform(8, 17))
            for _ in range(20):
                rows.add(
                    "audit_events", clinic_id, staff, at, "read",
                    "GET /api/clinic/patients", None, "127.0.0.1",
                )  # fmt: skip
                patient = rng.choice(made.patient_ids)
                rows.add(
                    "audit_events", clinic_id, staff, at, "read",
                    "GET /api/clinic/patients/{patient_id}", patient, "127.0.0.1",
                )  # fmt: skip
    _copy(connection, rows, made.counts)


def _score(value: float) -> int:
    return max(0, min(10, round(value)))


PRESCRIBABLE_LIST = list(PRESCRIBABLE)
SCREENING = default_screening()
SCREEN_VERSION = SCREENING.version
# Every red flag no and every acknowledgement yes: a screen that says go.
SCREEN_ANSWERS = {item.id: item.kind is ItemKind.ACKNOWLEDGEMENT for item in SCREENING.items}

if __name__ == "__main__":  # make bench runs every bench/*.py: this one is bench/clinic.py's
    print("bench/clinic_data.py holds bench/clinic.py's data; bench/clinic.py measures.")
