"""Every figure as a patient sees it: real Chromium at 120 px (a phone thumbnail) and 600 px.

The screenshots stay in memory; set SPINECOACH_FIGURE_SHOTS to a folder to save them there as
PNG files to look at. Each still and several frames of each animation are checked
for what survives at thumbnail size: both limb colours, a body of real size, and the right
side drawn as the exact mirror image of the left.
"""

import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser

from spinecoach.figures.drawings import figure_svg
from spinecoach.figures.library import pose_file, pose_files
from spinecoach.figures.motion import animation_svg
from spinecoach.figures.svg import COLOURS

pytestmark = pytest.mark.browser

SIZES = (120, 600)
FRAMES = 6  # moments of each animation, evenly spread over one loop
# Every figure of one width on one page, each in a cell of whole pixels (so none is drawn at a
# fraction of a pixel), shot once per animation frame and cut apart: a dozen screenshots
# instead of one per figure and frame, which took most of this module's minute and a half.
GRID = """(width) => {
  const cells = [...document.querySelectorAll('.cell')];
  const heights = cells.map(cell => cell.firstElementChild.getBoundingClientRect().height);
  const height = Math.ceil(Math.max(...heights));
  const columns = Math.max(1, Math.floor(4000 / width));
  cells.forEach((cell, index) => {
    cell.style.left = `${(index % columns) * width}px`;
    cell.style.top = `${Math.floor(index / columns) * height}px`;
  });
  document.body.style.width = `${columns * width}px`;
  document.body.style.height = `${Math.ceil(cells.length / columns) * height}px`;
  return cells.map(cell => {
    const box = cell.firstElementChild.getBoundingClientRect();
    return [box.x, box.y, box.width, box.height];
  });
}"""
SEEK = """(fraction) => {
  for (const svg of document.querySelectorAll('svg')) {
    const animations = [...svg.querySelectorAll('animate')];
    if (animations.length === 0) continue;
    svg.pauseAnimations();
    svg.setCurrentTime(Math.max(...animations.map(a => a.getSimpleDuration())) * fraction);
  }
}"""


@dataclass(frozen=True)
class Shot:
    """One screenshot: which figure, which moment, at what width, and its RGB pixels."""

    exercise: str
    pose: str
    side: str | None
    frame: int | None
    width: int
    rgb: np.ndarray = field(repr=False, compare=False)  # height x width x 3, uint8

    @property
    def pixels(self) -> np.ndarray:
        """Return the pixels as signed numbers, so two shots can be subtracted."""
        return self.rgb.astype(np.int16)

    @property
    def label(self) -> str:
        frame = None if self.frame is None else f"f{self.frame}"
        parts = (str(self.width), self.exercise, self.pose, self.side, frame)
        return "-".join(part for part in parts if part)


def _figures() -> list[tuple[str, str, str | None, str]]:
    """Return (exercise, pose or 'moving', side, SVG) for every still and animation."""
    drawn = []
    for exercise_id, poses in pose_files().items():
        for side in ["left", "right"] if poses.drawn_side else [None]:
            for pose in poses.poses:
                drawn.append(
                    (exercise_id, pose.name, side, figure_svg(exercise_id, pose.name, side))
                )
            drawn.append((exercise_id, "moving", side, animation_svg(exercise_id, side)))
    return drawn


