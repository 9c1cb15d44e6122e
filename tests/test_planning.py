from datetime import date, timedelta

import pytest

from spinecoach.catalog.loader import Catalog, load_catalog
from spinecoach.catalog.routine import LeftOut, LeftOutReason
from spinecoach.catalog.vocabulary import Experience, Movement, Place, SpineRegion
from spinecoach.errors import NothingFitsError
from spinecoach.fitting import NoExerciseFitsError
from spinecoach.planning import Constraints, plan
from spinecoach.progression import PastSession
from spinecoach.timeline import compile_timeline, total_seconds
from tests.test_progression import good_sessions

TODAY = date(2026, 11, 24)


ARTICLE = {
    "knee-to-chest",
    "seated-back-twist",
    "spinal-torsion",
    "hip-bridge",
    "cat-cow",
    "childs-pose",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def ids(
    constraints: Constraints, catalog: Catalog, history: list[PastSession] | None = None
) -> list[str]:
    routine = plan(constraints, history or [], TODAY, catalog)
    return [item.exercise.id for item in routine.items]


def pain_stop_in(exercise_id: str, days_ago: int = 1) -> PastSession:
    """A session stopped because pain got worse during this exercise."""
    day = TODAY - timedelta(days=days_ago)
    return PastSession(day, (exercise_id,), 3, 5, pain_worse_during=exercise_id)


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (
            Place.CHAIR,
            ["seated-knee-hug", "seated-back-twist", "seated-cat-cow", "seated-forward-bend"],
        ),
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
    ("avoid", "excluded", "stand_ins"),
    [
        (Movement.KNEELING, {"cat-cow", "childs-pose"}, {"seated-cat-cow", "seated-forward-bend"}),
        (Movement.TWISTING, {"seated-back-twist", "spinal-torsion"}, set()),
        (Movement.LYING_ON_BACK, {"knee-to-chest", "hip-bridge"}, {"seated-knee-hug"}),
        (Movement.BENDING_FORWARD, {"knee-to-chest", "cat-cow", "childs-pose"}, set()),
    ],
)
def test_avoided_movements_exclude_their_exercises_and_chair_versions_stand_in(
    catalog: Catalog, avoid: Movement, excluded: set[str], stand_ins: set[str]
) -> None:
    routine = plan(Constraints(avoid=frozenset({avoid})), [], TODAY, catalog)

    planned = {item.exercise.id for item in routine.items}

    assert planned == (ARTICLE - excluded) | stand_ins
    assert {item.exercise.id for item in routine.left_out} >= excluded
    for item in routine.left_out:
        assert (item.reason, item.movements) == (LeftOutReason.AVOID, (avoid,))


def test_without_a_place_the_article_stretches_are_planned_not_their_chair_versions(
    catalog: Catalog,
) -> None:
    routine = plan(Constraints(), [], TODAY, catalog)

    assert {item.exercise.id for item in routine.items} == ARTICLE
    assert routine.left_out == ()


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


def test_when_nothing_fits_the_error_says_which_was_left_out_why_and_where_some_fit(
    catalog: Catalog,
) -> None:
    avoid = frozenset({Movement.TWISTING, Movement.BENDING_FORWARD})

    with pytest.raises(NoExerciseFitsError) as raised:
        plan(Constraints(place=Place.CHAIR, avoid=avoid), [], TODAY, catalog)

    error = raised.value
    reasons = {item.exercise.id: item for item in error.left_out}
    assert reasons["seated-back-twist"].movements == (Movement.TWISTING,)
    assert reasons["seated-knee-hug"].movements == (Movement.BENDING_FORWARD,)
    assert reasons["cat-cow"].reason is LeftOutReason.PLACE
    assert (error.place, error.elsewhere) == (Place.CHAIR, (Place.FLOOR, Place.BED))
    assert not any(tag in error.user_message for tag in ("(place)", "(avoid)", "(pain rule)"))


