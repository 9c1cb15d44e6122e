"""Staff sign-in: one answer for every failure, guessing slowed, sign-ins that end."""

from datetime import timedelta

import pytest

from spinecoach.clinic.accounts import add_staff, add_staff_as, create_clinic, remove_staff_as
from spinecoach.clinic.sign_in import (
    FREE_PER_ACCOUNT,
    IDLE_TIMEOUT,
    SIGN_IN_AGAIN,
    WRONG,
    sign_in,
    sign_out,
    signed_in_staff,
    wait_seconds,
)
from spinecoach.clinic_records import StaffRole
from spinecoach.errors import (
    ConflictError,
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    NotSignedInError,
    TooManyAttemptsError,
)
from tests.clinic.conftest import PASSWORD, TwoClinics
from tests.store.conftest import T0

CLIENT = "192.0.2.10"


def test_the_administrator_signs_in_and_the_token_finds_her(clinics: TwoClinics) -> None:
    done = sign_in(clinics.directory, "Amira@BackCare.example ", PASSWORD, CLIENT, T0)

    assert done.staff == clinics.amira
    assert clinics.amira.role is StaffRole.ADMIN
    assert (
        signed_in_staff(clinics.directory, done.token, T0 + timedelta(minutes=1)) == clinics.amira
    )


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(clinics: TwoClinics) -> None:
    with pytest.raises(NotSignedInError) as wrong_password:
        sign_in(clinics.directory, "amira@backcare.example", "not her password", CLIENT, T0)
    with pytest.raises(NotSignedInError) as unknown_address:
        sign_in(clinics.directory, "nobody@backcare.example", PASSWORD, CLIENT, T0)

    assert wrong_password.value.user_message == unknown_address.value.user_message == WRONG


def test_after_five_failures_each_try_waits_twice_as_long(clinics: TwoClinics) -> None:
    for attempt in range(FREE_PER_ACCOUNT + 1):
        with pytest.raises(NotSignedInError):
            at = T0 + timedelta(seconds=attempt)
            sign_in(clinics.directory, "tom@backcare.example", "guess", CLIENT, at)
    last = T0 + timedelta(seconds=FREE_PER_ACCOUNT)

    # One failure past the free five: the next try waits 2 s, even with the right password.
    with pytest.raises(TooManyAttemptsError) as too_soon:
        sign_in(clinics.directory, "tom@backcare.example", PASSWORD, CLIENT, last)
    assert too_soon.value.retry_after == 2
    assert "try again in 2 seconds" in too_soon.value.user_message
    # Another person's account from another network is not slowed by Tom's guesser.
    sign_in(clinics.directory, "amira@backcare.example", PASSWORD, "198.51.100.7", last)
    # Once the wait is over, the right password works.
    done = sign_in(
        clinics.directory, "tom@backcare.example", PASSWORD, CLIENT, last + timedelta(seconds=2)
    )
    assert done.staff == clinics.tom


def test_the_wait_doubles_and_stops_at_fifteen_minutes() -> None:
    failures = [T0] * 8

    assert wait_seconds(failures[:4], 5, T0) == 0
    assert wait_seconds(failures, 5, T0) == 8
    assert wait_seconds(failures, 5, T0 + timedelta(seconds=8)) == 0
    assert wait_seconds([T0] * 40, 5, T0) == 15 * 60


def test_a_sign_in_ends_after_thirty_idle_minutes_but_not_while_used(clinics: TwoClinics) -> None:
    token = sign_in(clinics.directory, "tom@backcare.example", PASSWORD, CLIENT, T0).token

    later = T0
    for _ in range(4):  # used every 20 minutes for over an hour: still signed in
        later += timedelta(minutes=20)
        assert signed_in_staff(clinics.directory, token, later) == clinics.tom
    with pytest.raises(NotSignedInError) as idle:
        signed_in_staff(clinics.directory, token, later + IDLE_TIMEOUT)
    assert idle.value.user_message == SIGN_IN_AGAIN


