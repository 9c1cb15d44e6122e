"""Time `spinecoach --help` and `spinecoach timeline all-six --json` against a bare Python start.

Prints the median of 10 runs of each and the ratio to `python -c pass`.
Targets: --help within 10x, timeline within 20x.
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 10
BIN = Path(sys.executable).parent
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "spinecoach --help": [str(BIN / "spinecoach"), "--help"],
    "spinecoach timeline all-six --json": [
        str(BIN / "spinecoach"),
        *("timeline", "all-six", "--json"),
    ],
}
TARGETS = {"spinecoach --help": 10.0, "spinecoach timeline all-six --json": 20.0}


def median_seconds(command: list[str]) -> float:
    """Run the command RUNS times (after one warm-up) and return the median wall time."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Print one line per command; exit 1 if a target is missed."""
    medians = {name: median_seconds(command) for name, command in COMMANDS.items()}
    baseline = medians["python -c pass"]
    missed = False
    for name, seconds in medians.items():
        ratio = seconds / baseline
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = " ok" if ratio <= target else f" MISSED (target {target:g}x)"
        missed |= target is not None and ratio > target
        print(f"{name:38s} median {seconds * 1000:7.1f} ms  {ratio:5.1f}x python{verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