def test_when_nothing_fits_anywhere_no_other_place_is_offered(catalog: Catalog) -> None:
    with pytest.raises(NoExerciseFitsError) as raised:
        plan(Constraints(avoid=frozenset(Movement)), [], TODAY, catalog)

    assert raised.value.elsewhere == ()


def test_a_chair_plan_of_five_minutes_has_at_least_three_stretches(catalog: Catalog) -> None:
    routine = plan(Constraints(place=Place.CHAIR, minutes=5), [], TODAY, catalog)

    assert len(routine.items) >= 3
    assert all(Place.CHAIR in item.exercise.places for item in routine.items)
    assert total_seconds(compile_timeline(routine)) <= 5 * 60
    assert all(
        item.stand_in is None or item.stand_in in [i.exercise for i in routine.items]
        for item in routine.left_out
    )


def test_after_a_pain_stop_in_the_chair_twist_the_other_chair_stretches_remain(
    catalog: Catalog,
) -> None:
    routine = plan(
        Constraints(place=Place.CHAIR, minutes=5),
        [pain_stop_in("seated-back-twist")],
        TODAY,
        catalog,
    )

    planned = [item.exercise.id for item in routine.items]
    assert "seated-back-twist" not in planned
    assert len(planned) >= 3
    twist = catalog.exercise("seated-back-twist")
    assert (
        LeftOut(twist, LeftOutReason.PAIN, pain_day=TODAY - timedelta(days=1), pain_during=twist)
        in routine.left_out
    )


def test_pain_in_a_stretch_also_rests_its_other_version(catalog: Catalog) -> None:
    on_chair = plan(Constraints(place=Place.CHAIR), [pain_stop_in("knee-to-chest")], TODAY, catalog)
    on_floor = plan(
        Constraints(place=Place.FLOOR), [pain_stop_in("seated-knee-hug")], TODAY, catalog
    )

    assert "seated-knee-hug" not in [item.exercise.id for item in on_chair.items]
    hug = next(item for item in on_chair.left_out if item.exercise.id == "seated-knee-hug")
    assert hug.pain_during == catalog.exercise("knee-to-chest")
    assert "knee-to-chest" not in [item.exercise.id for item in on_floor.items]


def test_when_pain_stops_leave_nothing_on_a_chair_the_floor_is_offered(catalog: Catalog) -> None:
    stops = [pain_stop_in(e) for e in ("seated-back-twist", "knee-to-chest", "cat-cow")]
    stops.append(pain_stop_in("seated-forward-bend", days_ago=3))

    with pytest.raises(NoExerciseFitsError) as raised:
        plan(Constraints(place=Place.CHAIR), stops, TODAY, catalog)

    assert {item.reason for item in raised.value.left_out} == {
        LeftOutReason.PAIN,
        LeftOutReason.PLACE,
    }
    assert raised.value.elsewhere == (Place.FLOOR, Place.BED)


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

    assert [i.exercise.id for i in all_six.items] == [
        e.id for e in catalog.exercises.values() if e.article_number
    ]
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
    assert [item.reason for item in routine.left_out] == [LeftOutReason.PAIN]
    assert "cat-cow" in ids(Constraints(), catalog, last_month)


def test_experience_sets_the_starting_dose(catalog: Catalog) -> None:
    new = plan(Constraints(experience=Experience.NEW), [], TODAY, catalog)
    regular = plan(Constraints(experience=Experience.REGULAR), [], TODAY, catalog)

    assert total_seconds(compile_timeline(regular)) > total_seconds(compile_timeline(new))


def test_planning_is_deterministic(catalog: Catalog) -> None:
    constraints = Constraints(minutes=7, avoid=frozenset({Movement.KNEELING}))
    history = good_sessions(3, ("knee-to-chest", "cat-cow"))

    assert plan(constraints, history, TODAY, catalog) == plan(constraints, history, TODAY, catalog)
