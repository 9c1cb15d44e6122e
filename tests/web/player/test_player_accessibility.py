"""The player for a person on a mat: axe-core finds nothing serious at any moment of a session,
it reflows at 360 px and at 200 % zoom, the pain button and the controls stay in reach.

Screenshots of each moment go to $SPINECOACH_SCREENSHOTS (or the test's temporary directory)
for a person to look at.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.web.pages_helpers import axe_violations, horizontal_overflow
from tests.web.player.conftest import begin_session, finish_with_pain_after, pick_pain
from tests.web.threaded_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A small phone, a laptop, and a 1280 x 800 window zoomed to 200 %.
SIZES = {"phone": (360, 740), "desktop": (1280, 800), "zoom200": (640, 400)}
TOUCH_PX = 44  # the smallest comfortable touch target


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SPINECOACH_SCREENSHOTS", tmp_path / "shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield request.param, context.new_page()
    context.close()


def jump_to(page: Page, kind: str) -> None:
    """Move the session to the first cue of a kind (a test shortcut through Playback._jump)."""
    page.evaluate(
        """(kind) => { const p = spinecoachPlayer.playback;
        const index = p.cues.findIndex((c) => c.kind === kind);
        spinecoachPlayer.control((now) => p._jump(index, now)); }""",
        kind,
    )
    page.wait_for_timeout(600)


def problems_here(page: Page, moment: str, size: str, shots: Path) -> list[str]:
    """Return what is wrong at this moment and keep a screenshot of it."""
    page.screenshot(path=shots / f"player-{size}-{moment}.png")
    found = [f"{moment}: axe {v}" for v in axe_violations(page)]
    if (overflow := horizontal_overflow(page)) > 0:
        found.append(f"{moment}: {overflow} px of sideways scrolling")
    return found


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def controls_top(page: Page) -> float:
    box = page.locator(".controls").first.bounding_box()
    assert box is not None
    return box["y"]


def test_every_moment_of_a_session_passes_axe_reflows_and_keeps_controls_in_reach(
    sized: tuple[str, Page], server: ThreadedServer, shots: Path
) -> None:
    size, page = sized
    problems: list[str] = []
    page.goto(f"{server.url}/play?routine=all-six")
    page.wait_for_selector("#stage-before:not([hidden])")
    problems += problems_here(page, "before", size, shots)
    pick_pain(page, "before-form", 3)
    page.click("#before-form button[type=submit]")
    page.wait_for_selector("#stage-play:not([hidden])", timeout=60_000)

    page.wait_for_timeout(1500)
    problems += problems_here(page, "get-ready", size, shots)
    controls_at = {"get-ready": controls_top(page)}
    for kind in ("instruction", "hold", "rest"):
        jump_to(page, kind)
        problems += problems_here(page, kind, size, shots)
        assert in_view(page, "#btn-pain"), f"pain button out of reach at {kind}"
        controls_at[kind] = controls_top(page)
    page.keyboard.press("Space")
    problems += problems_here(page, "paused", size, shots)
    heights = page.eval_on_selector_all(
        ".controls button, #btn-pain", "(all) => all.map((b) => b.getBoundingClientRect().height)"
    )
    page.click("#btn-pain")
    page.wait_for_selector("#stage-pain:not([hidden])")
    page.wait_for_timeout(500)
    problems += problems_here(page, "pain-stop", size, shots)

    assert problems == []
    assert min(heights) >= TOUCH_PX
    # A thumb reaching for Pause finds it where it was, whatever the cue's words.
    assert len(set(controls_at.values())) == 1, controls_at


def test_the_end_of_a_session_passes_axe(phone: Page, server: ThreadedServer, shots: Path) -> None:
    begin_session(phone, server.url, "routine=desk-break&speed=60")
    phone.wait_for_selector("#stage-after:not([hidden])", timeout=60_000)
    problems = problems_here(phone, "pain-after", "phone", shots)

    finish_with_pain_after(phone, 2)

    problems += problems_here(phone, "summary", "phone", shots)
    assert problems == []


FIGURE_DRAWN = """async () => {
  const drawn = () => {
    const svg = document.querySelector("#figure svg");
    const outlines = Array.from(svg.querySelectorAll("defs path"), (p) => p.getAttribute("d"));
    return {seconds: Number(svg.dataset.seconds), outlines};
  };
  const first = drawn();
  await new Promise((resolve) => setTimeout(resolve, 400));
  return [first, drawn()];
}"""


@pytest.mark.parametrize(("motion", "moves"), [("no-preference", True), ("reduce", False)])
def test_the_figure_moves_with_the_timeline_unless_reduced_motion_is_asked_for(
    browser: Browser, server: ThreadedServer, motion: str, moves: bool
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion=motion)
    page = context.new_page()
    begin_session(page, server.url, "routine=all-six&speed=1")
    jump_to(page, "inhale")

    before, after = page.evaluate(FIGURE_DRAWN)
    context.close()

    assert (after["seconds"] > before["seconds"]) is moves
    assert (after["outlines"] != before["outlines"]) is moves
    assert all(before["outlines"])  # every stroke is drawn, moving or still


def test_each_movement_is_downloaded_once_and_the_second_side_is_its_mirror_image(
    phone: Page, server: ThreadedServer
) -> None:
    asked: list[str] = []
    phone.on("request", lambda request: asked.append(request.url))
    begin_session(phone, server.url, "routine=all-six&speed=1")
    phone.evaluate("spinecoachPlayer.prepared")
    phone.evaluate(
        """() => { const p = spinecoachPlayer.playback;
        const index = p.cues.findIndex((c) => c.side === "right" && c.kind === "inhale");
        spinecoachPlayer.control((now) => p._jump(index, now)); }"""
    )
    phone.wait_for_timeout(600)

    shown = phone.evaluate(
        """() => { const svg = document.querySelector("#figure svg");
        return {title: svg.querySelector("title").textContent,
                flipped: svg.querySelector(":scope > g[transform='scale(-1 1)']") !== null}; }"""
    )
    figures = [url for url in asked if "/api/player/figure/" in url]
    assert len(figures) == 6, figures  # six movements; three are done on each side
    assert sum("side=" in url for url in figures) == 3
    assert shown["title"].endswith("(right side)")
    assert shown["flipped"]
