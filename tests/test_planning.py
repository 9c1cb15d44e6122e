from datetime import date, timedelta

import pytest

from spinecoach.catalog.loader import Catalog, load_catalog
from spinecoach.catalog.vocabulary import Experience, Movement, Place, SpineRegion
from spinecoach.errors import NothingFitsError
from spinecoach.planning import Constraints, plan
from spinecoach.progression import PastSession
from spinecoach.timeline import compile_timeline, total_seconds
from tests.test_progression import good_sessions

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def ids(
    constraints: Constraints, catalog: Catalog, history: list[PastSession] | None = None
) -> list[str]:
    routine = plan(constraints, history or [], TODAY, catalog)
    return [item.exercise.id for item in routine.items]


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Place.CHAIR, ["seated-back-twist"]),
        (Place.BED, ["spinal-torsion", "knee-to-chest", "hip-bridge", "childs-pose"]),
        (
            Place.FLOOR,
            ["spinal-torsion", "knee-to-chest", "hip-bridge", "cat-cow", "childs-pose"],
        ),
    ],
)
def test_place_decides_which_exercises_are_possible(
    catalog: Catalog, place: Place, expected: list[str]
) -> None:
    assert ids(Constraints(place=place), catalog) == expected


@pytest.mark.parametrize(
    ("avoid", "excluded"),
    [
        (Movement.KNEELING, {"cat-cow", "childs-pose"}),
        (Movement.TWISTING, {"seated-back-twist", "spinal-torsion"}),
        (Movement.LYING_ON_BACK, {"knee-to-chest", "hip-bridge"}),
    ],
)
def test_avoided_movements_exclude_their_exercises(
    catalog: Catalog, avoid: Movement, excluded: set[str]
) -> None:
    routine = plan(Constraints(avoid=frozenset({avoid})), [], TODAY, catalog)

    kept = {item.exercise.id for item in routine.items}

    assert kept == set(catalog.exercises) - excluded
    assert all(any(avoid.value in note for note in routine.notes) for _ in excluded)


@pytest.mark.parametrize("minutes", [3, 5, 8, 10, 15, 20])
def test_routine_fits_the_minutes_available(catalog: Catalog, minutes: int) -> None:
    routine = plan(Constraints(minutes=minutes), [], TODAY, catalog)

    assert routine.items
    assert total_seconds(compile_timeline(routine)) <= minutes * 60


def test_doses_stay_inside_each_exercises_safe_range_when_shrunk(catalog: Catalog) -> None:
    routine = plan(Constraints(minutes=6), [], TODAY, catalog)

    for item in routine.items:
        dose = item.exercise.dose
        assert dose.repetitions.minimum <= item.repetitions <= dose.repetitions.maximum
        if dose.hold_seconds:
            assert dose.hold_seconds.minimum <= item.hold_seconds <= dose.hold_seconds.maximum


def test_when_nothing_fits_the_error_says_which_constraint_excluded_which_exercise(
    catalog: Catalog,
) -> None:
    constraints = Constraints(place=Place.CHAIR, avoid=frozenset({Movement.TWISTING}))

    with pytest.raises(NothingFitsError) as raised:
        plan(constraints, [], TODAY, catalog)

    message = raised.value.user_message
    assert "Seated back twist left out: involves twisting (avoid)" in message
    assert "Cat and cow left out: needs a floor, not a chair (place)" in message


def test_too_few_minutes_names_the_shortest_possible_exercise(catalog: Catalog) -> None:
    with pytest.raises(NothingFitsError, match="Nothing fits in 1 minute:"):
        plan(Constraints(place=Place.CHAIR, minutes=1), [], TODAY, catalog)


def test_painful_region_exercises_are_kept_when_time_is_short(catalog: Catalog) -> None:
    without = ids(Constraints(minutes=3), catalog)
    with_neck = ids(Constraints(minutes=3, regions=frozenset({SpineRegion.CERVICAL})), catalog)

    assert "cat-cow" not in without
    assert "cat-cow" in with_neck


def test_built_in_routines(catalog: Catalog) -> None:
    all_six = plan(Constraints(routine="all-six"), [], TODAY, catalog)
    desk = plan(Constraints(routine="desk-break"), [], TODAY, catalog)
    morning = plan(Constraints(routine="morning-floor"), [], TODAY, catalog)

    assert [i.exercise.id for i in all_six.items] == list(catalog.exercises)
    assert all(Place.CHAIR in i.exercise.places for i in desk.items)
    assert total_seconds(compile_timeline(desk)) <= 5 * 60
    assert all(Place.FLOOR in i.exercise.places for i in morning.items)


def test_exercise_that_made_pain_worse_is_left_out_for_a_week(catalog: Catalog) -> None:
    yesterday = [
        PastSession(TODAY - timedelta(days=1), ("cat-cow",), 3, 4, pain_worse_during="cat-cow")
    ]
    last_month = [
        PastSession(TODAY - timedelta(days=30), ("cat-cow",), 3, 4, pain_worse_during="cat-cow")
    ]

    routine = plan(Constraints(), yesterday, TODAY, catalog)

    assert "cat-cow" not in [i.exercise.id for i in routine.items]
    assert any("pain got worse" in note for note in routine.notes)
    assert "cat-cow" in ids(Constraints(), catalog, last_month)


def test_experience_sets_the_starting_dose(catalog: Catalog) -> None:
    new = plan(Constraints(experience=Experience.NEW), [], TODAY, catalog)
    regular = plan(Constraints(experience=Experience.REGULAR), [], TODAY, catalog)

    assert total_seconds(compile_timeline(regular)) > total_seconds(compile_timeline(new))


def test_planning_is_deterministic(catalog: Catalog) -> None:
    constraints = Constraints(minutes=7, avoid=frozenset({Movement.KNEELING}))
    history = good_sessions(3, ("knee-to-chest", "cat-cow"))

    assert plan(constraints, history, TODAY, catalog) == plan(constraints, history, TODAY, catalog)
