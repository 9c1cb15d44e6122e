"""The camera coach in the player, on Chromium's fake camera, with stand-in model and coach.

See camera_stand_ins.py for what stands in for the pose model and FormCoach and why.
"""

import json
import re
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, Page, Request, WebSocket, expect

from tests.web.fake_camera import launch_with_fake_camera
from tests.web.player.camera_stand_ins import (
    LANDMARK_NAMES,
    MARKER,
    form_data,
    install_stand_ins,
)
from tests.web.player.conftest import Rows, finish_with_pain_after, pick_pain, wait_for
from tests.web.player.layout import every_size
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1280, "height": 900}
RESULT_KEYS = {
    "position",
    "exercise",
    "repetitions_done",
    "hold_seconds",
    "skipped",
    "idempotency_key",
    "reps_seen",
    "good_form_seconds",
    "corrections",
}


@pytest.fixture(scope="module")
def camera_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium with a fake camera (a moving test pattern) that it may use without asking."""
    launched = launch_with_fake_camera(browser.browser_type)
    yield launched
    launched.close()


@pytest.fixture
def camera_page(camera_browser: Browser) -> Iterator[Page]:
    """A desktop-sized page with the stand-ins installed; page errors fail the test."""
    # The player's service worker would fetch the modules itself, past the test's routes.
    context = camera_browser.new_context(viewport=DESKTOP, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    install_stand_ins(page)
    yield page
    context.close()
    assert errors == []


def open_player(page: Page, server: ThreadedServer, query: str) -> None:
    """Open the player with the test-only stand-in flag and wait for the camera panel."""
    page.goto(f"{server.url}/play?{query}&camera-stand-in=1")
    page.wait_for_selector("#stage-before:not([hidden])")
    expect(page.locator("#camera-panel")).not_to_have_attribute("data-state", "checking")


def switch_camera_on(page: Page) -> None:
    page.locator("#camera-switch").check()
    expect(page.locator("#camera-panel")).to_have_attribute("data-state", "on")


def start(page: Page) -> None:
    pick_pain(page, "before-form", 3)
    page.click("#before-form button[type=submit]")
    page.wait_for_selector("#stage-play:not([hidden])", timeout=60_000)


def wait_for_hold(page: Page) -> None:
    wait_for(
        lambda: page.evaluate("spinecoachPlayer.playback?.current?.kind") == "hold",
        seconds=90,
        what="a hold",
    )


def test_the_camera_is_off_and_untouched_until_the_switch_is_turned_on(
    camera_page: Page, server: ThreadedServer
) -> None:
    open_player(camera_page, server, "routine=desk-break")
    switch = camera_page.locator("#camera-switch")
    asked_before = camera_page.evaluate("standIn.cameraAsked")

    expect(switch).to_be_visible()
    expect(switch).not_to_be_checked()
    expect(camera_page.locator(".camera-privacy")).to_contain_text("never leaves this device")
    switch_camera_on(camera_page)
    wait_for(lambda: camera_page.evaluate("standIn.detections") > 5, what="frames")

    assert asked_before == 0
    assert camera_page.evaluate("standIn.cameraAsked") == 1
    assert camera_page.evaluate("standIn.pixelSum") > 0  # the model read real camera pixels


def test_the_coach_is_downloaded_only_when_the_switch_is_turned_on(
    camera_page: Page, server: ThreadedServer
) -> None:
    fetched: list[str] = []
    camera_page.on("request", lambda request: fetched.append(request.url))
    open_player(camera_page, server, "routine=desk-break")
    camera_page.wait_for_load_state("networkidle")
    before = [url for url in fetched if "/static/camera/" in url]

    switch_camera_on(camera_page)

    after = [url for url in fetched if "/static/camera/" in url]
    assert not any(url.endswith(("/camera.js", "/overlay.js", "/quiet.js")) for url in before)
    assert any(url.endswith("/camera/switch.js") for url in before)  # the switch itself
    assert any(url.endswith("/camera/camera.js") for url in after)


def test_the_preview_can_be_hidden_and_switching_off_stops_the_camera(
    camera_page: Page, server: ThreadedServer
) -> None:
    open_player(camera_page, server, "routine=desk-break")
    switch_camera_on(camera_page)

    camera_page.locator("#camera-preview").uncheck()
    expect(camera_page.locator("#camera-view")).to_be_hidden()
    hidden_at = camera_page.evaluate("standIn.detections")
    wait_for(
        lambda: camera_page.evaluate("standIn.detections") > hidden_at + 5,
        seconds=10,
        what="frames still looked at with the picture hidden",
    )
    camera_page.locator("#camera-switch").uncheck()

    expect(camera_page.locator("#camera-panel")).to_have_attribute("data-state", "off")
    assert camera_page.evaluate("document.getElementById('camera-video').srcObject") is None
    assert camera_page.evaluate("standIn.closed") == 1


def test_without_a_camera_the_switch_is_hidden_and_a_sentence_says_why(
    browser: Browser, server: ThreadedServer
) -> None:
    context = browser.new_context(service_workers="block")  # a browser with no camera
    page = context.new_page()
    install_stand_ins(page)

    open_player(page, server, "routine=desk-break")

    expect(page.locator("#camera-switch")).to_be_hidden()
    expect(page.locator("#camera-unavailable")).to_have_text(re.compile("No camera was found"))
    context.close()


def test_without_the_model_files_the_switch_is_hidden_and_a_sentence_says_why(
    camera_page: Page, server: ThreadedServer
) -> None:
    def as_if_not_installed(route: object) -> None:
        response = route.fetch()  # type: ignore[attr-defined]  # playwright Route
        html = response.text().replace('data-model="served"', 'data-model="missing"')
        route.fulfill(response=response, body=html)  # type: ignore[attr-defined]

    camera_page.route(re.compile(r".*/play\?.*"), as_if_not_installed)
    camera_page.goto(f"{server.url}/play?routine=desk-break")
    camera_page.wait_for_selector("#stage-before:not([hidden])")

    expect(camera_page.locator("#camera-switch")).to_be_hidden()
    expect(camera_page.locator("#camera-unavailable")).to_contain_text("not installed")


def test_with_the_camera_open_the_stop_button_still_covers_nothing(
    camera_page: Page, server: ThreadedServer
) -> None:
    open_player(camera_page, server, "routine=desk-break")
    switch_camera_on(camera_page)
    start(camera_page)
    wait_for_hold(camera_page)
    expect(camera_page.locator("#camera-view")).to_be_visible()

    found = every_size(camera_page, "camera open")

    assert found == []


def test_a_camera_session_guides_corrects_and_records_what_the_coach_counted(
    camera_page: Page, server: ThreadedServer, rows: Rows
) -> None:
    requests: list[Request] = []
    sockets: list[WebSocket] = []
    camera_page.context.on("request", lambda request: requests.append(request))
    camera_page.on("websocket", lambda socket: sockets.append(socket))
    open_player(camera_page, server, "routine=desk-break&probe=1")
    switch_camera_on(camera_page)
    start(camera_page)

    view = form_data("seated-back-twist")["view"]
    expect(camera_page.locator("#camera-guide-text")).to_have_text(view["placement"])  # type: ignore[index]
    wait_for_hold(camera_page)
    camera_page.evaluate("standIn.form = 'bad'")
    wait_for(
        lambda: camera_page.evaluate("standIn.frames.some((f) => f.say)"),
        seconds=15,
        what="a correction said",
    )
    expect(camera_page.locator("#camera-correction")).to_have_text("Sit up tall.")
    camera_page.evaluate("standIn.form = 'good'")
    camera_page.wait_for_timeout(1200)
    drawn = camera_page.evaluate(
        "() => { const c = document.getElementById('camera-overlay');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " return d.some((v, i) => i % 4 === 3 && v > 0); }"
    )
    camera_page.click("#btn-skip")
    finish_with_pain_after(camera_page, 2)

    summaries = camera_page.evaluate("standIn.summaries")  # one coach per side
    summary = {
        "reps_seen": sum(s["reps_seen"] for s in summaries),
        "good_form_seconds": sum(s["good_form_seconds"] for s in summaries),
        "corrections": [c for s in summaries for c in s["corrections"]],
    }
    frames = camera_page.evaluate("standIn.frames")
    (stored,) = rows("SELECT reps_seen, good_form_seconds, corrections FROM exercise_results")
    assert drawn
    assert summary["reps_seen"] == 1 and summary["corrections"] == ["Sit up tall."]
    assert [c["side"] for c in camera_page.evaluate("standIn.coaches")] == [None, "left"]
    assert stored[0] == summary["reps_seen"]
    assert stored[1] == pytest.approx(summary["good_form_seconds"], abs=0.05)
    assert json.loads(stored[2]) == summary["corrections"]
    said = [frame for frame in frames if frame["say"]]
    assert said and all(frame["t"] >= frame["quietUntil"] for frame in said)
    expect(camera_page.locator("#summary-facts")).to_contain_text("Camera coach: Seated back twist")
    assert_nothing_sent_but_counts(requests, sockets, server)


def assert_nothing_sent_but_counts(
    requests: list[Request], sockets: list[WebSocket], server: ThreadedServer
) -> None:
    """Every request went to this server and none carried an image, a frame or a landmark."""
    assert requests and sockets == []
    landmark_words = [name for name in LANDMARK_NAMES if "_" in name]
    for request in requests:
        body = request.post_data_buffer or b""
        text = request.url + body.decode("utf-8", errors="replace")
        # blob: URLs of this page are its own memory (the lock screen's second of silence).
        assert request.url.removeprefix("blob:").startswith(f"{server.url}/"), request.url
        assert len(body) < 2000, (request.url, len(body))
        assert MARKER not in text, request.url
        assert not any(word in text for word in landmark_words), request.url
        assert not re.search(r"data:|base64|image/|\[\s*-?\d+\.\d+\s*,", text), request.url
    results = [json.loads(r.post_data or "{}") for r in requests if r.url.endswith("/results")]
    assert results and all(set(result) == RESULT_KEYS for result in results)


def test_a_hold_set_to_count_only_in_good_form_waits_while_the_form_is_off(
    camera_page: Page, server: ThreadedServer
) -> None:
    open_player(camera_page, server, "routine=desk-break&speed=2")
    camera_page.locator("#camera-hold-gate").check()
    switch_camera_on(camera_page)
    start(camera_page)
    wait_for_hold(camera_page)
    paused = "spinecoachPlayer.playback.paused"

    camera_page.evaluate("standIn.form = 'bad'")
    wait_for(lambda: camera_page.evaluate(paused), seconds=5, what="the hold to wait")
    left = camera_page.evaluate("spinecoachPlayer.playback.remainingInCue(performance.now()/1000)")
    camera_page.wait_for_timeout(800)
    still = camera_page.evaluate("spinecoachPlayer.playback.remainingInCue(performance.now()/1000)")
    expect(camera_page.locator("#camera-gate-note")).to_contain_text("waits until your form")
    expect(camera_page.locator("#camera-correction")).to_have_text("Sit up tall.")
    camera_page.evaluate("standIn.form = 'good'")
    wait_for(lambda: not camera_page.evaluate(paused), seconds=5, what="the hold to go on")

    assert still == left
    expect(camera_page.locator("#camera-gate-note")).to_be_hidden()
    assert camera_page.evaluate("spinecoachPlayer.playback.current.kind") == "hold"


def test_a_pause_by_hand_is_not_undone_by_good_form(
    camera_page: Page, server: ThreadedServer
) -> None:
    open_player(camera_page, server, "routine=desk-break&speed=2")
    camera_page.locator("#camera-hold-gate").check()
    switch_camera_on(camera_page)
    start(camera_page)
    wait_for_hold(camera_page)

    camera_page.click("#btn-pause")
    camera_page.wait_for_timeout(1500)

    assert camera_page.evaluate("spinecoachPlayer.playback.paused")


def test_the_player_may_connect_to_nothing_but_its_own_server(
    camera_page: Page, server: ThreadedServer
) -> None:
    policy = httpx.get(f"{server.url}/play").headers["content-security-policy"]
    directives = {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }
    open_player(camera_page, server, "routine=desk-break")

    blocked = camera_page.evaluate(
        """async () => {
          const seen = new Promise((resolve) => document.addEventListener(
            "securitypolicyviolation", (e) => resolve(e.effectiveDirective), { once: true }));
          try { await fetch("http://127.0.0.2:9/frames", { method: "POST", body: "x" }); }
          catch { /* refused */ }
          return await seen;
        }"""
    )

    assert directives.get("connect-src", directives["default-src"]) == ["'self'"]
    hosts = [s for sources in directives.values() for s in sources if re.match(r"[a-z*]", s)]
    assert set(hosts) <= {"data:", "blob:"}, hosts  # no other origin in any directive
    assert blocked == "connect-src"


def see_form(page: Page, form: str) -> None:
    """Show the stand-in coach this form until a frame of it has been coached."""
    page.evaluate(f"standIn.form = '{form}'")
    wait_for(
        lambda: page.evaluate(f"standIn.frames.at(-1)?.form === '{form}'"),
        seconds=10,
        what=f"a frame in {form} form",
    )


def test_a_repeated_exercise_seen_by_the_camera_is_stored_with_counts_within_the_plan(
    camera_page: Page, server: ThreadedServer, rows: Rows
) -> None:
    open_player(camera_page, server, "routine=desk-break")
    switch_camera_on(camera_page)
    start(camera_page)
    wait_for(lambda: camera_page.evaluate("standIn.coaches.length") > 0, what="the coach")
    planned = camera_page.evaluate(
        "spinecoachPlayer.state.timeline.routine.exercises[0].repetitions"
    )
    most = 2 * planned  # desk-break's twist is done on each side

    # The stand-in counts a repetition at every turn from bad to good form: more movements
    # than the plan holds, half of them after the person pressed Repeat.
    for _ in range(most // 2 + 2):
        see_form(camera_page, "bad")
        see_form(camera_page, "good")
    camera_page.click("#btn-repeat")
    for _ in range(most // 2 + 2):
        see_form(camera_page, "bad")
        see_form(camera_page, "good")
    moving = camera_page.evaluate("spinecoachPlayer.playback.current.kind") != "hold"
    camera_page.click("#btn-skip")
    finish_with_pain_after(camera_page, 2)

    seen = sum(s["reps_seen"] for s in camera_page.evaluate("standIn.summaries"))
    stored = rows("SELECT reps_seen, good_form_seconds, skipped FROM exercise_results")
    assert moving  # still before the first hold: no good form seconds were earned
    assert seen > most
    assert stored == [(most, 0.0, 1)]
    assert camera_page.evaluate("spinecoachPlayer.outbox.kept()") == []
