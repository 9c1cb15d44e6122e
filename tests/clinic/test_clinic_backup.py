"""A personal backup never carries a clinic's patients: export refuses a clinic's database."""

import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.store.backup import export_backup
from spinecoach.store.clinic_scope import ClinicScope
from tests.clinic.conftest import TwoClinics
from tests.store.conftest import T0


def test_a_clinic_database_is_not_exported_as_a_personal_backup(clinics: TwoClinics) -> None:
    ClinicScope(clinics.engine, clinics.back_care.id).add_patient("Maria Lopez", 1961, T0)

    with pytest.raises(InvalidInputError) as refused:
        export_backup(clinics.engine, T0)

    assert "belongs to a clinic" in refused.value.user_message
    assert "pg_dump" in refused.value.user_message
