"""The real pose model in Chromium: served by the app, fed by a fake camera, no network.

The camera plays a video made from a real photograph (scikit-image's astronaut.png, NASA, public
domain: see tests/web/fake_camera.py), so these tests see the model's real output, but only for
what that photograph shows: a head and shoulders facing the camera, no hips, knees or feet.
"""

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, Route

from tests.browser import CHROMIUM, QUIET_FLAGS
from tests.web.conftest import start_server
from tests.web.fake_camera import launch_with_fake_camera, write_fake_camera_video
from tests.web.pages_helpers import watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
# The form rules' own landmark file: the names the model's output must carry, and "seen".
LANDMARKS = yaml.safe_load((ROOT / "src/spinecoach/catalog/data/poses/_landmarks.yaml").read_text())
MODEL_SECONDS = 180
# Open the camera, load the model, and run it on a few live frames; return what it saw.
CAMERA_SESSION = """async (frameCount) => {
  const { loadPoseModel } = await import("/static/camera/pose.js");
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const video = document.createElement("video");
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  const model = await loadPoseModel();
  const frames = [];
  for (let i = 0; i < frameCount; i++) frames.push(await model.detect(video, performance.now()));
  await model.close();
  stream.getTracks().forEach((track) => track.stop());
  return { width: video.videoWidth, height: video.videoHeight, frames };
}"""
HEAD_AND_SHOULDERS = [
    "nose",
    "left_eye",
    "right_eye",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
]
# Far below the photo's lower edge. (The model guesses hips and knees just below it and calls
# them seen; nothing here relies on those guesses.)
NOT_IN_PHOTO = ["left_ankle", "right_ankle", "left_heel", "right_heel"]


