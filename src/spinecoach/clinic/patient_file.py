"""What a clinician downloads for a patient's file: the FHIR bundle of programme and records."""

from datetime import datetime

from spinecoach.catalog.loader import Catalog
from spinecoach.records import JsonValue
from spinecoach.reports.fhir import FhirRecords
from spinecoach.reports.fhir_programme import ProgrammeFhirRecords, build_programme_bundle
from spinecoach.safety.loader import default_screening
from spinecoach.store.clinic_scope import ClinicScope
from spinecoach.store.clinics import ClinicDirectory
from spinecoach.store.repository import Repository


def patient_fhir_bundle(
    scope: ClinicScope,
    directory: ClinicDirectory,
    repository: Repository,
    catalog: Catalog,
    person_id: int,
    now: datetime,
) -> dict[str, JsonValue]:
    """Return the clinic patient's FHIR R4 Bundle; NotFoundError for another clinic's patient.

    now in local time: the day it falls on says whether the programme has ended.
    """
    versions = scope.programme_versions(person_id)  # first: it refuses another clinic's patient
    # Removed staff too: what they prescribed keeps their name.
    staff = {member.id: member for member in directory.staff_of(scope.clinic_id, removed=True)}
    # The same reads as the patient's own export (coaching/exchange.py), for this patient.
    records = FhirRecords(
        person=repository.person(person_id),
        routine=None,
        questionnaire=default_screening(),
        screenings=repository.screenings(person_id),
        pain_entries=repository.pain_entries(person_id),
        sessions=repository.sessions(person_id),
        results=repository.exercise_results_of_person(person_id),
        psfs=repository.psfs_entries(person_id),
    )
    data = ProgrammeFhirRecords(
        records=records,
        clinic=directory.clinic(scope.clinic_id),
        versions=versions,
        prescribers=staff,
        catalog=catalog,
    )
    return build_programme_bundle(data, now)
