"""A patient's sessions follow the programme in force: its stretches at its doses, never above."""

from datetime import date, timedelta

from spinecoach.catalog.loader import default_catalog
from spinecoach.catalog.vocabulary import Place
from spinecoach.coaching.sessions import plan_today
from spinecoach.planning import Constraints
from spinecoach.prescribing import PROGRAMME_ROUTINE_ID, checked_programme
from spinecoach.store.clinic_scope import ClinicScope
from spinecoach.store.repository import Repository
from tests.clinic.conftest import TwoClinics
from tests.store.conftest import T0

PRESCRIBED = [
    {"exercise": "knee-to-chest", "repetitions": 3, "hold_seconds": 20},
    {"exercise": "cat-cow", "repetitions": 8, "hold_seconds": 0},
    {"exercise": "seated-back-twist", "repetitions": 3, "hold_seconds": 20},
]


def _maria_with_programme(
    clinics: TwoClinics, starts: date, ends: date | None = None
) -> tuple[Repository, int]:
    scope = ClinicScope(clinics.engine, clinics.back_care.id)
    maria = scope.add_patient("Maria Lopez", 1961, T0)
    programme = checked_programme(default_catalog(), PRESCRIBED, 5, starts, ends, "")
    scope.prescribe(maria.id, programme, clinics.tom.id, T0)
    return Repository(clinics.engine), maria.id


def test_the_plan_is_the_programme_at_its_doses(clinics: TwoClinics) -> None:
    repository, maria = _maria_with_programme(clinics, T0.date())

    routine = plan_today(repository, repository.person(maria), Constraints(), default_catalog(), T0)

    assert routine.id == PROGRAMME_ROUTINE_ID
    assert [(i.exercise.id, i.repetitions, i.hold_seconds) for i in routine.items] == [
        ("knee-to-chest", 3, 20),
        ("cat-cow", 8, 0),
        ("seated-back-twist", 3, 20),
    ]


def test_short_of_time_or_on_a_chair_the_plan_shrinks_but_never_grows(
    clinics: TwoClinics,
) -> None:
    repository, maria = _maria_with_programme(clinics, T0.date())
    person = repository.person(maria)
    prescribed = {e["exercise"]: (e["repetitions"], e["hold_seconds"]) for e in PRESCRIBED}

    short = plan_today(repository, person, Constraints(minutes=3), default_catalog(), T0)
    on_chair = plan_today(repository, person, Constraints(place=Place.CHAIR), default_catalog(), T0)

    for routine in (short, on_chair):
        assert routine.items
        for item in routine.items:
            repetitions, hold = prescribed[item.exercise.id]
            assert item.repetitions <= repetitions and item.hold_seconds <= hold
    assert [i.exercise.id for i in on_chair.items] == ["seated-back-twist"]
    assert {left.exercise.id for left in on_chair.left_out} == {"knee-to-chest", "cat-cow"}


def test_before_it_starts_and_after_it_ends_the_usual_plan_applies(clinics: TwoClinics) -> None:
    repository, maria = _maria_with_programme(
        clinics, T0.date() + timedelta(days=7), T0.date() + timedelta(days=35)
    )
    person = repository.person(maria)

    before = plan_today(repository, person, Constraints(), default_catalog(), T0)
    during = plan_today(
        repository, person, Constraints(), default_catalog(), T0 + timedelta(days=8)
    )
    after = plan_today(
        repository, person, Constraints(), default_catalog(), T0 + timedelta(days=36)
    )

    assert (before.id, during.id, after.id) == ("custom", PROGRAMME_ROUTINE_ID, "custom")
