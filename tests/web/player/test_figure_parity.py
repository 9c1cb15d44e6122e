"""The browser's figure.js draws exactly the outlines figures/frame_outlines.py defines."""

import random
from dataclasses import asdict
from itertools import pairwise

import pytest
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
