import itertools
from collections import Counter

import pytest

from spinecoach.catalog.loader import Catalog, load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.catalog.schema import BreathPattern
from spinecoach.catalog.vocabulary import Side
from spinecoach.timeline import (
    Cue,
    CueKind,
    compile_timeline,
    cue_at,
    hold_breaths,
    speaking_seconds,
    total_seconds,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def routine_of(catalog: Catalog, *exercise_ids: str, reps: int = 2, hold: int = 12) -> Routine:
    items = []
    for exercise_id in exercise_ids:
        exercise = catalog.exercise(exercise_id)
        hold_seconds = hold if exercise.dose.hold_seconds else 0
        items.append(
            PlannedExercise(exercise, catalog.position(exercise.position), reps, hold_seconds)
        )
    return Routine("test", "Test routine", tuple(items), rest_seconds=10)


@pytest.fixture(scope="module")
def all_six(catalog: Catalog) -> tuple[Routine, list[Cue]]:
    routine = routine_of(catalog, *catalog.exercises)
    return routine, compile_timeline(routine)


def test_timeline_is_gap_free_and_starts_at_zero(all_six: tuple[Routine, list[Cue]]) -> None:
    _, cues = all_six

    assert cues[0].at == 0
    for previous, current in itertools.pairwise(cues):
        assert current.at == pytest.approx(previous.end)
    assert all(cue.duration > 0 for cue in cues)


def test_durations_add_up_to_the_total(all_six: tuple[Routine, list[Cue]]) -> None:
    _, cues = all_six

    assert sum(cue.duration for cue in cues) == pytest.approx(total_seconds(cues))


def test_every_repetition_and_side_is_present(all_six: tuple[Routine, list[Cue]]) -> None:
    routine, cues = all_six

    for item in routine.items:
        exercise = item.exercise
        moves = [c for c in cues if c.exercise == exercise.id and c.repetition is not None]
        seen = Counter((cue.side, cue.repetition) for cue in moves)
        expected = {
            (side, rep): len(exercise.repetition)
            for side in item.sides
            for rep in range(1, item.repetitions + 1)
        }
        assert dict(seen) == expected, exercise.id


def test_breathing_cues_follow_each_exercises_pattern(all_six: tuple[Routine, list[Cue]]) -> None:
    routine, cues = all_six

    for item in routine.items:
        pattern = [phase.kind.value for phase in item.exercise.repetition]
        for side in item.sides:
            for rep in range(1, item.repetitions + 1):
                kinds = [
                    c.kind.value
                    for c in cues
                    if c.exercise == item.exercise.id and c.side == side and c.repetition == rep
                ]
                assert kinds == pattern, (item.exercise.id, side, rep)


def test_left_side_comes_first_with_a_switch_prompt_between(catalog: Catalog) -> None:
    cues = compile_timeline(routine_of(catalog, "knee-to-chest"))

    sides = [c.side for c in cues if c.repetition is not None]
    switch = [c for c in cues if c.kind is CueKind.SWITCH_SIDE]

    assert sides[0] is Side.LEFT and sides[-1] is Side.RIGHT
    assert len(switch) == 1 and switch[0].side is Side.RIGHT
    assert cues.index(switch[0]) == max(i for i, c in enumerate(cues) if c.side is Side.LEFT) + 1
    assert all("right" in c.text for c in cues if c.side is Side.RIGHT and c.kind is CueKind.INHALE)


def test_hold_cue_lasts_the_planned_hold_and_carries_its_breaths(catalog: Catalog) -> None:
    cues = compile_timeline(routine_of(catalog, "childs-pose", hold=25))

    holds = [c for c in cues if c.kind is CueKind.HOLD]

    assert holds and all(hold.duration == 25 for hold in holds)
    for hold in holds:
        assert sum(b.seconds for b in hold.breaths) == pytest.approx(25)
        assert [b.kind for b in hold.breaths[:2]] == [CueKind.INHALE, CueKind.EXHALE]


@pytest.mark.parametrize("seconds", [5, 10, 12, 25, 30, 60])
def test_hold_breaths_fill_the_hold_without_gaps(seconds: float) -> None:
    breaths = hold_breaths(seconds, BreathPattern(inhale_seconds=4, exhale_seconds=6))

    assert breaths[0].offset == 0
    for previous, current in itertools.pairwise(breaths):
        assert current.offset == pytest.approx(previous.offset + previous.seconds)
        assert current.kind != previous.kind
    assert breaths[-1].offset + breaths[-1].seconds == pytest.approx(seconds)


def test_changing_position_costs_set_up_time(catalog: Catalog) -> None:
    cues = compile_timeline(routine_of(catalog, "knee-to-chest", "hip-bridge", "cat-cow"))

    prepares = [c for c in cues if c.kind is CueKind.PREPARE]
    lying = catalog.position(catalog.exercise("knee-to-chest").position)
    kneeling = catalog.position(catalog.exercise("cat-cow").position)

    assert prepares[0].duration >= lying.setup_seconds
    assert prepares[1].duration < lying.setup_seconds  # the bridge starts where knee-to-chest ended
    assert prepares[2].duration >= kneeling.setup_seconds
    assert kneeling.get_into in prepares[2].text


def test_every_spoken_cue_fits_in_its_slot(all_six: tuple[Routine, list[Cue]]) -> None:
    _, cues = all_six

    too_long = [
        c.text for c in cues if c.kind is not CueKind.HOLD and speaking_seconds(c.text) > c.duration
    ]

    assert too_long == []


def test_rest_between_exercises_and_finish_at_the_end(all_six: tuple[Routine, list[Cue]]) -> None:
    routine, cues = all_six

    rests = [c for c in cues if c.kind is CueKind.REST]

    assert len(rests) == len(routine.items) - 1
    assert all(rest.duration >= routine.rest_seconds for rest in rests)
    assert cues[-1].kind is CueKind.FINISH
    assert [c.kind for c in cues].count(CueKind.FINISH) == 1


def test_compiling_twice_gives_the_same_timeline(catalog: Catalog) -> None:
    routine = routine_of(catalog, *catalog.exercises)

    assert compile_timeline(routine) == compile_timeline(routine)


def test_cue_at_finds_exactly_one_cue_at_each_moment(all_six: tuple[Routine, list[Cue]]) -> None:
    _, cues = all_six

    for cue in cues:
        assert cue_at(cues, cue.at) is cue
        assert cue_at(cues, cue.at + cue.duration / 2) is cue
    assert cue_at(cues, total_seconds(cues) + 100) is cues[-1]


def test_longer_holds_lengthen_the_routine_by_exactly_the_added_time(catalog: Catalog) -> None:
    short = compile_timeline(routine_of(catalog, "knee-to-chest", reps=2, hold=10))
    long = compile_timeline(routine_of(catalog, "knee-to-chest", reps=2, hold=20))

    # two sides x two repetitions x ten more seconds
    assert total_seconds(long) - total_seconds(short) == pytest.approx(40)
