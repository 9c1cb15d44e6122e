"""Play a short routine with run_player in a real terminal; used by the pty test and for demos.

Usage: python tests/cli/player_demo.py [SPEED] [REPETITIONS]
Prints "finished: <reason> <exercise>" and the events received, once the terminal is restored.
"""

import sys

from spinecoach.catalog.loader import load_catalog
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.cli.player import run_player
from spinecoach.cli.voice import FakeSpeaker
from spinecoach.clock import SystemClock
from spinecoach.playback import Event, Playback
from spinecoach.timeline import compile_timeline


def short_routine(repetitions: int = 2) -> Routine:
    """Return knee-to-chest (both sides, 10 s holds) then cat-cow, with 5 s of rest between."""
    catalog = load_catalog()

    def planned(exercise_id: str, hold_seconds: int) -> PlannedExercise:
        exercise = catalog.exercise(exercise_id)
        position = catalog.position(exercise.position)
        return PlannedExercise(exercise, position, repetitions, hold_seconds)

    items = (planned("knee-to-chest", 10), planned("cat-cow", 0))
    return Routine("short-test", "Short test routine", items, rest_seconds=5)


def main() -> None:
    """Run the player and print how it ended."""
    speed = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    routine = short_routine(repetitions)
    events: list[Event] = []
    playback = Playback(compile_timeline(routine), speed=speed)
    finished = run_player(routine, playback, FakeSpeaker(), SystemClock(), events.append)
    print(f"finished: {finished.reason.value} {finished.exercise}")
    print(f"events: {len(events)}")


if __name__ == "__main__":
    main()
