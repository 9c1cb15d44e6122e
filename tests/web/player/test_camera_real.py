"""The camera coach with everything real: the pose model, the form rules and the coach.

Chromium's fake camera plays the tests' photograph of a person (tests/web/fake_camera.py), the
model served by the app finds her, the browser's form rules judge what it found, and the
player shows and records what the coach said; nothing of the frames leaves the page.
"""

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from tests.web.fake_camera import launch_with_fake_camera, write_fake_camera_video
from tests.web.player.conftest import Rows, finish_with_pain_after, pick_pain, wait_for
from tests.web.player.test_camera_player import assert_nothing_sent_but_counts
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def photo_camera(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Chromium whose only camera shows the photograph of a person."""
    video = write_fake_camera_video(tmp_path_factory.mktemp("camera") / "person.y4m")
    launched = launch_with_fake_camera(browser.browser_type, video)
    yield launched
    launched.close()


@pytest.fixture
def page(photo_camera: Browser) -> Iterator[Page]:
    """A desktop page; page errors fail the test."""
    context = photo_camera.new_context(viewport={"width": 1280, "height": 900})
    # The real model keeps the page's main thread busy once the camera is on: on a machine
    # loaded by other browser tests, the page took over 30 s to answer a click (CI), as long
    # as a verdict may take, so every step may wait as long as the slowest.
    context.set_default_timeout(120_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def test_the_real_model_and_rules_coach_the_person_the_camera_shows(
    page: Page, server: ThreadedServer, rows: Rows
) -> None:
    requests: list[Request] = []
    page.context.on("request", lambda request: requests.append(request))
    page.goto(f"{server.url}/play?routine=desk-break")
    page.wait_for_selector("#stage-before:not([hidden])")
    page.locator("#camera-switch").check()
    expect(page.locator("#camera-panel")).to_have_attribute("data-state", "on", timeout=120_000)
    pick_pain(page, "before-form", 3)
    page.click("#before-form button[type=submit]")
    page.wait_for_selector("#stage-play:not([hidden])")

    judged = wait_for(
        lambda: [e for e in page.evaluate("spinecoachPlayer.camera.log") if e["verdict"]],
        seconds=120,
        what="a verdict from the real model and rules",
    )
    correction = wait_for(
        lambda: page.locator("#camera-correction").text_content(),
        seconds=120,
        what="a correction on screen",
    )
    page.click("#btn-skip")
    finish_with_pain_after(page, 2)

    # The photograph shows head and shoulders only: what the real pipeline cannot see, it names.
    assert {entry["verdict"] for entry in judged} == {"unseen"}
    assert correction.startswith("I can't see your ")
    (stored,) = rows("SELECT corrections FROM exercise_results WHERE position = 0")
    assert stored[0] is not None  # the camera watched: its counts were recorded
    assert all(isinstance(text, str) for text in json.loads(stored[0]))
    assert_nothing_sent_but_counts(requests, [], server)
