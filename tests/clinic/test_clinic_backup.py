"""A personal backup never carries a clinic's patients: export refuses a clinic's database."""

from pathlib import Path

import pytest

from spinecoach.catalog.loader import default_catalog
from spinecoach.errors import InvalidInputError
from spinecoach.safety.loader import default_screening
from spinecoach.store.backup import export_backup
from spinecoach.store.backup_restore import restore_backup
from spinecoach.store.clinic_scope import ClinicScope
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from tests.clinic.conftest import TwoClinics
from tests.store.conftest import T0


def test_a_clinic_database_is_not_exported_as_a_personal_backup(clinics: TwoClinics) -> None:
    ClinicScope(clinics.engine, clinics.back_care.id).add_patient("Maria Lopez", 1961, T0)

    with pytest.raises(InvalidInputError) as refused:
        export_backup(clinics.engine, T0)

    assert "belongs to a clinic" in refused.value.user_message
    assert "pg_dump" in refused.value.user_message


def test_a_personal_backup_is_not_restored_into_a_clinic_database(
    clinics: TwoClinics, tmp_path: Path
) -> None:
    personal = open_database(f"sqlite:///{tmp_path / 'laptop.db'}")
    try:
        Repository(personal).ensure_default_person(T0)
        backup = export_backup(personal, T0)
    finally:
        personal.dispose()

    with pytest.raises(InvalidInputError) as refused:
        restore_backup(
            clinics.engine, backup, "backup.json", default_catalog(), default_screening()
        )

    assert "belongs to a clinic" in refused.value.user_message
