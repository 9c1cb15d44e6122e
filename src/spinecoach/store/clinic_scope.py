"""One clinic's patients, programmes, enrolment links and devices: every query names the clinic.

A ClinicScope is bound to one clinic when it is made (from the signed-in staff member), and
each of its reads and writes filters on that clinic in the query itself: a patient id from
another clinic is not found, exactly like an id that does not exist, so ids in addresses
reveal nothing and open nothing.
"""

from datetime import datetime

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session as OrmSession

from spinecoach.clinic_records import (
    DeviceRecord,
    EnrolmentLinkRecord,
    PatientRecord,
    PrescribedExercise,
    Programme,
    ProgrammeRecord,
)
from spinecoach.errors import NotFoundError
from spinecoach.store import validation as check
from spinecoach.store.base import StoreBase
from spinecoach.store.clinic_rows import DeviceRow, EnrolmentLinkRow, ProgrammeRow
from spinecoach.store.models import PersonRow
from spinecoach.store.write_queue import WriteQueue


class ClinicScope(StoreBase):
    """Read and write what belongs to one clinic, and nothing of any other."""

    def __init__(self, engine: Engine, clinic_id: int, writes: WriteQueue | None = None) -> None:
        """Work in clinic_id; writes go through the queue when the server has one (SQLite)."""
        super().__init__(engine, writes)
        self.clinic_id = clinic_id

    def add_patient(self, name: str, birth_year: int | None, now: datetime) -> PatientRecord:
        """Add a patient to the clinic; they have no account, only the devices they enrol."""
        row = PersonRow(
            name=check.person_name("name", name),
            birth_year=None
            if birth_year is None
            else check.birth_year("year_of_birth", birth_year, now),
            created_at=check.utc_timestamp("now", now),
            clinic_id=self.clinic_id,
            # A clinician gave the name: the patient is not asked for it again.
            profile_asked_at=check.utc_timestamp("now", now),
        )

        def append(orm: OrmSession) -> PatientRecord:
            orm.add(row)
            orm.flush()
            return patient_record(row)

        return self._write(append)

    def patients(self) -> list[PatientRecord]:
        """Return the clinic's patients in the order they were added."""
        with self._transaction() as orm:
            rows = orm.scalars(
                select(PersonRow)
                .where(PersonRow.clinic_id == self.clinic_id)
                .order_by(PersonRow.id)
            )
            return [patient_record(row) for row in rows]

    def patient(self, person_id: int) -> PatientRecord:
        """Return one of the clinic's patients; NotFoundError for anyone else."""
        with self._transaction() as orm:
            return patient_record(self._patient_row(orm, person_id))

    def prescribe(
        self, person_id: int, programme: Programme, staff_id: int, now: datetime
    ) -> ProgrammeRecord:
        """Store the programme as the patient's next version; earlier versions stay."""
        at = check.utc_timestamp("now", now)

        def append(orm: OrmSession) -> ProgrammeRecord:
            self._patient_row(orm, person_id)
            latest = orm.scalar(
                select(func.max(ProgrammeRow.version)).where(
                    ProgrammeRow.clinic_id == self.clinic_id, ProgrammeRow.person_id == person_id
                )
            )
            row = ProgrammeRow(
                clinic_id=self.clinic_id,
                person_id=person_id,
                version=(latest or 0) + 1,
                exercises=[
                    {
                        "exercise": item.exercise,
                        "repetitions": item.repetitions,
                        "hold_seconds": item.hold_seconds,
                    }
                    for item in programme.exercises
                ],
                sessions_per_week=programme.sessions_per_week,
                starts=programme.starts,
                ends=programme.ends,
                note=programme.note,
                prescribed_by=staff_id,
                prescribed_at=at,
            )
            orm.add(row)
            orm.flush()
            return programme_record(row)

        return self._write(append)

    def programme_versions(self, person_id: int) -> list[ProgrammeRecord]:
        """Return every version of the patient's programme, the first one first."""
        with self._transaction() as orm:
            self._patient_row(orm, person_id)
            rows = orm.scalars(
                select(ProgrammeRow)
                .where(
                    ProgrammeRow.clinic_id == self.clinic_id, ProgrammeRow.person_id == person_id
                )
                .order_by(ProgrammeRow.version)
            )
            return [programme_record(row) for row in rows]

    def add_enrolment_link(
        self, person_id: int, token_digest: str, staff_id: int, now: datetime, expires_at: datetime
    ) -> EnrolmentLinkRecord:
        """Keep a new enrolment link for the patient under its token's digest."""
        row = EnrolmentLinkRow(
            clinic_id=self.clinic_id,
            person_id=person_id,
            token_digest=token_digest,
            created_by=staff_id,
            created_at=check.utc_timestamp("now", now),
            expires_at=check.utc_timestamp("expires_at", expires_at),
        )

        def append(orm: OrmSession) -> EnrolmentLinkRecord:
            self._patient_row(orm, person_id)
            orm.add(row)
            orm.flush()
            return _link_record(row)

        return self._write(append)

    def enrolment_links(self, person_id: int) -> list[EnrolmentLinkRecord]:
        """Return the patient's enrolment links, the newest first."""
        with self._transaction() as orm:
            self._patient_row(orm, person_id)
            rows = orm.scalars(
                select(EnrolmentLinkRow)
                .where(
                    EnrolmentLinkRow.clinic_id == self.clinic_id,
                    EnrolmentLinkRow.person_id == person_id,
                )
                .order_by(EnrolmentLinkRow.id.desc())
            )
            return [_link_record(row) for row in rows]

    def revoke_enrolment_link(self, person_id: int, link_id: int, now: datetime) -> None:
        """Revoke a link not used yet; NotFoundError if it is not this patient's."""
        self._revoke(EnrolmentLinkRow, person_id, link_id, now, "enrolment link")

    def devices(self, person_id: int) -> list[DeviceRecord]:
        """Return the patient's enrolled devices, revoked ones included, the newest first."""
        with self._transaction() as orm:
            self._patient_row(orm, person_id)
            rows = orm.scalars(
                select(DeviceRow)
                .where(DeviceRow.clinic_id == self.clinic_id, DeviceRow.person_id == person_id)
                .order_by(DeviceRow.id.desc())
            )
            return [device_record(row) for row in rows]

    def revoke_device(self, person_id: int, device_id: int, now: datetime) -> None:
        """Revoke a device: its cookie opens nothing from then on."""
        self._revoke(DeviceRow, person_id, device_id, now, "device")

    def _revoke(
        self,
        table: type[EnrolmentLinkRow] | type[DeviceRow],
        person_id: int,
        row_id: int,
        now: datetime,
        what: str,
    ) -> None:
        at = check.utc_timestamp("now", now)

        def revoke(orm: OrmSession) -> None:
            found = orm.execute(
                update(table)
                .where(
                    table.id == row_id,
                    table.clinic_id == self.clinic_id,
                    table.person_id == person_id,
                )
                .values(revoked_at=func.coalesce(table.revoked_at, at))
                .returning(table.id)
            ).first()
            if found is None:
                raise NotFoundError(f"{what} {row_id} does not exist", "id")

        self._write(revoke)

    def _patient_row(self, orm: OrmSession, person_id: int) -> PersonRow:
        row = orm.scalars(
            select(PersonRow).where(
                PersonRow.id == person_id, PersonRow.clinic_id == self.clinic_id
            )
        ).first()
        if row is None:
            raise NotFoundError(f"patient {person_id} does not exist", "patient")
        return row


