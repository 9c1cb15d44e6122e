"""The printed handout: steps, breathing line and voice agree on the side and on each step."""

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spinecoach.catalog.loader import load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.catalog.schema import Movement
from spinecoach.coaching.fit_words import left_out_note
from spinecoach.planning import Constraints, plan
from spinecoach.reports.handout import breathing_words, handout_pdf
from spinecoach.timeline import CueKind, compile_timeline
from tests.reports.pages import inked_share, render_pages
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
    assert "Bend your left knee, lift that foot over your right leg" in text
    assert "Turn your upper body to the left: put your left hand on the floor behind you" in text
    assert "hook your right elbow against the outside of your left knee." in text
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


def sides_named(text: str) -> list[str]:
    """Return every 'left' and 'right' a text names, in order."""
    return [side.lower() for side in re.findall(r"\b(left|right)\b", text, re.IGNORECASE)]


@pytest.mark.parametrize("exercise_id", sorted(load_catalog().exercises))
def test_steps_breathing_line_and_voice_name_the_same_side_first(exercise_id: str) -> None:
    routine = routine_of(exercise_id)
    (item,) = routine.items
    cues = compile_timeline(routine)
    first = item.sides[0].value if item.sides[0] else None

    steps = [sides_named(step) for step in item.exercise.listed_steps]
    breathing = sides_named(breathing_words(item, cues))
    spoken = [side for cue in cues for side in sides_named(cue.text)]
    _, text = text_of(handout_pdf(routine, NOW))
    printed = sides_named(text.split(f"1. {item.exercise.name}")[1])

    if first is None:  # both sides work together: nothing may name one
        assert not any(steps) and not breathing and not spoken and not printed
        return
    named = [side for step in steps for side in step]
    assert named[:1] == breathing[:1] == spoken[:1] == printed[:1] == [first], (
        named,
        breathing,
        spoken,
        printed,
    )
    # A step that names both sides names the side done first before the other one.
    assert all(step[0] == first for step in steps if len(set(step)) == 2), steps


def test_the_stretches_the_planner_left_out_are_named_with_why() -> None:
    routine = plan(
        Constraints(routine="all-six", avoid=frozenset({Movement.TWISTING})),
        [],
        NOW.date(),
        load_catalog(),
    )
    notes = [left_out_note(item) for item in routine.left_out]

    _, text = text_of(handout_pdf(routine, NOW, left_out=notes))
    _, plain = text_of(handout_pdf(routine, NOW))

    assert notes, "avoiding twisting leaves the twists out"
    assert "Left out for now" in text and "Left out for now" not in plain
    for note in notes:
        assert note in text


def test_the_handout_renders_to_full_pages_with_every_font_embedded(tmp_path: Path) -> None:
    routine = plan(Constraints(routine="all-six"), [], NOW.date(), load_catalog())
    pdf = handout_pdf(routine, NOW)

    pages = render_pages(pdf, tmp_path, "handout")
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "handout.pdf")],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.splitlines()[2:]

    assert 2 <= len(pages) <= 4
    # An exercise is never split over two pages, so a page may end early, but never by half.
    for number, page in enumerate(pages[:-1], start=1):
        assert inked_share(page) > 0.6, f"page {number} of {len(pages)} is mostly blank"
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
