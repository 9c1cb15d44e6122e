"""The words beside the cue: steps of the exercise, cautions before it starts, what is next."""

from spinecoach.cli.player_guide import cautions_text, guide_text, next_up_text, step_at
from spinecoach.playback import exercise_blocks
from spinecoach.timeline import CueKind, compile_timeline
from tests.cli.player_demo import short_routine

ROUTINE = short_routine(2)
CUES = compile_timeline(ROUTINE)
BLOCKS = exercise_blocks(CUES)
KNEE = ROUTINE.items[0].exercise
NAMES = {"knee-to-chest": "Knee to chest", "cat-cow": "Cat and cow"}


def test_cautions_are_shown_while_getting_ready_and_steps_after() -> None:
    prepare, instruction = CUES[0], CUES[1]

    assert guide_text(prepare, KNEE, CUES, BLOCKS[0]) == cautions_text(KNEE)
    assert all(caution.advice in cautions_text(KNEE) for caution in KNEE.cautions)
    assert guide_text(instruction, KNEE, CUES, BLOCKS[0]).startswith("Step 1 of 6: ")


def test_steps_advance_through_the_exercise_from_the_first_to_the_last() -> None:
    block = BLOCKS[0]
    shown = [step_at(KNEE, CUES, block, cue.at) for cue in CUES[block.first + 1 : block.last + 1]]
    numbers = [int(text.split()[1]) for text in shown]

    assert numbers == sorted(numbers)
    assert numbers[0] == 1 and numbers[-1] == len(KNEE.steps)
    assert shown[0].endswith(KNEE.steps[0].text)


def test_no_guidance_during_a_rest() -> None:
    rest = next(cue for cue in CUES if cue.kind is CueKind.REST)

    assert guide_text(rest, None, CUES, None) == ""


def test_next_names_the_very_next_cue_not_the_next_rest() -> None:
    inhale = next(i for i, cue in enumerate(CUES) if cue.kind is CueKind.INHALE)
    hold, exhale = CUES[inhale + 1], CUES[inhale + 2]

    assert next_up_text(CUES[inhale], hold, NAMES) == "Next: hold for 10 seconds"
    assert next_up_text(hold, exhale, NAMES) == f"Next: {exhale.text}"


def test_next_names_a_rest_a_side_switch_the_next_exercise_and_the_end() -> None:
    rest = next(i for i, cue in enumerate(CUES) if cue.kind is CueKind.REST)
    switch = next(i for i, cue in enumerate(CUES) if cue.kind is CueKind.SWITCH_SIDE)

    assert next_up_text(CUES[rest - 1], CUES[rest], NAMES) == "Next: a 5-second rest"
    assert next_up_text(CUES[switch - 1], CUES[switch], NAMES) == "Next: switch to the right side"
    assert next_up_text(CUES[rest], CUES[rest + 1], NAMES) == "Next: Cat and cow"
    assert next_up_text(CUES[-2], CUES[-1], NAMES) == "Next: the end of the routine"
    assert next_up_text(CUES[-1], None, NAMES) == "Next: the end of the routine"
