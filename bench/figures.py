"""Time the figures: a still SVG, an animated SVG, a pose for a player frame, a form check.

Prints the median of several runs of each (after one warm-up that fills the caches) and
checks the targets: a player can draw 20 frames a second (pose_for_cue + projection under
50 ms), a form check keeps up with a camera (under 10 ms), a still draws in under 100 ms.
"""

import statistics
import sys
import time
from collections.abc import Callable

from spinecoach.figures.drawings import figure_svg
from spinecoach.figures.form import check_form
from spinecoach.figures.library import key_pose
from spinecoach.figures.motion import animation_svg
from spinecoach.figures.projection import drawing_for_cue
from spinecoach.figures.skeleton import pose_points

HELD = pose_points(key_pose("knee-to-chest", "held", "left"))
CASES: dict[str, tuple[Callable[[], object], int, float | None]] = {
    "figure_svg(cat-cow, cat)": (lambda: figure_svg("cat-cow", "cat"), 20, 0.100),
    "animation_svg(knee-to-chest, left)": (lambda: animation_svg("knee-to-chest", "left"), 3, None),
    "drawing_for_cue(childs-pose, exhale, 0.4)": (
        lambda: drawing_for_cue("childs-pose", "exhale", 0.4),
        20,
        0.050,
    ),
    "check_form(knee-to-chest, held landmarks)": (
        lambda: check_form("knee-to-chest", HELD),
        50,
        0.010,
    ),
}


def median_seconds(run: Callable[[], object], runs: int) -> float:
    """Run once to warm up, then `runs` times; return the median wall time."""
    run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Print one line per case; exit 1 if a target is missed."""
    missed = 0
    for name, (run, runs, target) in CASES.items():
        seconds = median_seconds(run, runs)
        verdict = "" if target is None else (" ok" if seconds <= target else " SLOW")
        limit = "" if target is None else f" (target {target * 1000:.0f} ms)"
        print(f"{name:45} {seconds * 1000:8.1f} ms{limit}{verdict}")
        missed += target is not None and seconds > target
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
