"""Each stretch's dose grows from its own good sessions and steps back after its own pain rises."""

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from spinecoach.catalog.loader import Catalog, load_catalog
from spinecoach.catalog.routine import Routine
from spinecoach.catalog.vocabulary import Experience
from spinecoach.planning import Constraints, plan
from spinecoach.progression import (
    GOOD_SESSIONS_PER_STEP,
    HOLD_STEP_SECONDS,
    SECONDS_PER_STRETCH,
    PastSession,
    eased,
    raised,
    starting_dose,
)

TODAY = date(2026, 11, 24)
README = Path(__file__).parents[1] / "README.md"
ALL_SIX = Constraints(routine="all-six")
TWIST = "seated-back-twist"
KNEE = "knee-to-chest"
CAT_COW = "cat-cow"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def good_sessions(
    count: int, exercises: tuple[str, ...], first_id: int = 1, days_ago: int = 30
) -> list[PastSession]:
    """Completed normal-speed sessions with pain 4 before and 3 after, one a day, oldest first."""
    return [
        PastSession(
            TODAY - timedelta(days=days_ago - n),
            exercises,
            pain_before=4,
            pain_after=3,
            completed=True,
            session_id=first_id + n,
            planned=exercises,
        )
        for n in range(count)
    ]


def pain_rise(exercises: tuple[str, ...], session_id: int, **more: object) -> PastSession:
    """A completed session yesterday after which pain went from 3 to 5."""
    session = PastSession(TODAY - timedelta(days=1), exercises, 3, 5, completed=True)
    return replace(session, **({"session_id": session_id, "planned": exercises} | more))


def doses(routine: Routine) -> dict[str, tuple[int, int]]:
    return {item.exercise.id: (item.repetitions, item.hold_seconds) for item in routine.items}


def doses_after(history: list[PastSession], catalog: Catalog) -> dict[str, tuple[int, int]]:
    return doses(plan(ALL_SIX, history, TODAY, catalog))


def test_a_desk_worker_who_only_twists_grows_only_the_twist(catalog: Catalog) -> None:
    fresh = doses_after([], catalog)
    dana_desk_breaks = good_sessions(2, (TWIST,))

    after = doses_after(dana_desk_breaks, catalog)

    assert after[TWIST] == (4, 15)
    assert {k: v for k, v in after.items() if k != TWIST} == {
        k: v for k, v in fresh.items() if k != TWIST
    }


def test_a_stretch_never_done_keeps_its_starting_dose_after_many_sessions(
    catalog: Catalog,
) -> None:
    fresh = doses_after([], catalog)
    months_of_twists = good_sessions(40, (TWIST,))

    after = doses_after(months_of_twists, catalog)

    assert after[TWIST] == (2, 30)
    assert after[KNEE] == fresh[KNEE] == (3, 20)


def test_a_skipped_stretch_does_not_grow(catalog: Catalog) -> None:
    # The routine planned the knee hug too, but only the twist was done.
    sessions = [replace(s, planned=(KNEE, TWIST)) for s in good_sessions(2, (TWIST,))]

    after = doses_after(sessions, catalog)

    assert after[KNEE] == (3, 20)
    assert after[TWIST] == (4, 15)


def test_a_pain_rise_steps_back_only_the_stretches_done_in_that_session(
    catalog: Catalog,
) -> None:
    omar_mornings = good_sessions(4, (KNEE, CAT_COW, TWIST))
    knee_hug_hurt = pain_rise((KNEE,), session_id=5)

    before = doses_after(omar_mornings, catalog)
    after = doses_after([*omar_mornings, knee_hug_hurt], catalog)

    assert before[KNEE] == (2, 30)
    assert after[KNEE] == (2, 25)
    assert after[CAT_COW] == before[CAT_COW] == (10, 0)
    assert after[TWIST] == before[TWIST] == (3, 20)


def test_the_stretch_in_progress_when_pain_got_worse_steps_back_too(catalog: Catalog) -> None:
    stopped = PastSession(
        TODAY - timedelta(days=1),
        (TWIST,),
        3,
        4,
        pain_worse_during=KNEE,
        session_id=3,
        planned=(TWIST, KNEE, CAT_COW),
    )

    after = doses_after([stopped], catalog)

    assert after[TWIST] == (4, 10)
    assert after[CAT_COW] == (8, 0)
    assert KNEE not in after  # left out for a week by the pain rule


def test_a_pain_rise_with_nothing_recorded_as_done_steps_back_all_of_that_routine(
    catalog: Catalog,
) -> None:
    nothing_recorded = pain_rise((), session_id=1, planned=(KNEE, TWIST))

    after = doses_after([nothing_recorded], catalog)

    assert after[KNEE] == (3, 15)
    assert after[TWIST] == (4, 10)
    assert after[CAT_COW] == (8, 0)


def test_a_pain_rise_steps_back_even_after_a_demo(catalog: Catalog) -> None:
    demo_with_rise = pain_rise((KNEE,), session_id=3, speed=20.0)

    after = doses_after([*good_sessions(2, (KNEE,)), demo_with_rise], catalog)

    assert after[KNEE] == (2, 20)


@pytest.mark.parametrize(
    "not_counted",
    [
        {"completed": False},  # killed, quit or stopped early
        {"speed": 20.0},  # a demonstration
        {"pain_after": None},
        {"pain_before": None},
    ],
    ids=["not-completed", "demo-speed", "no-pain-after", "no-pain-before"],
)
def test_only_completed_normal_speed_sessions_with_both_pain_scores_raise_a_dose(
    catalog: Catalog, not_counted: dict[str, object]
) -> None:
    history = [replace(past, **not_counted) for past in good_sessions(6, (KNEE,))]

    routine = plan(ALL_SIX, history, TODAY, catalog)

    assert doses(routine)[KNEE] == (3, 20)
    assert "Knee to chest: starting dose kept. 6 sessions with it not counted" in routine.notes[0]


