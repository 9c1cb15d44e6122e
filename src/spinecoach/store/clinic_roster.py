"""What the clinic's dashboard reads: every patient in a few queries, then figures for one page.

Sorting by who needs attention needs every patient's open alerts and last session, so those
are read for the whole clinic with one query each (the last session through an indexed
subquery per patient, not a scan of every session). The heavier figures are read only for
the patients of the page shown.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, select

from spinecoach.clinic_records import PatientRecord, ProgrammeRecord
from spinecoach.records import PsfsRecord
from spinecoach.store.base import StoreBase
from spinecoach.store.clinic_rows import ProgrammeRow
from spinecoach.store.clinic_scope import programme_record
from spinecoach.store.convert import psfs_record
from spinecoach.store.models import PainEntryRow, PersonRow, PsfsRow, SessionRow
from spinecoach.store.write_queue import WriteQueue


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """A patient as the dashboard sorts them: programme versions and last session."""

    patient: PatientRecord
    programmes: tuple[ProgrammeRecord, ...]  # every version, the first one first
    last_session_at: datetime | None


@dataclass(frozen=True, slots=True)
class PatientFigures:
    """The figures of one dashboard row, read for the patients of the page shown."""

    session_starts: tuple[datetime, ...]  # sessions started in the window asked for
    latest_pain: tuple[int, datetime] | None
    first_psfs: PsfsRecord | None
    latest_psfs: PsfsRecord | None


class ClinicRoster(StoreBase):
    """Read one clinic's patients for its dashboard."""

    def __init__(self, engine: Engine, clinic_id: int, writes: WriteQueue | None = None) -> None:
        """Work in clinic_id (reads only; writes is accepted for symmetry with the others)."""
        super().__init__(engine, writes)
        self.clinic_id = clinic_id

    def entries(self, person_id: int | None = None) -> list[RosterEntry]:
        """Return every patient of the clinic (or only person_id) with programmes, last session."""
        last_session = (
            select(func.max(SessionRow.started_at))
            .where(SessionRow.person_id == PersonRow.id)
            .scalar_subquery()
        )
        # Plain columns, not ORM objects: a thousand patients are read on every visit.
        people = select(
            PersonRow.id, PersonRow.name, PersonRow.birth_year, PersonRow.created_at, last_session
        ).where(PersonRow.clinic_id == self.clinic_id)
        programmes = select(ProgrammeRow).where(ProgrammeRow.clinic_id == self.clinic_id)
        if person_id is not None:
            people = people.where(PersonRow.id == person_id)
            programmes = programmes.where(ProgrammeRow.person_id == person_id)
        with self._transaction() as orm:
            patients = orm.execute(people.order_by(PersonRow.id)).all()
            versions: dict[int, list[ProgrammeRecord]] = {}
            for row in orm.scalars(
                programmes.order_by(ProgrammeRow.person_id, ProgrammeRow.version)
            ):
                versions.setdefault(row.person_id, []).append(programme_record(row))
        return [
            RosterEntry(
                PatientRecord(found, self.clinic_id, name or "", birth_year, created_at),
                tuple(versions.get(found, ())),
                last,
            )
            for found, name, birth_year, created_at, last in patients
        ]

    def figures(
        self, person_ids: Sequence[int], sessions_since: datetime
    ) -> dict[int, PatientFigures]:
        """Return each patient's sessions since sessions_since, latest pain and scale entries.

        Three queries for the whole page, not a few per patient: on PostgreSQL each query
        costs far more in its round trip than in the database (bench/clinic.py).
        """
        ids = list(person_ids)
        if not ids:
            return {}
        starts: dict[int, list[datetime]] = {person_id: [] for person_id in ids}
        newest_pain = func.row_number().over(
            partition_by=PainEntryRow.person_id,
            order_by=(PainEntryRow.recorded_at.desc(), PainEntryRow.id.desc()),
        )
        pains = (
            select(PainEntryRow.person_id, PainEntryRow.score, PainEntryRow.recorded_at)
            .add_columns(newest_pain.label("rank"))
            .where(PainEntryRow.person_id.in_(ids))
            .subquery()
        )
        first = func.row_number().over(
            partition_by=PsfsRow.person_id, order_by=(PsfsRow.taken_at, PsfsRow.id)
        )
        last = func.row_number().over(
            partition_by=PsfsRow.person_id, order_by=(PsfsRow.taken_at.desc(), PsfsRow.id.desc())
        )
        scales = (
            select(PsfsRow.id, first.label("first"), last.label("last"))
            .where(PsfsRow.person_id.in_(ids))
            .subquery()
        )
        with self._transaction() as orm:
            for person_id, started in orm.execute(
                select(SessionRow.person_id, SessionRow.started_at)
                .where(SessionRow.person_id.in_(ids), SessionRow.started_at >= sessions_since)
                .order_by(SessionRow.started_at)
            ):
                starts[person_id].append(started)
            latest_pain = {
                person_id: (score, at)
                for person_id, score, at in orm.execute(
                    select(pains.c.person_id, pains.c.score, pains.c.recorded_at).where(
                        pains.c.rank == 1
                    )
                )
            }
            ends: dict[int, list[tuple[bool, PsfsRecord]]] = {}
            for row, is_first in orm.execute(
                select(PsfsRow, scales.c.first == 1)
                .join(scales, scales.c.id == PsfsRow.id)
                .where((scales.c.first == 1) | (scales.c.last == 1))
            ):
                ends.setdefault(row.person_id, []).append((bool(is_first), psfs_record(row)))
        return {
            person_id: _figures(starts[person_id], latest_pain.get(person_id), ends.get(person_id))
            for person_id in ids
        }


def _figures(
    starts: list[datetime],
    latest_pain: tuple[int, datetime] | None,
    scale_ends: list[tuple[bool, PsfsRecord]] | None,
) -> PatientFigures:
    first = next((entry for is_first, entry in scale_ends or () if is_first), None)
    # One entry is a start, not a change: no latest until there is a second.
    latest = next((entry for is_first, entry in scale_ends or () if not is_first), None)
    return PatientFigures(tuple(starts), latest_pain, first, latest)


def first_day(programmes: Sequence[ProgrammeRecord]) -> date | None:
    """Return the day the patient's first programme began, or None without one."""
    return min((p.starts for p in programmes), default=None)