def test_after_signing_out_the_token_opens_nothing(clinics: TwoClinics) -> None:
    token = sign_in(clinics.directory, "lena@riverside.example", PASSWORD, CLIENT, T0).token

    sign_out(clinics.directory, token, T0)
    sign_out(clinics.directory, token, T0)  # twice is no error

    with pytest.raises(NotSignedInError):
        signed_in_staff(clinics.directory, token, T0)
    with pytest.raises(NotSignedInError):
        signed_in_staff(clinics.directory, "a token nobody was given", T0)


def test_each_sign_in_gets_a_new_token(clinics: TwoClinics) -> None:
    first = sign_in(clinics.directory, "tom@backcare.example", PASSWORD, CLIENT, T0).token
    second = sign_in(clinics.directory, "tom@backcare.example", PASSWORD, CLIENT, T0).token

    assert first != second


def test_an_address_belongs_to_one_staff_member(clinics: TwoClinics) -> None:
    with pytest.raises(ConflictError) as taken:
        add_staff(
            clinics.directory,
            clinics.riverside.id,
            "TOM@backcare.example",
            "Tom Again",
            PASSWORD,
            StaffRole.CLINICIAN,
            T0,
        )

    assert taken.value.field == "email"
    assert "tom@backcare.example already belongs" in taken.value.user_message


@pytest.mark.parametrize(
    ("password", "problem"),
    [("short one", "at least 12 characters"), ("amira@clinic.example", "must not be the e-mail")],
)
def test_a_weak_password_is_refused_naming_the_field(
    clinics: TwoClinics, password: str, problem: str
) -> None:
    with pytest.raises(InvalidInputError) as weak:
        create_clinic(clinics.directory, "Third Clinic", "amira@clinic.example", None, password, T0)

    assert weak.value.field == "password"
    assert problem in weak.value.user_message


def test_only_the_administrator_adds_staff(clinics: TwoClinics) -> None:
    with pytest.raises(NotAllowedError):
        add_staff_as(
            clinics.directory,
            clinics.tom,
            "new@backcare.example",
            "New Person",
            PASSWORD,
            StaffRole.CLINICIAN,
            T0,
        )

    added = add_staff_as(
        clinics.directory,
        clinics.amira,
        "new@backcare.example",
        "New Person",
        PASSWORD,
        StaffRole.CLINICIAN,
        T0,
    )
    assert added.clinic_id == clinics.back_care.id
    assert [s.name for s in clinics.directory.staff_of(clinics.back_care.id)] == [
        "Amira Haddad",
        "Tom Okafor",
        "New Person",
    ]


def test_a_removed_clinician_is_signed_out_and_cannot_sign_in_again(clinics: TwoClinics) -> None:
    token = sign_in(clinics.directory, "tom@backcare.example", PASSWORD, CLIENT, T0).token

    removed = remove_staff_as(clinics.directory, clinics.amira, clinics.tom.id, T0)

    assert removed.name == "Tom Okafor"
    with pytest.raises(NotSignedInError):
        signed_in_staff(clinics.directory, token, T0)
    with pytest.raises(NotSignedInError) as again:
        sign_in(clinics.directory, "tom@backcare.example", PASSWORD, CLIENT, T0)
    assert again.value.user_message == WRONG  # as for an address that never had an account
    assert [s.name for s in clinics.directory.staff_of(clinics.back_care.id)] == ["Amira Haddad"]
    everyone = clinics.directory.staff_of(clinics.back_care.id, removed=True)
    assert [s.name for s in everyone] == ["Amira Haddad", "Tom Okafor"]


def test_only_the_administrator_removes_and_never_herself_or_another_clinics_staff(
    clinics: TwoClinics,
) -> None:
    with pytest.raises(NotAllowedError):
        remove_staff_as(clinics.directory, clinics.tom, clinics.amira.id, T0)
    with pytest.raises(NotAllowedError) as herself:
        remove_staff_as(clinics.directory, clinics.amira, clinics.amira.id, T0)
    with pytest.raises(NotFoundError):
        remove_staff_as(clinics.directory, clinics.amira, clinics.lena.id, T0)

    assert "cannot remove yourself" in herself.value.user_message
    assert sign_in(clinics.directory, "lena@riverside.example", PASSWORD, CLIENT, T0).staff
