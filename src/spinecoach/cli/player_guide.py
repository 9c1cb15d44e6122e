"""What the player says beside the cue: the exercise's current step, its cautions, what is next."""

from collections.abc import Sequence

from spinecoach.catalog.schema import Exercise
from spinecoach.playback import Block
from spinecoach.timeline import Cue, CueKind
from spinecoach.words import plural


def step_at(exercise: Exercise, cues: Sequence[Cue], block: Block, seconds: float) -> str:
    """Return "Step n of m: ..." for a moment of the exercise's block, `seconds` on the timeline.

    The steps are spread evenly over the block after getting ready, so each stays on screen
    long enough to read and the last is reached near the end of the exercise.
    """
    steps = exercise.steps
    start, end = cues[block.first].end, cues[block.last].end
    share = (seconds - start) / (end - start) if end > start else 0.0
    number = min(len(steps), max(1, int(share * len(steps)) + 1))
    return f"Step {number} of {len(steps)}: {steps[number - 1].text}"


def cautions_text(exercise: Exercise) -> str:
    """Return the exercise's cautions, one line each, for the get-ready cue."""
    return "\n".join(f"⚠ {c.who}: {c.advice}" for c in exercise.cautions)


def guide_text(
    cue: Cue, exercise: Exercise | None, cues: Sequence[Cue], block: Block | None
) -> str:
    """Return the guidance under the cue: cautions while getting ready, then the steps."""
    if exercise is None or block is None:
        return ""
    if cue.kind is CueKind.PREPARE and exercise.cautions:
        return cautions_text(exercise)
    return step_at(exercise, cues, block, cue.at)


def next_up_text(current: Cue, following: Cue | None, names: dict[str, str]) -> str:
    """Return the "Next" line: the very next thing that will happen after this cue."""
    if following is None or following.kind is CueKind.FINISH:
        return "Next: the end of the routine"
    if following.kind is CueKind.REST:
        return f"Next: a {following.duration:g}-second rest"  # as an adjective, never plural
    if following.kind is CueKind.SWITCH_SIDE and following.side is not None:
        return f"Next: switch to the {following.side.value} side"
    if following.exercise is not None and following.exercise != current.exercise:
        return f"Next: {names.get(following.exercise, following.exercise)}"
    if following.kind is CueKind.HOLD:
        return f"Next: hold for {plural(following.duration, 'second')}"
    if following.kind is CueKind.INSTRUCTION:
        return "Next: what this stretch does"
    return f"Next: {following.text}"
