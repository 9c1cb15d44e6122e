"""A clinic's records: each query names the clinic, so another clinic's ids find nothing."""

from datetime import date, timedelta

import pytest

from spinecoach.catalog.loader import default_catalog
from spinecoach.clinic.tokens import new_token
from spinecoach.clinic_records import Programme
from spinecoach.errors import InvalidInputError, NotFoundError
from spinecoach.prescribing import checked_programme
from spinecoach.store.clinic_scope import ClinicScope
from spinecoach.store.enrolments import LINK_UNUSABLE, Enrolments
from spinecoach.store.repository import Repository
from tests.clinic.conftest import TwoClinics
from tests.store.conftest import T0

FOURTEEN_DAYS = timedelta(days=14)


def _programme(hold: int = 20, note: str = "Little and often.") -> Programme:
    return checked_programme(
        default_catalog(),
        [
            {"exercise": "knee-to-chest", "repetitions": 3, "hold_seconds": hold},
            {"exercise": "cat-cow", "repetitions": 8, "hold_seconds": 0},
        ],
        5,
        date(2026, 1, 5),
        None,
        note,
    )


def test_each_clinic_sees_only_its_own_patients(clinics: TwoClinics) -> None:
    back_care = ClinicScope(clinics.engine, clinics.back_care.id)
    riverside = ClinicScope(clinics.engine, clinics.riverside.id)
    maria = back_care.add_patient("Maria Lopez", 1961, T0)
    jon = riverside.add_patient("Jon Park", None, T0)

    assert [p.name for p in back_care.patients()] == ["Maria Lopez"]
    assert [p.name for p in riverside.patients()] == ["Jon Park"]
    assert back_care.patient(maria.id) == maria
    # Jon's id from Back Care is not found, worded as an id that never existed.
    with pytest.raises(NotFoundError) as other:
        back_care.patient(jon.id)
    with pytest.raises(NotFoundError) as missing:
        back_care.patient(999_999)
    assert other.value.user_message == f"patient {jon.id} does not exist"
    assert "does not exist" in missing.value.user_message
    for attempt in (
        lambda: back_care.prescribe(jon.id, _programme(), clinics.amira.id, T0),
        lambda: back_care.add_enrolment_link(jon.id, "d" * 64, clinics.amira.id, T0, T0),
        lambda: back_care.devices(jon.id),
        lambda: back_care.programme_versions(jon.id),
    ):
        with pytest.raises(NotFoundError):
            attempt()


def test_patients_never_become_the_laptop_person(clinics: TwoClinics) -> None:
    ClinicScope(clinics.engine, clinics.back_care.id).add_patient("Maria Lopez", None, T0)

    local = Repository(clinics.engine).ensure_default_person(T0)

    assert local.name is None  # a new, empty profile, not Maria


def test_an_edited_programme_keeps_its_earlier_versions(clinics: TwoClinics) -> None:
    scope = ClinicScope(clinics.engine, clinics.back_care.id)
    maria = scope.add_patient("Maria Lopez", 1961, T0)

    scope.prescribe(maria.id, _programme(hold=20), clinics.tom.id, T0)
    scope.prescribe(maria.id, _programme(hold=30), clinics.amira.id, T0 + timedelta(days=7))

    versions = scope.programme_versions(maria.id)
    assert [(v.version, v.exercises[0].hold_seconds, v.prescribed_by) for v in versions] == [
        (1, 20, clinics.tom.id),
        (2, 30, clinics.amira.id),
    ]
    assert versions[1].prescribed_at == T0 + timedelta(days=7)


