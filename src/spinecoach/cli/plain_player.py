"""Line-by-line session output for screen readers, pipes and logs; no screen control."""

from collections.abc import Callable

import typer

from spinecoach.catalog.routine import Routine
from spinecoach.cli.voice import Speaker, announce
from spinecoach.clock import Clock
from spinecoach.playback import CueStarted, Event, ExerciseEnded, Finished, Playback, StopReason
from spinecoach.timeline import Cue


def cue_line(cue: Cue, routine: Routine) -> str:
    """Return one readable line for a cue: time, exercise, side and repetition, text."""
    minutes, seconds = divmod(round(cue.at), 60)
    where = []
    if cue.exercise is not None:
        item = next(i for i in routine.items if i.exercise.id == cue.exercise)
        where.append(item.exercise.name)
        if cue.side is not None:
            where.append(f"{cue.side.value} side")
        if cue.repetition is not None:
            where.append(f"{cue.repetition} of {item.repetitions}")
    label = f" [{', '.join(where)}]" if where else ""
    return f"{minutes:02d}:{seconds:02d} {cue.kind.value} {cue.duration:g}s{label}: {cue.text}"


def run_plain(
    routine: Routine,
    playback: Playback,
    speaker: Speaker,
    clock: Clock,
    on_event: Callable[[Event], None],
) -> Finished:
    """Play the session, printing each cue as it starts; Ctrl+C stops it as a quit."""
    previous: Cue | None = None
    names = {item.exercise.id: item.exercise.name for item in routine.items}
    events = playback.start(clock.monotonic())
    try:
        while True:
            for event in events:
                # Record first, then print: a "done" line means the result is saved.
                on_event(event)
                if isinstance(event, CueStarted):
                    typer.echo(cue_line(event.cue, routine))
                    if notice := announce(speaker, event, previous):
                        typer.echo(notice, err=True)
                    previous = event.cue
                elif isinstance(event, ExerciseEnded):
                    name = names.get(event.exercise, event.exercise)
                    typer.echo(f"-- {name}: {'skipped' if event.skipped else 'done'}")
                elif isinstance(event, Finished):
                    return event
            deadline = playback.next_deadline()
            if deadline is None:  # cannot happen in plain mode: it never pauses
                raise RuntimeError("plain playback stalled without finishing")
            clock.sleep_until(deadline)
            events = playback.tick(clock.monotonic())
    except KeyboardInterrupt:
        finished = playback.stop(StopReason.QUIT, clock.monotonic())
        typer.echo("\nStopped.")
        on_event(finished)
        return finished
