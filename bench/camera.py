"""Run the camera coach's pose model in headless Chromium on this machine's CPU and print its
frames per second at 640x480, fed by the tests' fake camera (a real photograph of a person).

The model is MediaPipe Pose (lite unless --complexity 1), served by the app from
static/vendor/pose/ (`make install`). Its graph draws through WebGL, which Chromium runs on
SwiftShader here (no GPU), so the number is a floor: a laptop's GPU does much better.
Then the whole pipeline as the player runs it (model, form rules, counter, overlay, words on
screen) and the delay from a frame to its correction on screen. Target: the pipeline at >= 90 %
of the model's own rate.
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
# The fake camera is test code; the bench shares it so both see the same frames.
sys.path.insert(0, str(ROOT))
from tests.web.conftest import start_server  # noqa: E402
from tests.web.fake_camera import chromium_with_fake_camera, write_fake_camera_video  # noqa: E402

OPEN_CAMERA = """async (complexity) => {
  const { loadPoseModel } = await import("/static/camera/pose.js");
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const video = document.createElement("video");
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  const started = performance.now();
  const model = await loadPoseModel({ modelComplexity: complexity });
  window.bench = { video, model, stream };
  const loadMs = performance.now() - started;
  return { loadMs, width: video.videoWidth, height: video.videoHeight };
}"""
MODEL_ALONE = """async (seconds) => {
  const { video, model } = window.bench;
  const times = [];
  let found = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const start = performance.now();
    const frame = await model.detect(video, start);
    times.push(performance.now() - start);
    if (frame) found += 1;
  }
  return { times, found };
}"""
# The player's loop (static/camera/camera.js step()): wait for a new video frame, run the model,
# the form rules and counter (FormCoach), draw the overlay and put the correction on screen.
PIPELINE = """async (seconds) => {
  const { video, model } = window.bench;
  const { FormCoach } = await import("/static/camera/coach.js");
  const { drawOverlay } = await import("/static/camera/overlay.js");
  const form = await (await fetch("/api/form/cat-cow")).json();
  const coach = new FormCoach(form, {});
  const canvas = Object.assign(document.createElement("canvas"), { width: 640, height: 480 });
  const words = document.createElement("p");
  document.body.append(canvas, words);
  const frames = [];
  const delays = [];
  const verdicts = {};
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await new Promise((done) => {
    const step = async () => {
      const t = performance.now();
      const frame = await model.detect(video, t);
      const result = coach.frame(frame?.landmarks ?? null, t / 1000);
      drawOverlay(canvas, frame, result.report?.verdict);
      words.textContent = result.say ?? result.report?.correction ?? "";
      const verdict = result.report?.verdict ?? "nobody";
      verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
      // On screen: the next animation frame after the change is the one that paints it.
      requestAnimationFrame(() => delays.push(performance.now() - t));
      frames.push(performance.now() - t);
      if (performance.now() >= end) done();
      else video.requestVideoFrameCallback(step);
    };
    video.requestVideoFrameCallback(step);
  });
  await new Promise((painted) => requestAnimationFrame(painted));
  return { elapsed: performance.now() - started, frames, delays, verdicts };
}"""
CLOSE = """async () => {
  await window.bench.model.close();
  window.bench.stream.getTracks().forEach((track) => track.stop());
}"""


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_model_alone(page: Page, seconds: float) -> float:
    """Run the model back to back on live camera frames; print and return its frames/second."""
    result: dict[str, Any] = page.evaluate(MODEL_ALONE, seconds)
    times: list[float] = result["times"]
    fps = 1000 * len(times) / sum(times)
    print(
        f"model alone: {fps:.2f} frames/s over {len(times)} frames "
        f"(per frame p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms);"
        f" a person found in {result['found']} of {len(times)}"
    )
    return fps


def measure_pipeline(page: Page, seconds: float, model_fps: float) -> float:
    """Run the player's camera loop on live frames; print its rate against the model's and the
    delay from a frame to its correction on screen; return the pipeline's frames/second."""
    result: dict[str, Any] = page.evaluate(PIPELINE, seconds)
    frames: list[float] = result["frames"]
    delays: list[float] = result["delays"]
    fps = 1000 * len(frames) / result["elapsed"]
    share = fps / model_fps
    print(
        f"whole pipeline (video frame wait, model, form rules and counter, overlay, words): "
        f"{fps:.2f} frames/s over {len(frames)} frames = {share:.0%} of the model alone "
        f"(target >= 90 %: {'met' if share >= 0.9 else 'NOT met'})"
    )
    print(
        f"frame to correction on screen: p50 {statistics.median(delays):.0f} ms, "
        f"p95 {percentile(delays, 0.95):.0f} ms; verdicts {result['verdicts']}"
    )
    return fps


def main() -> int:
    """Serve the app, open the fake camera in Chromium, load the model and time it."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to run the model")
    parser.add_argument("--complexity", type=int, choices=(0, 1), default=0, help="0 lite, 1 full")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        video = write_fake_camera_video(work / "camera.y4m")
        server = start_server(str(work / "bench.db"), work / "server.log")
        try:
            with chromium_with_fake_camera(video) as browser:
                page = browser.new_page()
                page.set_default_timeout(300_000)
                page.goto(server.url + "/")
                opened = page.evaluate(OPEN_CAMERA, options.complexity)
                print(
                    f"camera {opened['width']}x{opened['height']}, model"
                    f" {('lite', 'full')[options.complexity]} loaded in"
                    f" {opened['loadMs'] / 1000:.1f} s (headless Chromium, CPU, SwiftShader WebGL)"
                )
                model_fps = measure_model_alone(page, options.seconds)
                # Two cores shared with whatever else runs: the load says how noisy this is.
                print(f"load average over the last minute: {os.getloadavg()[0]:.1f}")
                measure_pipeline(page, options.seconds, model_fps)
                page.evaluate(CLOSE)
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
