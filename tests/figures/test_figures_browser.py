"""Every figure as a patient sees it: real Chromium at 120 px (a phone thumbnail) and 600 px.

The screenshots are saved under the test's temporary folder; set SPINECOACH_FIGURE_SHOTS to a
folder to keep a copy to look at. Each still and several frames of each animation are checked
for what survives at thumbnail size: both limb colours, a body of real size, and the right
side drawn as the exact mirror image of the left.
"""

import os
import shutil
from dataclasses import dataclass
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
SEEK = """(fraction) => {
  const svg = document.querySelector('svg');
  svg.pauseAnimations();
  const longest = Math.max(...[...svg.querySelectorAll('animate')].map(a => a.getSimpleDuration()));
  svg.setCurrentTime(longest * fraction);
}"""


@dataclass(frozen=True)
class Shot:
    """One screenshot: which figure, which moment, at what width, and where it is saved."""

    exercise: str
    pose: str
    side: str | None
    frame: int | None
    width: int
    path: Path

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
def shots(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Shot]:
    """Screenshot every figure at each size, once for the module."""
    folder = tmp_path_factory.mktemp("figure-shots")
    page = browser.new_page(viewport={"width": 640, "height": 640})
    taken: dict[str, Shot] = {}
    for exercise_id, pose, side, svg in _figures():
        for width in SIZES:
            sized = svg.replace("<svg ", f'<svg width="{width}" ', 1)
            page.set_content(f"<!doctype html><body style='margin:0'>{sized}</body>")
            for frame in range(FRAMES) if pose == "moving" else [None]:
                if frame is not None:
                    page.evaluate(SEEK, frame / FRAMES)
                shot = Shot(exercise_id, pose, side, frame, width, Path())
                path = folder / f"{shot.label}.png"
                page.locator("svg").screenshot(path=str(path))
                taken[shot.label] = Shot(exercise_id, pose, side, frame, width, path)
    keep = os.environ.get("SPINECOACH_FIGURE_SHOTS")
    if keep:
        shutil.copytree(folder, keep, dirs_exist_ok=True)
    return taken


def pixels(shot: Shot) -> np.ndarray:
    with Image.open(shot.path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def share_of(image: np.ndarray, colour: str, tolerance: int = 24) -> float:
    """Return the share of pixels within `tolerance` of a colour on every channel."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return float((np.abs(image - rgb).max(axis=2) <= tolerance).mean())


def test_every_still_and_animation_frame_was_shot_at_both_sizes(shots: dict[str, Shot]) -> None:
    stills = sum(len(p.poses) * (2 if p.drawn_side else 1) for p in pose_files().values())
    animations = sum(2 if p.drawn_side else 1 for p in pose_files().values())

    assert len(shots) == len(SIZES) * (stills + animations * FRAMES)
    assert {shot.width for shot in shots.values()} == set(SIZES)
    with Image.open(next(iter(shots.values())).path) as first:
        assert first.width == SIZES[0]


def test_at_120_px_the_body_is_big_enough_and_near_and_far_limbs_both_show(
    shots: dict[str, Shot],
) -> None:
    """A thumbnail must show a body, not a speck, with near and far limbs told apart."""
    faint = {}
    for label, shot in shots.items():
        if shot.width != 120:
            continue
        image = pixels(shot)
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
        flipped = pixels(right)[:, ::-1]
        original = pixels(left)
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
            one = pixels(shots[f"600-{exercise_id}-{pose.name}{side}"])
            two = pixels(shots[f"600-{exercise_id}-{pose.base}{side}"])
            if one.shape == two.shape and float((np.abs(one - two).max(axis=2) > 60).mean()) < 0.01:
                alike.append(f"{exercise_id}: {pose.name} = {pose.base}")

    assert alike == []


def test_animations_move_and_come_back_to_where_they_started(shots: dict[str, Shot]) -> None:
    still = []
    for exercise_id, poses in pose_files().items():
        side = "-left" if poses.drawn_side else ""
        frames = [pixels(shots[f"600-{exercise_id}-moving{side}-f{i}"]) for i in range(FRAMES)]
        changed = max(float((np.abs(f - frames[0]).max(axis=2) > 60).mean()) for f in frames)
        if changed < 0.02:
            still.append(exercise_id)
        assert pose_file(exercise_id).poses[0].cue == "prepare"

    assert still == []
