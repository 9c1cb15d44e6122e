"""The browser's figure.js draws exactly the outlines figures/frame_outlines.py defines."""

import io
import random
from dataclasses import asdict
from itertools import pairwise

import pytest
from PIL import Image
from playwright.sync_api import Page

from spinecoach.figures.frame_outlines import outlines_at
from spinecoach.figures.frames import FigureFrames, figure_frames
from spinecoach.figures.library import pose_files
from spinecoach.figures.outline import number

pytestmark = pytest.mark.browser

FIGURES = [
    (exercise, side)
    for exercise, poses in sorted(pose_files().items())
    for side in (["left", "right"] if poses.drawn_side else [None])
]
# The player's own phases for each figure: a short start, then one repetition (holds short).
PLAYER_PHASES = {
    "cat-cow": [("prepare", 0.5), ("inhale", 4.0), ("exhale", 4.0)],
    "childs-pose": [("prepare", 0.5), ("exhale", 4.0), ("hold", 1.0), ("inhale", 4.0)],
    "hip-bridge": [("prepare", 0.5), ("exhale", 3.0), ("hold", 1.0), ("inhale", 3.0)],
    "knee-to-chest": [("prepare", 0.5), ("inhale", 4.0), ("hold", 1.0), ("exhale", 4.0)],
    "seated-back-twist": [
        ("prepare", 0.5),
        ("inhale", 3.0),
        ("exhale", 4.0),
        ("hold", 1.0),
        ("release", 3.0),
    ],
    "spinal-torsion": [
        ("prepare", 0.5),
        ("inhale", 3.0),
        ("exhale", 4.0),
        ("hold", 1.0),
        ("release", 3.0),
    ],
    "seated-knee-hug": [("prepare", 0.5), ("inhale", 4.0), ("hold", 1.0), ("exhale", 4.0)],
    "seated-cat-cow": [("prepare", 0.5), ("inhale", 4.0), ("exhale", 4.0)],
    "seated-forward-bend": [("prepare", 0.5), ("exhale", 4.0), ("hold", 1.0), ("inhale", 4.0)],
}

JS_OUTLINES = """
async ({text, times}) => {
  const {outlinesAt, decode} = await import("/static/player/figure.js");
  const data = JSON.parse(text);
  const samples = decode(data);
  return times.map((t) => outlinesAt(data, t, samples));
}
"""


def moments(data: FigureFrames, seed: int) -> list[float]:
    """Return times to compare: every sample, between samples, at random, before and after."""
    rng = random.Random(seed)
    times = list(data.times)
    times += [(a + b) / 2 for a, b in pairwise(data.times)]
    times += [a + (b - a) * rng.random() for a, b in pairwise(data.times)]
    times += [rng.uniform(0.0, data.times[-1]) for _ in range(20)]
    return [*times, -1.0, data.times[-1] + 0.001, data.times[-1] + 60.0]


@pytest.mark.parametrize(("exercise_id", "side"), FIGURES)
def test_every_moment_draws_the_same_paths_in_chromium_as_in_python(
    blank_page: Page, exercise_id: str, side: str | None
) -> None:
    cases = [figure_frames(exercise_id, side, PLAYER_PHASES[exercise_id])]
    cases.append(figure_frames(exercise_id, side))  # the preview loop: other phases and holds

    for seed, data in enumerate(cases):
        times = moments(data, seed)
        expected = [asdict(outlines_at(data, t)) for t in times]

        drawn = blank_page.evaluate(JS_OUTLINES, {"text": data.model_dump_json(), "times": times})

        for t, mine, theirs in zip(times, drawn, expected, strict=True):
            python = {
                "span": theirs["span"],
                "paths": list(theirs["paths"]),
                "face": theirs["face"],
                "faceShown": theirs["face_shown"],
            }
            assert mine == python, f"{exercise_id} {side} at {t} s"


def test_coordinates_are_written_as_python_writes_them(blank_page: Page) -> None:
    values = [0.25, 0.75, -0.25, -0.75, 1.25, 0.05, -0.04, -0.0, 0.0, 12.35, -7.45, 99.95]

    written = blank_page.evaluate(
        """async (values) => {
          const {number} = await import("/static/player/figure.js");
          return values.map(number);
        }""",
        values,
    )

    assert written == [number(v) for v in values]


# One at a time: the flipped figure and the one made for that side share their element ids.
SHOW = """
async ({text, side, seconds}) => {
  const {Figure} = await import("/static/player/figure.js");
  const figure = new Figure(JSON.parse(text), side);
  figure.draw(seconds);
  figure.svg.setAttribute("width", "400");
  figure.svg.setAttribute("height", "300");
  document.body.style.margin = "0";
  document.body.replaceChildren(figure.svg);
  return figure.svg.querySelector("title").textContent;
}
"""


def picture(page: Page, data: FigureFrames, side: str, seconds: float) -> tuple[str, bytes]:
    """Draw a figure alone on the page; return its title and its pixels in grey."""
    shown = {"text": data.model_dump_json(), "side": side, "seconds": seconds}
    title: str = page.evaluate(SHOW, shown)
    shot = page.locator("svg").screenshot()
    return title, Image.open(io.BytesIO(shot)).convert("L").tobytes()


@pytest.mark.parametrize("exercise_id", [exercise for exercise, side in FIGURES if side == "left"])
def test_the_other_side_drawn_flipped_is_the_picture_made_for_that_side(
    blank_page: Page, exercise_id: str
) -> None:
    phases = PLAYER_PHASES[exercise_id]
    drawn = figure_frames(exercise_id, "left", phases)
    other = figure_frames(exercise_id, "right", phases)
    assert drawn.other_side is not None
    blank_page.set_viewport_size({"width": 400, "height": 300})

    for seconds in (0.0, 2.0, 5.5):
        title, flipped = picture(blank_page, drawn, "right", seconds)
        made_title, made = picture(blank_page, other, "right", seconds)

        assert title == made_title == drawn.other_side.title
        differing = sum(1 for a, b in zip(flipped, made, strict=True) if abs(a - b) > 48)
        assert differing / len(made) < 0.002, f"{exercise_id} at {seconds} s: {differing} px"
        assert sum(1 for value in made if value < 200) > 2000  # a figure was drawn
