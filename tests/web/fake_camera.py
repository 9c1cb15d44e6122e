"""A fake camera for Chromium: a 640x480 video made from a real photograph of a person.

The photograph is scikit-image's `astronaut.png` (skimage/data/, shipped in the scikit-image
wheel on PyPI): NASA's portrait of astronaut Eileen Collins, which scikit-image's
`skimage.data.astronaut` documents as "No known copyright restrictions, released into the
public domain". It shows her from the head to the waist, facing the camera: the head (nose,
eyes, ears, mouth) and both shoulders are in the picture; elbows and hands are at its lower
edge, half hidden by the suit and helmet; hips, knees, ankles and feet are not in it.
"""

import importlib.util
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PIL import Image
from playwright.sync_api import Browser, BrowserType, sync_playwright

from tests.browser import CHROMIUM, QUIET_FLAGS

WIDTH, HEIGHT = 640, 480
BACKGROUND = (128, 128, 128)


def astronaut_photo() -> Path:
    """Return the path of scikit-image's astronaut photograph (found without importing skimage)."""
    spec = importlib.util.find_spec("skimage")
    assert spec and spec.origin, "scikit-image is missing: run `make install` (a dev dependency)"
    return Path(spec.origin).parent / "data" / "astronaut.png"


def camera_picture(photo: Path) -> np.ndarray:
    """Return the photograph scaled to the frame's height, centred on grey, as RGB bytes."""
    with Image.open(photo) as opened:
        picture = opened.convert("RGB")
    scale = HEIGHT / picture.height
    picture = picture.resize((round(picture.width * scale), HEIGHT), Image.Resampling.LANCZOS)
    frame = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    frame.paste(picture, ((WIDTH - picture.width) // 2, 0))
    return np.asarray(frame, dtype=np.float64)


def to_yuv420(rgb: np.ndarray) -> bytes:
    """Convert RGB to full-range BT.601 Y'CbCr 4:2:0 planes, as Y4M's C420jpeg stores them."""
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    luma = 0.299 * red + 0.587 * green + 0.114 * blue
    blue_diff = 128 - 0.168736 * red - 0.331264 * green + 0.5 * blue
    red_diff = 128 + 0.5 * red - 0.418688 * green - 0.081312 * blue

    def half(plane: np.ndarray) -> np.ndarray:
        return plane.reshape(HEIGHT // 2, 2, WIDTH // 2, 2).mean(axis=(1, 3))

    planes = (luma, half(blue_diff), half(red_diff))
    return b"".join(np.clip(np.rint(p), 0, 255).astype(np.uint8).tobytes() for p in planes)


def write_fake_camera_video(path: Path, photo: Path | None = None, frames: int = 30) -> Path:
    """Write a 640x480, 30 fps Y4M video of the photograph (Chromium loops it) and return path."""
    frame = to_yuv420(camera_picture(photo or astronaut_photo()))
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F30:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + b"".join(b"FRAME\n" + frame for _ in range(frames)))
    return path


def fake_camera_flags(video: Path | None) -> list[str]:
    """Return Chromium's flags for a camera that plays the video (or Chromium's moving test
    pattern without one), allowed without asking."""
    return [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        *([f"--use-file-for-fake-video-capture={video}"] if video else []),
        # No GPU here: the model's WebGL runs on SwiftShader, which Chromium now wants asked for
        # (Playwright passes it too; said here so the tests do not depend on that).
        "--enable-unsafe-swiftshader",
    ]


def launch_with_fake_camera(
    browser_type: BrowserType, video: Path | None = None, extra_args: Sequence[str] = ()
) -> Browser:
    """Launch headless Debian Chromium whose only camera plays the video (or a test pattern).

    Tests pass the running module browser's `browser_type`: Playwright's sync API allows one
    Playwright per thread, so a second `sync_playwright()` would fail.
    """
    return browser_type.launch(
        executable_path=CHROMIUM, args=[*QUIET_FLAGS, *fake_camera_flags(video), *extra_args]
    )


@contextmanager
def chromium_with_fake_camera(video: Path) -> Iterator[Browser]:
    """Start Playwright and Chromium with the fake camera (for scripts); close both afterwards."""
    with sync_playwright() as playwright:
        browser = launch_with_fake_camera(playwright.chromium, video)
        try:
            yield browser
        finally:
            browser.close()
