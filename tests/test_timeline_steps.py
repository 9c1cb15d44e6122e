"""Each cue of an exercise carries the step it performs, worded for its side, as content ties it."""

import pytest

from spinecoach.catalog.loader import Catalog, load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.catalog.vocabulary import Side
from spinecoach.playback import MOVE_KINDS
from spinecoach.timeline import Cue, CueKind, compile_timeline

K = CueKind
# For every exercise, words from the one step that describes what each kind of cue does.
# Getting ready (prepare, instruction) shows the set-up step; "{side}" is the side being worked.
MOVEMENT_WORDS: dict[str, dict[CueKind, str]] = {
    "knee-to-chest": {
        K.PREPARE: "Lie on your back with both knees bent",
        K.INHALE: "slowly draw it toward your chest",
        K.HOLD: "foot on the floor with its knee bent",
        K.EXHALE: "let it move away again",
        K.SWITCH_SIDE: "then change to the other leg",
    },
    "seated-back-twist": {
        K.PREPARE: "Sit near the front of a steady chair",
        K.INHALE: "your back tall",
        K.EXHALE: "Reach both arms behind you to the {side}, resting your hands",
        K.HOLD: "Stay turned for a few calm breaths",
        K.RELEASE: "then come back to face forward",
        K.SWITCH_SIDE: "then the same number to the other side",
    },
    "spinal-torsion": {
        K.PREPARE: "Sit tall on the floor",
        K.INHALE: "Sit tall on the floor",
        K.EXHALE: "put your {side} hand on the floor behind you",
        K.HOLD: "Stay turned for a few calm breaths",
        K.RELEASE: "then unwind to face forward",
        K.SWITCH_SIDE: "Swap legs and arms",
    },
    "hip-bridge": {
        K.PREPARE: "Lie on your back with knees bent",
        K.EXHALE: "raise your hips",
        K.HOLD: "make one straight slope",
        K.INHALE: "then roll down slowly",
    },
    "cat-cow": {
        K.PREPARE: "Come onto your hands and knees",
        K.INHALE: "Cow: breathe in",
        K.EXHALE: "Cat: breathe out",
    },
    "childs-pose": {
        K.PREPARE: "Start on your hands and knees",
        K.EXHALE: "lower your bottom back toward your heels",
        K.HOLD: "Let your belly rest on your thighs",
        K.INHALE: "Come back up to hands and knees",
    },
    "seated-knee-hug": {
        K.PREPARE: "Sit near the front of a steady chair",
        K.INHALE: "Lift your {side} foot and hold that knee",
        K.HOLD: "foot flat on the floor and your back tall",
        K.EXHALE: "lower your foot back to the floor",
        K.SWITCH_SIDE: "then change to the other leg",
    },
    "seated-cat-cow": {
        K.PREPARE: "Sit near the front of a steady chair",
        K.INHALE: "Cow: breathe in",
        K.EXHALE: "Cat: breathe out",
    },
    "seated-forward-bend": {
        K.PREPARE: "Sit near the front of a steady chair",
        K.EXHALE: "Slowly fold forward from your hips",
        K.HOLD: "Let your chest rest toward your thighs",
        K.INHALE: "Come back up slowly",
    },
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def timeline_of(catalog: Catalog, exercise_id: str) -> tuple[PlannedExercise, list[Cue]]:
    exercise = catalog.exercise(exercise_id)
    hold = exercise.dose.hold_seconds.default if exercise.dose.hold_seconds else 0
    item = PlannedExercise(exercise, catalog.position(exercise.position), 2, hold)
    return item, compile_timeline(Routine("one", "One", (item,), rest_seconds=10))


def test_the_table_names_every_exercise(catalog: Catalog) -> None:
    assert set(MOVEMENT_WORDS) == set(catalog.exercises)


@pytest.mark.parametrize("exercise_id", list(MOVEMENT_WORDS))
def test_every_cue_carries_the_step_that_describes_its_movement_on_every_side(
    catalog: Catalog, exercise_id: str
) -> None:
    item, cues = timeline_of(catalog, exercise_id)
    words = MOVEMENT_WORDS[exercise_id]
    first_side = item.sides[0]

    for cue in cues[:-1]:  # the closing cue belongs to no exercise
        assert cue.step is not None, cue
        side = cue.side or first_side
        expected = words[K.PREPARE if cue.kind is K.INSTRUCTION else cue.kind]
        expected = expected.replace("{side}", side.value) if side else expected
        assert expected in cue.step.text, (cue.kind, cue.side, cue.step.text)
        assert cue.step.count == len(item.exercise.steps)
        assert "{" not in cue.step.text and "}" not in cue.step.text


@pytest.mark.parametrize("exercise_id", list(MOVEMENT_WORDS))
def test_the_set_up_step_is_shown_before_the_first_movement(
    catalog: Catalog, exercise_id: str
) -> None:
    _, cues = timeline_of(catalog, exercise_id)
    first_move = next(i for i, cue in enumerate(cues) if cue.kind in MOVE_KINDS)

    getting_ready = cues[:first_move]

    assert [cue.kind for cue in getting_ready] == [K.PREPARE, K.INSTRUCTION]
    set_up = catalog.exercise(exercise_id).setup_step
    assert all(cue.step and cue.step.number == set_up for cue in getting_ready)


def test_the_floor_twist_steps_name_the_side_being_turned_to(catalog: Catalog) -> None:
    _, cues = timeline_of(catalog, "spinal-torsion")

    turns = [cue for cue in cues if cue.kind is K.EXHALE]

    for turn in turns:
        assert turn.side is not None and turn.step is not None
        other = turn.side.other.value
        assert f"turn to the {turn.side.value}" in turn.text
        assert f"Turn your upper body to the {turn.side.value}:" in turn.step.text
        assert f"hook your {other} elbow against the outside of your {turn.side.value} knee." in (
            turn.step.text
        )
    assert {turn.side for turn in turns} == {Side.LEFT, Side.RIGHT}


@pytest.mark.parametrize("exercise_id", list(MOVEMENT_WORDS))
def test_steps_shown_on_the_first_side_read_as_the_listed_steps(
    catalog: Catalog, exercise_id: str
) -> None:
    item, cues = timeline_of(catalog, exercise_id)
    listed = item.exercise.listed_steps

    first_side = [cue for cue in cues if cue.step and cue.side in (None, item.sides[0])]

    assert first_side
    for cue in first_side:
        assert cue.step is not None
        assert cue.step.text == listed[cue.step.number - 1]


def test_rests_and_the_end_carry_no_step_and_the_json_carries_the_step(
    catalog: Catalog,
) -> None:
    twist, bridge = catalog.exercise("seated-back-twist"), catalog.exercise("hip-bridge")
    items = tuple(PlannedExercise(e, catalog.position(e.position), 2, 10) for e in (twist, bridge))
    cues = compile_timeline(Routine("two", "Two", items, rest_seconds=10))
    turn = next(cue for cue in cues if cue.kind is K.EXHALE)

    assert all(cue.step is None for cue in cues if cue.kind in (K.REST, K.FINISH))
    assert turn.to_dict()["step"] == {
        "number": 2,
        "count": 5,
        "text": twist.steps_for(Side.LEFT)[1],
    }
    assert cues[-1].to_dict()["step"] is None