@pytest.fixture(scope="module")
def shots(browser: Browser) -> dict[str, Shot]:
    """Screenshot every figure at each size, once for the module."""
    keep = os.environ.get("SPINECOACH_FIGURE_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 640, "height": 640})
    figures = _figures()
    stills = [figure for figure in figures if figure[1] != "moving"]
    animations = [figure for figure in figures if figure[1] == "moving"]
    taken: dict[str, Shot] = {}
    for width in SIZES:
        for group, frames in ((stills, [None]), (animations, list(range(FRAMES)))):
            sized = [svg.replace("<svg ", f'<svg width="{width}" ', 1) for *_, svg in group]
            cells = "".join(
                f"<div class='cell' style='position:absolute'>{svg}</div>" for svg in sized
            )
            page.set_content(f"<!doctype html><body style='margin:0'>{cells}</body>")
            boxes = page.evaluate(GRID, width)
            for frame in frames:
                if frame is not None:
                    page.evaluate(SEEK, frame / FRAMES)
                with Image.open(io.BytesIO(page.screenshot(full_page=True))) as shot_png:
                    whole = shot_png.convert("RGB")
                for (exercise_id, pose, side, _), (x, y, w, h) in zip(group, boxes, strict=True):
                    # Cut as Playwright cuts an element's screenshot: outward to whole pixels.
                    box = (math.floor(x), math.floor(y), math.ceil(x + w), math.ceil(y + h))
                    cut = np.asarray(whole.crop(box))
                    shot = Shot(exercise_id, pose, side, frame, width, cut)
                    taken[shot.label] = shot
                    if keep:
                        whole.crop(box).save(Path(keep) / f"{shot.label}.png")
    page.close()
    return taken


def share_of(image: np.ndarray, colour: str, tolerance: int = 24) -> float:
    """Return the share of pixels within `tolerance` of a colour on every channel."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return float((np.abs(image - rgb).max(axis=2) <= tolerance).mean())


def test_every_still_and_animation_frame_was_shot_at_both_sizes(shots: dict[str, Shot]) -> None:
    stills = sum(len(p.poses) * (2 if p.drawn_side else 1) for p in pose_files().values())
    animations = sum(2 if p.drawn_side else 1 for p in pose_files().values())

    assert len(shots) == len(SIZES) * (stills + animations * FRAMES)
    assert {shot.width for shot in shots.values()} == set(SIZES)
    assert all(shot.rgb.shape[1] == shot.width for shot in shots.values())


def test_at_120_px_the_body_is_big_enough_and_near_and_far_limbs_both_show(
    shots: dict[str, Shot],
) -> None:
    """A thumbnail must show a body, not a speck, with near and far limbs told apart."""
    faint = {}
    for label, shot in shots.items():
        if shot.width != 120:
            continue
        image = shot.pixels
        body = sum(share_of(image, colour) for colour in COLOURS.values())
        near, far = share_of(image, COLOURS["near"]), share_of(image, COLOURS["far"])
        if body < 0.07 or near < 0.01 or far < 0.004:
            faint[label] = (round(body, 3), round(near, 3), round(far, 3))

    assert faint == {}


@pytest.mark.parametrize("width", SIZES)
def test_the_right_side_is_the_mirror_image_of_the_left(shots: dict[str, Shot], width: int) -> None:
    compared, different = 0, {}
    for label, left in shots.items():
        if left.side != "left" or left.width != width:
            continue
        right = shots[label.replace("-left", "-right")]
        flipped = right.pixels[:, ::-1]
        original = left.pixels
        compared += 1
        assert flipped.shape == original.shape, label
        # Anti-aliasing may differ by a shade along edges; shapes may not.
        off = float((np.abs(flipped - original).max(axis=2) > 60).mean())
        if off > 0.003:
            different[label] = round(off, 4)

    assert compared >= 20
    assert different == {}


def test_every_key_pose_looks_different_from_the_pose_it_is_built_on(
    shots: dict[str, Shot],
) -> None:
    """A key pose that changes joints must change the picture ("tall" is not "start")."""
    alike = []
    for exercise_id, poses in pose_files().items():
        side = "-left" if poses.drawn_side else ""
        for pose in poses.poses:
            changes = pose.joints.model_dump(exclude_none=True) or pose.root.model_dump(
                exclude_none=True
            )
            if pose.base is None or not changes:
                continue
            one = shots[f"600-{exercise_id}-{pose.name}{side}"].pixels
            two = shots[f"600-{exercise_id}-{pose.base}{side}"].pixels
            if one.shape == two.shape and float((np.abs(one - two).max(axis=2) > 60).mean()) < 0.01:
                alike.append(f"{exercise_id}: {pose.name} = {pose.base}")

    assert alike == []


def test_animations_move_and_come_back_to_where_they_started(shots: dict[str, Shot]) -> None:
    still = []
    for exercise_id, poses in pose_files().items():
        side = "-left" if poses.drawn_side else ""
        frames = [shots[f"600-{exercise_id}-moving{side}-f{i}"].pixels for i in range(FRAMES)]
        changed = max(float((np.abs(f - frames[0]).max(axis=2) > 60).mean()) for f in frames)
        if changed < 0.02:
            still.append(exercise_id)
        assert pose_file(exercise_id).poses[0].cue == "prepare"

    assert still == []
