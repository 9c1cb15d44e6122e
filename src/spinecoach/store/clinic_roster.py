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
from sqlalchemy.orm import Session as OrmSession

from spinecoach.clinic_records import PatientRecord, ProgrammeRecord
from spinecoach.records import PsfsRecord
from spinecoach.store.base import StoreBase
from spinecoach.store.clinic_rows import ProgrammeRow
from spinecoach.store.clinic_scope import patient_record, programme_record
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
        with self._transaction() as orm:
            people = select(PersonRow, last_session).where(PersonRow.clinic_id == self.clinic_id)
            programmes = select(ProgrammeRow).where(ProgrammeRow.clinic_id == self.clinic_id)
            if person_id is not None:
                people = people.where(PersonRow.id == person_id)
                programmes = programmes.where(ProgrammeRow.person_id == person_id)
            patients = orm.execute(people.order_by(PersonRow.id)).all()
            versions: dict[int, list[ProgrammeRecord]] = {}
            for row in orm.scalars(
                programmes.order_by(ProgrammeRow.person_id, ProgrammeRow.version)
            ):
                versions.setdefault(row.person_id, []).append(programme_record(row))
            return [
                RosterEntry(patient_record(person), tuple(versions.get(person.id, ())), last)
                for person, last in patients
            ]

    def figures(
        self, person_ids: Sequence[int], sessions_since: datetime
    ) -> dict[int, PatientFigures]:
        """Return each patient's sessions since sessions_since, latest pain and scale entries."""
        with self._transaction() as orm:
            return {person_id: _figures(orm, person_id, sessions_since) for person_id in person_ids}


def _figures(orm: OrmSession, person_id: int, since: datetime) -> PatientFigures:
    starts = orm.scalars(
        select(SessionRow.started_at)
        .where(SessionRow.person_id == person_id, SessionRow.started_at >= since)
        .order_by(SessionRow.started_at)
    ).all()
    pain = orm.execute(
        select(PainEntryRow.score, PainEntryRow.recorded_at)
        .where(PainEntryRow.person_id == person_id)
        .order_by(PainEntryRow.recorded_at.desc(), PainEntryRow.id.desc())
        .limit(1)
    ).first()
    first = orm.scalars(
        select(PsfsRow)
        .where(PsfsRow.person_id == person_id)
        .order_by(PsfsRow.taken_at, PsfsRow.id)
        .limit(1)
    ).first()
    latest = orm.scalars(
        select(PsfsRow)
        .where(PsfsRow.person_id == person_id)
        .order_by(PsfsRow.taken_at.desc(), PsfsRow.id.desc())
        .limit(1)
    ).first()
    return PatientFigures(
        session_starts=tuple(starts),
        latest_pain=None if pain is None else (pain[0], pain[1]),
        first_psfs=None if first is None else psfs_record(first),
        # One entry is a start, not a change: no latest until there is a second.
        latest_psfs=None if latest is None or latest is first else psfs_record(latest),
    )


def first_day(programmes: Sequence[ProgrammeRecord]) -> date | None:
    """Return the day the patient's first programme began, or None without one."""
    return min((p.starts for p in programmes), default=None)
