"""The words beside the cue: the step the cue performs, cautions before it starts, what is next."""

from spinecoach.catalog.loader import load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.cli.player_guide import cautions_text, guide_text, next_up_text
from spinecoach.timeline import Cue, CueKind, compile_timeline
from tests.cli.player_demo import short_routine
from tests.cli.player_screen import screen_after

ROUTINE = short_routine(2)
CUES = compile_timeline(ROUTINE)
KNEE = ROUTINE.items[0].exercise
NAMES = {"knee-to-chest": "Knee to chest", "cat-cow": "Cat and cow"}


def seated_back_twist() -> Routine:
    catalog = load_catalog()
    twist = catalog.exercise("seated-back-twist")
    item = PlannedExercise(twist, catalog.position(twist.position), 5, 10)
    return Routine("twist", "Twist", (item,), rest_seconds=10)


def first(cues: list[Cue], kind: CueKind) -> int:
    return next(index for index, cue in enumerate(cues) if cue.kind is kind)


def test_cautions_are_shown_while_getting_ready_and_the_set_up_step_after() -> None:
    prepare, instruction = CUES[0], CUES[1]

    assert guide_text(prepare, KNEE) == cautions_text(KNEE)
    assert all(caution.advice in cautions_text(KNEE) for caution in KNEE.cautions)
    assert guide_text(instruction, KNEE) == f"Step 1 of 6: {KNEE.steps[0].text}"


def test_each_cue_shows_the_step_it_carries() -> None:
    moves = [cue for cue in CUES if cue.exercise == KNEE.id and cue.repetition is not None]

    for cue in moves:
        assert cue.step is not None
        assert guide_text(cue, KNEE) == f"Step {cue.step.number} of 6: {cue.step.text}"


def test_seated_twist_shows_where_the_hands_go_during_the_first_turn() -> None:
    routine = seated_back_twist()
    cues = compile_timeline(routine)
    turn = first(cues, CueKind.EXHALE)

    screen = screen_after(routine, [], (100, 30), turn)
    back_to_middle = screen_after(routine, [], (100, 30), first(cues, CueKind.RELEASE))

    assert "Breathe out and turn to the left." in screen
    assert "Step 2 of 5: Reach both arms behind you to the left" in screen
    assert "Come back to the middle." in back_to_middle
    assert "Step 3 of 5: Stay turned for a few calm breaths" in back_to_middle


def test_no_guidance_during_a_rest() -> None:
    rest = next(cue for cue in CUES if cue.kind is CueKind.REST)

    assert guide_text(rest, None) == ""


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
    assert next_up_text(CUES[rest], CUES[rest + 1], NAMES) == ""  # the rest names it
    assert CUES[rest].text == "Rest. Next: Cat and cow."
    assert next_up_text(CUES[-2], CUES[-1], NAMES) == "Next: the end of the routine"
    assert next_up_text(CUES[-1], None, NAMES) == "Next: the end of the routine"


def test_a_rest_says_next_once() -> None:
    rest = screen_after(ROUTINE, ["right"], (80, 24))

    assert rest.count("Next:") == 1
    assert "Start position for" in " ".join(rest.split())


def test_the_quit_question_mentions_ctrl_c_only_when_ctrl_c_opened_it() -> None:
    by_q = " ".join(screen_after(ROUTINE, ["q"], (80, 24)).split())
    by_ctrl_c = " ".join(screen_after(ROUTINE, ["ctrl+c"], (80, 24)).split())

    assert "End the session now?" in by_q and "Ctrl+C" not in by_q
    assert "Ctrl+C again also ends it" in by_ctrl_c


def test_every_figure_caption_fits_its_two_rows_at_any_width() -> None:
    import textwrap

    from spinecoach.cli.player_figure import CAPTION_ROWS, figure_caption

    for exercise in load_catalog().exercises:
        for width in range(20, 61):
            caption = figure_caption(exercise, width)
            assert len(textwrap.wrap(caption, width)) <= CAPTION_ROWS, (exercise, width)