@pytest.mark.parametrize(
    ("exercises", "field", "problem"),
    [
        (
            [{"exercise": "knee-to-chest", "repetitions": 3, "hold_seconds": 600}],
            "exercises[0].hold_seconds",
            "outside the safe range",
        ),
        (
            [{"exercise": "cat-cow", "repetitions": 8, "hold_seconds": 5}],
            "exercises[0].hold_seconds",
            "has no hold",
        ),
        (
            [{"exercise": "cat-cow", "repetitions": 500, "hold_seconds": 0}],
            "exercises[0].repetitions",
            "outside the safe range",
        ),
        (
            [{"exercise": "Cat and cow", "repetitions": 8, "hold_seconds": 0}],
            "exercises[0].exercise",
            "did you mean cat-cow",
        ),
        (
            [{"exercise": "cat-cow", "repetitions": 8, "hold_seconds": 0}] * 2,
            "exercises[1].exercise",
            "prescribed twice",
        ),
        ([], "exercises", "at least one"),
    ],
)
def test_a_dose_outside_the_safe_range_is_refused_naming_the_field(
    exercises: list[dict[str, object]], field: str, problem: str
) -> None:
    with pytest.raises(InvalidInputError) as refused:
        checked_programme(default_catalog(), exercises, 3, date(2026, 1, 5), None, "")

    assert refused.value.field == field
    assert problem in refused.value.user_message


def test_a_programme_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidInputError) as refused:
        checked_programme(
            default_catalog(),
            [{"exercise": "cat-cow", "repetitions": 8, "hold_seconds": 0}],
            3,
            date(2026, 2, 1),
            date(2026, 1, 1),
            "",
        )

    assert refused.value.field == "ends"


def test_an_enrolment_link_binds_one_device_once(clinics: TwoClinics) -> None:
    scope = ClinicScope(clinics.engine, clinics.back_care.id)
    maria = scope.add_patient("Maria Lopez", 1961, T0)
    link, link_digest = new_token()
    scope.add_enrolment_link(maria.id, link_digest, clinics.tom.id, T0, T0 + FOURTEEN_DAYS)
    enrolments = Enrolments(clinics.engine)
    _phone, phone_digest = new_token()

    phone = enrolments.enrol(
        link_digest, phone_digest, "Chrome on Android", T0 + timedelta(hours=1)
    )

    assert (phone.person_id, phone.clinic_id) == (maria.id, clinics.back_care.id)
    assert enrolments.device(phone_digest) == phone
    with pytest.raises(NotFoundError) as again:
        enrolments.enrol(link_digest, new_token()[1], "a laptop", T0 + timedelta(hours=2))
    assert again.value.user_message == LINK_UNUSABLE
    assert scope.enrolment_links(maria.id)[0].used_at == T0 + timedelta(hours=1)
    assert link  # the token itself went to the phone; only its digest was stored


def test_an_expired_or_revoked_link_and_a_revoked_device_open_nothing(clinics: TwoClinics) -> None:
    scope = ClinicScope(clinics.engine, clinics.back_care.id)
    maria = scope.add_patient("Maria Lopez", 1961, T0)
    enrolments = Enrolments(clinics.engine)
    _, expired = new_token()
    _, withdrawn = new_token()
    _, fresh = new_token()
    scope.add_enrolment_link(maria.id, expired, clinics.tom.id, T0, T0 + FOURTEEN_DAYS)
    revoked_link = scope.add_enrolment_link(
        maria.id, withdrawn, clinics.tom.id, T0, T0 + FOURTEEN_DAYS
    )
    scope.add_enrolment_link(maria.id, fresh, clinics.tom.id, T0, T0 + FOURTEEN_DAYS)
    scope.revoke_enrolment_link(maria.id, revoked_link.id, T0)

    with pytest.raises(NotFoundError):
        enrolments.enrol(expired, new_token()[1], "phone", T0 + FOURTEEN_DAYS)
    with pytest.raises(NotFoundError):
        enrolments.enrol(withdrawn, new_token()[1], "phone", T0)
    _, phone_digest = new_token()
    phone = enrolments.enrol(fresh, phone_digest, "phone", T0)
    # Riverside cannot revoke Back Care's device, even knowing its ids.
    with pytest.raises(NotFoundError):
        ClinicScope(clinics.engine, clinics.riverside.id).revoke_device(maria.id, phone.id, T0)
    assert enrolments.device(phone_digest) is not None
    scope.revoke_device(maria.id, phone.id, T0)
    assert enrolments.device(phone_digest) is None
    assert scope.devices(maria.id)[0].revoked_at == T0