@pytest.fixture(scope="module")
def fake_camera_browser(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """Chromium whose camera plays the astronaut photograph at 640x480."""
    video = write_fake_camera_video(tmp_path_factory.mktemp("camera") / "astronaut.y4m")
    camera_browser = launch_with_fake_camera(browser.browser_type, video)
    try:
        yield camera_browser
    finally:
        camera_browser.close()


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    """The real app on a temporary database."""
    server = start_server(str(tmp_path / "web.db"), tmp_path / "server.log")
    try:
        yield server.url
    finally:
        server.stop()


@dataclass
class OfflinePage:
    """A page on the app, and the requests to other origins that were aborted."""

    page: Page
    origin: str
    elsewhere: list[str]


@pytest.fixture
def offline(fake_camera_browser: Browser, app_url: str) -> Iterator[OfflinePage]:
    """A page on the app where every request to another origin is aborted and recorded."""
    context = fake_camera_browser.new_context()
    elsewhere: list[str] = []

    def only_our_origin(route: Route) -> None:
        if route.request.url.startswith(app_url + "/"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_our_origin)
    page = context.new_page()
    page.set_default_timeout(MODEL_SECONDS * 1000)
    page.goto(app_url + "/")
    try:
        yield OfflinePage(page, app_url, elsewhere)
    finally:
        context.close()


def visible(frame: dict[str, Any], name: str) -> bool:
    """Tell whether the model says it sees the landmark (visibility >= the rules' threshold)."""
    return bool(frame["landmarks"][name][3] >= LANDMARKS["min_visibility"])


def test_model_served_by_the_app_finds_the_person_with_every_other_origin_cut_off(
    offline: OfflinePage,
) -> None:
    page = offline.page
    refused = watch_csp(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    seen = page.evaluate(CAMERA_SESSION, 4)

    assert offline.elsewhere == []
    assert requested and all(url.startswith(offline.origin + "/") for url in requested)
    assert any("/static/vendor/pose/pose_landmark_lite.tflite" in url for url in requested)
    assert refused == []
    assert (seen["width"], seen["height"]) == (640, 480)
    assert all(frame is not None for frame in seen["frames"])
    frame = seen["frames"][-1]
    assert len(frame["image"]) == 33
    assert set(frame["landmarks"]) == set(LANDMARKS["landmarks"])
    assert [name for name in HEAD_AND_SHOULDERS if not visible(frame, name)] == []
    assert [name for name in NOT_IN_PHOTO if visible(frame, name)] == []


def test_landmarks_fall_where_the_photograph_shows_them(
    offline: OfflinePage,
) -> None:
    page = offline.page

    frame = page.evaluate(CAMERA_SESSION, 3)["frames"][-1]

    names = LANDMARKS["landmarks"]
    image = {name: frame["image"][index] for index, name in enumerate(names)}
    world = frame["landmarks"]
    # Image (0..1, y down): the photo fills x 0.125..0.875; her face is in its upper half,
    # her left shoulder on the picture's right (the camera is not mirrored), below her nose.
    assert 0.3 < image["nose"]["x"] < 0.6 and 0.1 < image["nose"]["y"] < 0.4
    assert image["right_shoulder"]["x"] < image["nose"]["x"] < image["left_shoulder"]["x"]
    assert image["left_eye"]["y"] < image["mouth_left"]["y"] < image["left_shoulder"]["y"]
    # World (metres, y up, hips at the origin): head above shoulders, a human shoulder width.
    assert world["nose"][1] > world["left_shoulder"][1] > 0
    assert world["nose"][1] > world["right_shoulder"][1] > 0
    assert 0.2 < math.dist(world["left_shoulder"][:3], world["right_shoulder"][:3]) < 0.6
    assert all(abs(value) < 2 for point in world.values() for value in point[:3])


def test_detect_gives_null_for_an_empty_picture_and_takes_repeated_timestamps(
    offline: OfflinePage,
) -> None:
    page = offline.page

    found = page.evaluate(
        """async () => {
          const { loadPoseModel } = await import("/static/camera/pose.js");
          const model = await loadPoseModel({ warmUp: false });
          const empty = document.createElement("canvas");
          empty.width = 640;
          empty.height = 480;
          empty.getContext("2d").fillRect(0, 0, 640, 480);
          const frames = [await model.detect(empty, 1000), await model.detect(empty, 1000)];
          await model.close();
          return frames;
        }"""
    )

    assert found == [None, None]


def test_landmark_names_are_the_form_rules_names_in_the_models_order(
    offline: OfflinePage,
) -> None:
    page = offline.page

    names = page.evaluate(
        "async () => (await import('/static/camera/pose.js')).POSE_LANDMARK_NAMES"
    )

    assert names == LANDMARKS["landmarks"]


def test_missing_model_files_are_reported_plainly_and_nothing_is_loaded(
    offline: OfflinePage,
) -> None:
    page = offline.page

    outcome = page.evaluate(
        """async () => {
          const pose = await import("/static/camera/pose.js");
          const options = { baseUrl: "/static/vendor/not-installed/" };
          const served = [await pose.poseModelServed(), await pose.poseModelServed(options)];
          try {
            await pose.loadPoseModel(options);
            return { served, error: null };
          } catch (error) {
            return { served, error: error.message, loaded: typeof window.Pose };
          }
        }"""
    )

    assert outcome["served"] == [True, False]
    assert "pose model is not installed" in outcome["error"]
    assert outcome["loaded"] == "undefined"
    assert offline.elsewhere == []


def test_a_browser_without_webgl_is_told_plainly_that_the_model_cannot_run(
    browser: Browser, app_url: str
) -> None:
    no_webgl = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*QUIET_FLAGS, "--disable-webgl", "--disable-webgl2"]
    )
    try:
        page = no_webgl.new_page()
        page.goto(app_url + "/")

        error = page.evaluate(
            """async () => {
              const { loadPoseModel } = await import("/static/camera/pose.js");
              try {
                await loadPoseModel();
                return null;
              } catch (error) {
                return error.message;
              }
            }"""
        )
    finally:
        no_webgl.close()

    assert error == "This browser cannot run the pose model: it offers no WebGL 2 graphics."
