"""Clinic fixtures: a fresh database on SQLite and PostgreSQL with two clinics' staff in it."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from spinecoach.clinic.accounts import add_staff, create_clinic
from spinecoach.clinic_records import ClinicRecord, StaffRecord, StaffRole
from spinecoach.store.clinics import ClinicDirectory
from spinecoach.store.database import open_database
from tests.store.conftest import T0, database_url  # noqa: F401 (a fixture used below)

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class TwoClinics:
    """Back Care Clinic (Dr Amira Haddad, admin; Tom Okafor, physio) and Riverside Physio."""

    engine: Engine
    directory: ClinicDirectory
    back_care: ClinicRecord
    amira: StaffRecord
    tom: StaffRecord
    riverside: ClinicRecord
    lena: StaffRecord


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:  # noqa: F811 (the fixture imported above)
    """Open the new database (migrating it) and close its connections after the test."""
    opened = open_database(database_url)
    yield opened
    opened.dispose()


@pytest.fixture
def clinics(engine: Engine) -> TwoClinics:
    """Two clinics, each with its staff."""
    directory = ClinicDirectory(engine)
    back_care, amira = create_clinic(
        directory, "Back Care Clinic", "amira@backcare.example", "Amira Haddad", PASSWORD, T0
    )
    tom = add_staff(
        directory,
        back_care.id,
        "Tom@BackCare.example",
        "Tom Okafor",
        PASSWORD,
        StaffRole.CLINICIAN,
        T0,
    )
    riverside, lena = create_clinic(
        directory, "Riverside Physio", "lena@riverside.example", "Lena Berg", PASSWORD, T0
    )
    return TwoClinics(engine, directory, back_care, amira, tom, riverside, lena)
