"""Measure the player's screen in Chromium: what the stop button covers, button sizes, countdown.

Every check answers with sentences saying what is wrong where, so one test can gather the
problems of many states and sizes and show them all at once.
"""

from typing import Any

from playwright.sync_api import Page

# Small, common and large phones upright; two phones on their side; 1280 x 800 at 200 % zoom.
PHONES = {"320": (320, 568), "375x667": (375, 667), "390x844": (390, 844), "430": (430, 932)}
OTHERS = {"landscape-667": (667, 375), "landscape-844": (844, 390), "zoom200": (640, 400)}
TOUCH_PX = 48
PRIMARY_PX = 64

# Every box the test needs, as the page shows it now. A box inside the scrolling middle is cut
# to the part of it that is on screen there.
MEASURE = """() => {
  const middle = document.getElementById("player-body") ?? document.documentElement;
  const body = middle.getBoundingClientRect();
  const box = (el, clip) => {
    const r = el.getBoundingClientRect();
    let [top, bottom] = [r.top, r.bottom];
    if (clip) [top, bottom] = [Math.max(top, body.top), Math.min(bottom, body.bottom)];
    return {id: el.id || el.className, left: r.left, right: r.right, top, bottom,
            width: r.width, height: Math.max(0, bottom - top)};
  };
  const shown = (el) => el.offsetParent !== null || getComputedStyle(el).position === "fixed";
  const buttons = document.querySelectorAll(".controls button, .controls-minor button");
  const controls = [...buttons].filter(shown);
  const banner = document.getElementById("connection");
  const words = ["cue-kind", "cue-text", "next-up"].map((id) => document.getElementById(id));
  const seconds = document.getElementById("ring-seconds");
  return {
    width: innerWidth, height: innerHeight,
    stop: box(document.getElementById("btn-pain")),
    controls: controls.map((el) => ({...box(el), weight: Number(getComputedStyle(el).fontWeight),
                                      main: el.classList.contains("control")})),
    banner: banner.hidden ? null : box(banner),
    words: words.filter(shown).map((el) => box(el, true)),
    ring: box(document.querySelector(".ring")),
    pacer: {width: document.getElementById("pacer-ball").offsetWidth},  // its full breath
    secondsPx: parseFloat(getComputedStyle(seconds).fontSize),
    sideways: document.documentElement.scrollWidth - innerWidth,
  };
}"""


def overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Return the area two boxes share."""
    wide = min(a["right"], b["right"]) - max(a["left"], b["left"])
    tall = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(0.0, wide) * max(0.0, tall)


def on_screen(box: dict[str, Any], width: int, height: int) -> bool:
    return (
        box["top"] >= -0.5
        and box["left"] >= -0.5
        and box["bottom"] <= height + 0.5
        and (box["right"] <= width + 0.5)
    )


def problems(page: Page, state: str, size: str, phone: bool) -> list[str]:
    """Return every rule this screen breaks."""
    m = page.evaluate(MEASURE)
    where = f"{state} at {size}"
    stop, found = m["stop"], []
    boxes = [stop, *m["controls"], *([m["banner"]] if m["banner"] else [])]
    if not on_screen(stop, m["width"], m["height"]):
        found.append(f"{where}: the stop button is off screen {stop}")
    if stop["height"] < PRIMARY_PX:
        found.append(f"{where}: the stop button is {stop['height']} px tall")
    for index, control in enumerate(m["controls"]):
        if not on_screen(control, m["width"], m["height"]):
            found.append(f"{where}: {control['id']} is off screen")
        if control["height"] < (PRIMARY_PX if control["main"] else TOUCH_PX):
            found.append(f"{where}: {control['id']} is {control['height']} px tall")
        if control["main"] and control["weight"] < 700:
            found.append(f"{where}: {control['id']} is not bold ({control['weight']})")
        for other in boxes[: index + 1]:
            if overlap(control, other) > 0:
                found.append(f"{where}: {other['id']} covers {control['id']}")
    if m["banner"] and overlap(m["banner"], stop) > 0:
        found.append(f"{where}: the connection note covers the stop button")
    for words in m["words"]:
        if words["height"] > 0 and overlap(words, stop) > 0:
            found.append(f"{where}: the stop button covers {words['id']}")
    if not [w for w in m["words"] if w["id"] == "cue-kind" and w["height"] > 0]:
        found.append(f"{where}: what to do now is not on screen")
    if phone and m["ring"]["width"] < m["width"] / 3:
        found.append(f"{where}: the countdown is {m['ring']['width']} px wide of {m['width']}")
    if phone and m["pacer"]["width"] < m["ring"]["width"] / 2:
        found.append(f"{where}: the breathing ball is {m['pacer']['width']} px wide")
    if m["secondsPx"] < 48:
        found.append(f"{where}: the seconds are {m['secondsPx']} px high")
    if m["sideways"] > 0:
        found.append(f"{where}: {m['sideways']} px of sideways scrolling")
    return found


def every_size(page: Page, state: str) -> list[str]:
    """Measure one state at every size."""
    found = []
    for size, (width, height) in {**PHONES, **OTHERS}.items():
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(
            "new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)))"
        )
        found += problems(page, state, size, phone=size in PHONES)
    return found


def jump_to(page: Page, test: str) -> None:
    """Move the session to the first cue `c` passing a test (a shortcut through Playback._jump)."""
    page.evaluate(
        f"""() => {{ const p = spinecoachPlayer.playback;
        const index = p.cues.findIndex((c) => {test});
        spinecoachPlayer.control((now) => p._jump(index, now)); }}"""
    )
    page.wait_for_function(
        f"() => {{ const c = spinecoachPlayer.playback.current; return c !== null && ({test}); }}"
    )


def time_left(page: Page) -> int:
    """Return the session's time left as shown, in seconds."""
    minutes, seconds = page.locator("#time-left").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)