def patient_record(row: PersonRow) -> PatientRecord:
    """Return a clinic's person as a patient record."""
    assert row.clinic_id is not None and row.name is not None  # a clinic's patient has both
    return PatientRecord(
        id=row.id,
        clinic_id=row.clinic_id,
        name=row.name,
        birth_year=row.birth_year,
        created_at=row.created_at,
    )


def programme_record(row: ProgrammeRow) -> ProgrammeRecord:
    """Return a programme version as a record."""
    return ProgrammeRecord(
        id=row.id,
        person_id=row.person_id,
        version=row.version,
        exercises=tuple(
            PrescribedExercise(
                str(item["exercise"]), int(str(item["repetitions"])), int(str(item["hold_seconds"]))
            )
            for item in row.exercises
        ),
        sessions_per_week=row.sessions_per_week,
        starts=row.starts,
        ends=row.ends,
        note=row.note,
        prescribed_by=row.prescribed_by,
        prescribed_at=row.prescribed_at,
    )


def _link_record(row: EnrolmentLinkRow) -> EnrolmentLinkRecord:
    return EnrolmentLinkRecord(
        id=row.id,
        person_id=row.person_id,
        created_by=row.created_by,
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
        revoked_at=row.revoked_at,
    )


def device_record(row: DeviceRow) -> DeviceRecord:
    """Return a device as a record."""
    return DeviceRecord(
        id=row.id,
        clinic_id=row.clinic_id,
        person_id=row.person_id,
        label=row.label,
        enrolled_at=row.enrolled_at,
        last_seen_at=row.last_seen_at,
        revoked_at=row.revoked_at,
    )
