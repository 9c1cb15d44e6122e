"""Play the 15-minute routine in the browser player (headless Chromium) with one core kept busy,
the page visible for the first half and hidden for the second; print how late each cue's sound
started against its deadline (p50, p99, max) in each half, and the drift at the end.

Targets: p99 <= 20 ms visible and hidden, drift < 20 ms. Pass --speed to try it faster.

A cue's start is the frame at which its sound began, reported by the page's audio-thread probe
and read back in performance.now() time. Headless Chromium never hides a page itself, so the
hidden half emulates a locked phone: visibilityState reads "hidden" and the main thread is
stopped through the debugger for 20 s at a time, running 0.5 s in between (as a browser's
background throttling does to timers, only harsher).
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx
from playwright.sync_api import Page

from spinecoach.safety.loader import default_screening
from spinecoach.safety.schema import ItemKind

# The project root is not installed: put it on the path for the test helpers shared with tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser import CHROMIUM, chromium
from tests.hidden_page import HIDDEN_SHIM, SET_HIDDEN

FROZEN_SECONDS = 20.0
AWAKE_SECONDS = 0.5


def free_port() -> int:
    """Return a free TCP port on the loopback address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(db: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `spinecoach serve` on a temporary database and pass the safety screen."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "spinecoach"), "serve", "--db", str(db)]
    with log.open("wb") as out:
        process = subprocess.Popen([*command, "--port", str(port)], stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            answers = {i.id: i.kind is ItemKind.ACKNOWLEDGEMENT for i in default_screening().items}
            httpx.post(f"{url}/api/screening", json={"answers": answers}).raise_for_status()
            return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server did not start:\n{log.read_text()}")


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def play(page: Page, url: str, speed: float) -> tuple[dict[str, Any], float]:
    """Play the routine: visible for half its length, then hidden and frozen in bursts."""
    page.context.add_init_script(HIDDEN_SHIM)
    page.goto(f"{url}/play?routine=all-six&speed={speed}&probe=1")
    page.locator("#before-form .pain-scale label").nth(3).click()
    page.click("#before-form button[type=submit]")
    page.wait_for_selector("#stage-play:not([hidden])", timeout=120_000)
    length = page.evaluate("spinecoachPlayer.playback.endDeadline() - performance.now() / 1000")
    time.sleep(length / 2)
    hidden_from: float = page.evaluate("performance.now()")
    page.evaluate(SET_HIDDEN, True)
    devtools = page.context.new_cdp_session(page)
    devtools.send("Debugger.enable")
    end = time.monotonic() + length / 2 + 2
    while time.monotonic() < end:
        devtools.send("Debugger.pause")
        time.sleep(min(FROZEN_SECONDS, max(0.0, end - time.monotonic())))
        devtools.send("Debugger.resume")
        time.sleep(AWAKE_SECONDS)
    page.evaluate(SET_HIDDEN, False)
    page.wait_for_selector("#stage-after:not([hidden])", timeout=30_000)
    timing: dict[str, Any] = page.evaluate("spinecoachPlayer.timingReport()")
    return timing, hidden_from


def report(timing: dict[str, Any], hidden_from: float) -> bool:
    """Print lateness per half and the drift; return whether the targets are met."""
    onsets = [o for o in timing["onsets"] if o["deadline"] is not None]
    heard = {o["index"]: o for o in onsets}
    missing = timing["cues"] - len(heard)
    ok = missing == 0 and timing["finished"] == "finished"
    for label, part in (
        ("visible", [o for o in onsets if o["deadline"] < hidden_from]),
        ("hidden", [o for o in onsets if o["deadline"] >= hidden_from]),
    ):
        late = [o["heard"] - o["deadline"] for o in part]
        p99 = percentile(late, 0.99)
        print(
            f"{label:7} {len(late):3} cues: sound start lateness"
            f" p50 {statistics.median(late):.2f} ms,"
            f" p99 {p99:.2f} ms, max {max(late):.2f} ms (target p99 <= 20 ms)"
        )
        ok = ok and abs(p99) <= 20
    shown = [c["lateness"] for c in timing["shown"] if not c["hidden"]]
    print(
        f"visible display (main thread) lateness: p50 {statistics.median(shown):.2f} ms,"
        f" p99 {percentile(shown, 0.99):.2f} ms"
    )
    last = heard.get(timing["cues"] - 1)
    drift = last["heard"] - last["deadline"] if last else float("nan")
    print(f"drift at the end (last cue heard vs its deadline): {drift:.2f} ms (target < 20 ms)")
    if missing:
        print(f"{missing} cue(s) never sounded")
    return ok and abs(drift) < 20


def main() -> int:
    """Start the app, play the routine in Chromium with a busy core, print the numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--speed", type=float, default=1.0)
    speed = parser.parse_args().speed
    if not shutil.which(CHROMIUM):
        raise SystemExit("bench/web_player.py needs Debian's chromium at /usr/bin/chromium")
    with tempfile.TemporaryDirectory() as directory:
        server, url = start_server(Path(directory) / "bench.db", Path(directory) / "server.log")
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            with chromium() as browser:
                page = browser.new_context().new_page()
                print(
                    f"playing all-six at speed {speed} with one core kept busy (pid {os.getpid()})"
                )
                timing, hidden_from = play(page, url, speed)
        finally:
            busy.kill()
            busy.wait()
            server.terminate()
            server.wait()
    return 0 if report(timing, hidden_from) else 1


if __name__ == "__main__":
    sys.exit(main())
