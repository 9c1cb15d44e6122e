"""JSON API of clinic mode: a patient's records for their file, as FHIR and as the PDF report.

Same access as the rest of the clinic's API (api_clinic.py): a signed-in staff member of the
patient's own clinic; another clinic's patient is a 404.
"""

from fastapi import Request
from starlette.responses import Response

from spinecoach.clinic.patient_file import patient_fhir_bundle
from spinecoach.coaching.progress import doctor_report
from spinecoach.web import exports
from spinecoach.web.answers_files import FhirBundle
from spinecoach.web.clinic_access import ClinicScopeDep, PatientDep, clinic_router, serving
from spinecoach.web.deps import CatalogDep, ClockDep, RepositoryDep
from spinecoach.web.progress import download, load_period

BUNDLE_SCHEMA = {"$ref": f"#/components/schemas/{FhirBundle.__name__}"}

router = clinic_router()


@router.get(
    "/patients/{patient_id}/fhir",
    summary="A patient's programme and records as a FHIR R4 Bundle",
    # A plain Response, not FhirFile: that would file the JSON error answers (401, 404) under
    # the FHIR media type too. The schema is the one /api/export/fhir registers.
    response_class=Response,
    responses={
        200: {
            "content": {exports.FHIR_TYPE: {"schema": BUNDLE_SCHEMA}},
            "description": "a collection Bundle",
        }
    },
)
def patient_fhir(
    request: Request,
    found: PatientDep,
    scope: ClinicScopeDep,
    repository: RepositoryDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> Response:
    """Return the programme's versions as exercise prescriptions (ServiceRequest, with its
    CarePlan and Goal, as the HL7 Physical Activity guide shapes them), then the patient's
    pain scores, sessions, screenings and activity ratings."""
    now = clock.now().astimezone()  # local: the day says whether the programme has ended
    bundle = patient_fhir_bundle(
        scope, serving(request).directory(), repository, catalog, found.id, now
    )
    filename = f"spinecoach-patient-{found.id}-fhir-{now:%Y-%m-%d}.json"
    return download(exports.bundle_json(bundle), exports.FHIR_TYPE, filename)


@router.get(
    "/patients/{patient_id}/report.pdf",
    summary="A patient's report for their file, as PDF",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "one or two A4 pages"}},
)
def patient_report(found: PatientDep, repository: RepositoryDep, clock: ClockDep) -> Response:
    """Return the same PDF the patient downloads from their own history page."""
    person = repository.person(found.id)
    pdf = doctor_report(load_period(repository, person, clock, None))
    filename = f"spinecoach-patient-{found.id}-report-{clock.now():%Y-%m-%d}.pdf"
    return download(pdf, "application/pdf", filename)
