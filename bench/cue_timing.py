"""Play a 5-minute routine at real speed through the plain player while another process keeps
one core busy; print p50, p99 and max lateness of cue starts and the drift at the end.

Targets: p99 <= 5 ms, drift under 10 ms. Pass --minutes to play a shorter or longer routine.
"""

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
from datetime import date

from spinecoach.catalog.loader import default_catalog
from spinecoach.cli.plain_player import run_plain
from spinecoach.cli.voice import SilentSpeaker
from spinecoach.clock import SystemClock
from spinecoach.planning import Constraints, plan
from spinecoach.playback import CueStarted, Event, Finished, Playback
from spinecoach.timeline import compile_timeline, total_seconds


def main() -> int:
    """Play the routine, then print the lateness percentiles and the final drift."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=5.0)
    minutes = parser.parse_args().minutes
    routine = plan(Constraints(minutes=minutes), [], date.today(), default_catalog())
    cues = compile_timeline(routine)
    clock = SystemClock()
    playback = Playback(cues)
    lateness: list[float] = []
    finished_at: list[float] = []

    def on_event(event: Event) -> None:
        if isinstance(event, CueStarted):
            lateness.append(event.lateness)
        elif isinstance(event, Finished):
            finished_at.append(clock.monotonic())

    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        print(f"playing {len(cues)} cues, {total_seconds(cues):.0f} s, with one core kept busy")
        with contextlib.redirect_stdout(io.StringIO()):
            run_plain(routine, playback, SilentSpeaker(), clock, on_event)
    finally:
        busy.kill()
        busy.wait()
    late_ms = sorted(1000 * value for value in lateness)
    p99 = late_ms[min(len(late_ms) - 1, round(0.99 * (len(late_ms) - 1)))]
    drift_ms = 1000 * (finished_at[0] - playback.end_deadline())
    print(
        f"cue start lateness: p50 {statistics.median(late_ms):.3f} ms, p99 {p99:.3f} ms, "
        f"max {late_ms[-1]:.3f} ms (target p99 <= 5 ms)"
    )
    print(f"drift at the end: {drift_ms:.3f} ms (target < 10 ms)")
    return 0 if p99 <= 5 and abs(drift_ms) < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
