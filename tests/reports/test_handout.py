"""The printed handout: steps, breathing line and voice agree on the side and on each step."""

from datetime import UTC, datetime

from spinecoach.catalog.loader import load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.reports.handout import breathing_words, handout_pdf
from spinecoach.timeline import CueKind, compile_timeline
from tests.reports.test_pdf import text_of

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def routine_of(*exercise_ids: str) -> Routine:
    catalog = load_catalog()
    items = []
    for exercise_id in exercise_ids:
        exercise = catalog.exercise(exercise_id)
        hold = 20 if exercise.dose.hold_seconds else 0
        items.append(PlannedExercise(exercise, catalog.position(exercise.position), 2, hold))
    return Routine("sheet", "Sheet", tuple(items), rest_seconds=10)


def test_floor_twist_steps_breathing_and_voice_all_turn_left_first() -> None:
    routine = routine_of("spinal-torsion")
    cues = compile_timeline(routine)
    first_turn = next(cue for cue in cues if cue.kind is CueKind.EXHALE)

    _, text = text_of(handout_pdf(routine, NOW))

    assert first_turn.text == "Breathe out and turn to the left."
    assert "Hook your right elbow against the outside of your left knee" in text
    assert "turn your upper body to the left." in text
    assert "Breathe out and turn to the left (out, 4 s, step 3)." in text
    assert "Then the same on the right side." in text
    assert "to the right" not in text


def test_breathing_line_names_the_step_each_phase_performs() -> None:
    routine = routine_of("seated-back-twist", "cat-cow")
    cues = compile_timeline(routine)

    twist, cat_cow = (breathing_words(item, cues) for item in routine.items)

    assert twist == (
        "Breathe in and sit tall (in, 3 s, step 1). "
        "Breathe out and turn to the left (out, 4 s, step 2). "
        "Hold and keep breathing (hold, 20 s, step 3). "
        "Come back to the middle (release, 3 s, step 3). "
        "Then the same on the right side."
    )
    assert cat_cow == (
        "Breathe in: belly down, chin up (in, 4 s, step 2). "
        "Breathe out: round your back, chin down (out, 4 s, step 3)."
    )
