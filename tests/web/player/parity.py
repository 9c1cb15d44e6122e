"""Scripted inputs for Playback and the trace they produce, in Python and in the browser.

A script is a list of steps `{"t": seconds, "do": action}`. "run" ticks at every deadline up to
t and then at t; the other actions call the matching control. Both drivers write the same
trace; floats are written with six decimals (no exact tie exists at six decimals in binary,
so Python's and JavaScript's rounding agree) after adding 0.0 so -0.0 reads as 0.0.
"""

import random
from typing import Any

from spinecoach.playback import CueStarted, Event, ExerciseEnded, Playback, StopReason

ACTIONS = ["run", "run", "run", "pause", "resume", "skip", "repeat", "skip", "repeat"]


def fixed(value: float | None) -> str | None:
    """Return a float as the trace writes it."""
    return None if value is None else f"{value + 0.0:.6f}"


def event_dict(event: Event) -> dict[str, Any]:
    """Return the trace form of one event."""
    if isinstance(event, CueStarted):
        return {
            "type": "cue_started",
            "index": event.index,
            "deadline": fixed(event.deadline),
            "lateness": fixed(event.lateness),
        }
    if isinstance(event, ExerciseEnded):
        return {
            "type": "exercise_ended",
            "exercise": event.exercise,
            "position": event.position,
            "repetitions_done": event.repetitions_done,
            "hold_seconds": fixed(event.hold_seconds),
            "skipped": event.skipped,
        }
    return {
        "type": "finished",
        "reason": event.reason.value,
        "exercise": event.exercise,
        "moved": event.moved,
    }


def make_script(seed: int, speed: float, end: str) -> list[dict[str, Any]]:
    """Return a random but reproducible script that ends by finishing, a pain stop or a quit."""
    rng = random.Random(seed)
    t = 1000.0 + rng.random() * 50
    steps: list[dict[str, Any]] = [{"t": t, "do": "start"}]
    for _ in range(40):
        t += rng.uniform(0.05, 25.0) / speed
        steps.append({"t": t, "do": rng.choice(ACTIONS)})
        if rng.random() < 0.3:  # two controls at the very same moment
            steps.append({"t": t, "do": rng.choice(ACTIONS)})
    t += rng.uniform(1.0, 30.0) / speed
    if end == "finish":
        steps += [{"t": t, "do": "resume"}, {"t": t + 1e5, "do": "run"}]
    else:
        steps += [{"t": t, "do": "run"}, {"t": t, "do": end}, {"t": t + 5, "do": "run"}]
    return steps


def python_trace(
    cues: list[Any], speed: float, first: int, script: list[dict[str, Any]]
) -> list[Any]:
    """Play a script on the Python Playback and return its trace."""
    playback = Playback(cues, speed=speed, first_exercise=first)
    trace: list[Any] = []
    for step in script:
        now, action = step["t"], step["do"]
        events: list[Event] = []
        if action == "start":
            events = playback.start(now)
        elif action == "run":
            while (deadline := playback.next_deadline()) is not None and deadline <= now:
                events += playback.tick(deadline)
            events += playback.tick(now)
        elif action == "pause":
            playback.pause(now)
        elif action == "resume":
            events = playback.resume(now)
        elif action == "skip":
            events = playback.skip_exercise(now)
        elif action == "repeat":
            events = playback.repeat_exercise(now)
        else:
            events = [playback.stop(StopReason(action), now)]
        current = playback.current
        trace.append(
            {
                "do": action,
                "events": [event_dict(e) for e in events],
                "next": fixed(playback.next_deadline()),
                "paused": playback.paused,
                "current": playback.cues.index(current) if current else None,
                "elapsed": fixed(playback.elapsed(now)),
                "remaining": fixed(playback.remaining_in_cue(now)),
                "left": fixed(playback.remaining_in_session(now)),
            }
        )
    return trace


# The same driver in JavaScript, run in the page against static/player/playback.js.
JS_TRACE = """
async ({cues, speed, first, script}) => {
  const {Playback} = await import("/static/player/playback.js");
  const fixed = (v) => (v === null ? null : (v + 0.0).toFixed(6));
  const eventDict = (e) => {
    if (e.type === "cue_started")
      return {type: e.type, index: e.index, deadline: fixed(e.deadline),
              lateness: fixed(e.lateness)};
    if (e.type === "exercise_ended")
      return {type: e.type, exercise: e.exercise, position: e.position,
              repetitions_done: e.repetitions_done, hold_seconds: fixed(e.hold_seconds),
              skipped: e.skipped};
    return {type: e.type, reason: e.reason, exercise: e.exercise, moved: e.moved};
  };
  const playback = new Playback(cues, speed, first);
  const trace = [];
  for (const {t: now, do: action} of script) {
    let events = [];
    if (action === "start") events = playback.start(now);
    else if (action === "run") {
      let deadline;
      while ((deadline = playback.nextDeadline()) !== null && deadline <= now)
        events = events.concat(playback.tick(deadline));
      events = events.concat(playback.tick(now));
    } else if (action === "pause") playback.pause(now);
    else if (action === "resume") events = playback.resume(now);
    else if (action === "skip") events = playback.skipExercise(now);
    else if (action === "repeat") events = playback.repeatExercise(now);
    else events = [playback.stop(action, now)];
    trace.push({do: action, events: events.map(eventDict), next: fixed(playback.nextDeadline()),
                paused: playback.paused, current: playback.currentIndex,
                elapsed: fixed(playback.elapsed(now)),
                remaining: fixed(playback.remainingInCue(now)),
                left: fixed(playback.remainingInSession(now))});
  }
  return trace;
}
"""
