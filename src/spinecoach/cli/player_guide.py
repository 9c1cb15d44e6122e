"""What the player says beside the cue: the exercise's current step, its cautions, what is next."""

from spinecoach.catalog.schema import Exercise
from spinecoach.timeline import Cue, CueKind, CueStep
from spinecoach.words import plural


def step_text(step: CueStep) -> str:
    """Return "Step n of m: ..." for the step a cue performs."""
    return f"Step {step.number} of {step.count}: {step.text}"


def cautions_text(exercise: Exercise) -> str:
    """Return the exercise's cautions, one line each, for the get-ready cue."""
    return "\n".join(f"⚠ {c.who}: {c.advice}" for c in exercise.cautions)


def guide_text(cue: Cue, exercise: Exercise | None) -> str:
    """Return the guidance under the cue: cautions while getting ready, then the cue's step."""
    if exercise is None:
        return ""
    if cue.kind is CueKind.PREPARE and exercise.cautions:
        return cautions_text(exercise)
    return step_text(cue.step) if cue.step else ""


def next_up_text(current: Cue, following: Cue | None, names: dict[str, str]) -> str:
    """Return the "Next" line: the very next thing after this cue; empty during a rest."""
    if current.kind is CueKind.REST:
        return ""  # the rest's own words already name the next stretch: say it once
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