def test_holds_grow_one_step_every_two_good_sessions_and_repetitions_never_grow(
    catalog: Catalog,
) -> None:
    knee = [doses_after(good_sessions(n, (KNEE,)), catalog)[KNEE] for n in range(7)]
    cat_cow = [doses_after(good_sessions(n, (CAT_COW,)), catalog)[CAT_COW] for n in range(5)]

    assert knee == [(3, 20), (3, 20), (2, 25), (2, 25), (2, 30), (2, 30), (2, 30)]
    assert cat_cow == [(8, 0), (8, 0), (9, 0), (9, 0), (10, 0)]


def test_no_dose_passes_the_safe_maximum_or_about_a_minute_in_all(catalog: Catalog) -> None:
    for exercise in catalog.exercises.values():
        reps, hold = exercise.dose.repetitions, exercise.dose.hold_seconds
        doses = [starting_dose(exercise, Experience.NEW)]
        for _ in range(20):
            doses.append(raised(exercise, doses[-1]))

        assert all(reps.minimum <= d.repetitions <= reps.maximum for d in doses)
        if hold is not None:
            assert all(hold.minimum <= d.hold_seconds <= hold.maximum for d in doses)
            assert doses[-1].hold_seconds == hold.maximum
            assert all(
                d.repetitions * d.hold_seconds <= SECONDS_PER_STRETCH
                or d.repetitions == reps.minimum
                for d in doses[1:]
            )


def test_a_step_back_never_makes_a_stretch_longer_in_any_way(catalog: Catalog) -> None:
    for exercise in catalog.exercises.values():
        reps = exercise.dose.repetitions
        dosage = starting_dose(exercise, Experience.REGULAR)
        for _ in range(20):
            lower = eased(exercise, dosage)

            assert lower.repetitions <= dosage.repetitions
            assert lower.hold_seconds <= dosage.hold_seconds
            dosage = lower
        assert dosage.repetitions == reps.minimum


def test_the_readme_states_the_rule_the_planner_follows(catalog: Catalog) -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    example = re.search(r"\(knee to chest: ([^)]*)\)", text)

    assert GOOD_SESSIONS_PER_STEP == 2 and "after every two good sessions of that stretch" in text
    assert f"its hold grows by {HOLD_STEP_SECONDS} s" in text
    assert "Repetitions never grow" in text
    assert example is not None
    pairs = re.findall(r"(\d+) \u00d7 (\d+) s", example.group(1))
    stated = [(int(reps), int(hold)) for reps, hold in pairs]
    knee = [doses_after(good_sessions(n, (KNEE,)), catalog)[KNEE] for n in (0, 2, 4)]
    assert stated == knee


def test_each_grown_stretch_gets_a_plain_note_and_precise_data(catalog: Catalog) -> None:
    history = [*good_sessions(3, (KNEE,)), *good_sessions(1, (TWIST,), first_id=9, days_ago=2)]
    demo = replace(good_sessions(1, (KNEE,), first_id=12, days_ago=1)[0], speed=20.0)

    routine = plan(ALL_SIX, [*history, demo], TODAY, catalog)

    assert routine.notes == (
        "Knee to chest: hold raised to 25 s after 2 good sessions of it (sessions 1 and 2)."
        " Done 2 times instead of 3. 1 good session of it since (session 3): 1 more and it grows."
        " 1 session with it not counted (demo, not finished or a pain score missing).",
        "Seated back twist: starting dose kept. 1 good session of it so far (session 9):"
        " 1 more and it grows.",
    )
    assert routine.to_dict()["progress"] == [
        {
            "exercise": KNEE,
            "starting_dose": {"repetitions": 3, "hold_seconds": 20},
            "good_sessions": [1, 2, 3],
            "pain_rises": [],
            "not_counted": [12],
        },
        {
            "exercise": TWIST,
            "starting_dose": {"repetitions": 5, "hold_seconds": 10},
            "good_sessions": [9],
            "pain_rises": [],
            "not_counted": [],
        },
    ]


def test_a_step_back_is_explained_in_plain_words(catalog: Catalog) -> None:
    history = [*good_sessions(2, (KNEE,)), pain_rise((KNEE,), session_id=7)]

    routine = plan(ALL_SIX, history, TODAY, catalog)

    assert doses(routine)[KNEE] == (2, 20)  # the repetition it gave up for 25 s stays off
    assert routine.notes == (
        "Knee to chest: hold lowered to 20 s because your pain got worse in session 7.",
    )


def test_experience_starts_every_stretch_one_or_two_steps_up(catalog: Catalog) -> None:
    new = doses(plan(Constraints(experience=Experience.NEW), [], TODAY, catalog))
    regular = doses(plan(Constraints(experience=Experience.REGULAR), [], TODAY, catalog))

    assert new[KNEE] == (3, 20) and regular[KNEE] == (2, 30)
    assert all(regular[key][1] >= new[key][1] for key in new)
    assert regular[CAT_COW][0] > new[CAT_COW][0]


def test_a_pain_rise_after_a_session_of_unknown_plan_steps_back_every_stretch(
    catalog: Catalog,
) -> None:
    unknown = pain_rise((), session_id=1, planned=())

    after = doses_after([unknown], catalog)

    assert after[KNEE] == (3, 15)
    assert after["spinal-torsion"] == (2, 15)
    assert after[CAT_COW] == (7, 0)
