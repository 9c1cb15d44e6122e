"""Compile a routine into one flat, gap-free list of timed cues that every player follows.

Breathing inside a hold is carried on the hold cue as precomputed breath segments instead of
being split into separate inhale/exhale cues: "what to do now" stays one hold with one countdown,
while the pacer (terminal, browser, voice) reads the segments and never recomputes timing.
Likewise each cue of an exercise carries the step it performs, with its side filled in, as the
content ties them, so no front end works out which step is current, and each cue names the
stretch and side that come after the one it belongs to, so no front end works out the order.
"""

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from spinecoach.catalog.labels import setting_words
from spinecoach.catalog.routine import PlannedExercise, Routine
from spinecoach.catalog.schema import BreathPattern, Exercise, fill_side
from spinecoach.catalog.vocabulary import PhaseKind, Side

# Spoken cues must fit their slot: 150 words a minute is a calm speaking pace (espeak-ng's
# default is 175), so a cue whose text takes longer than its slot is stretched to fit.
WORDS_PER_SECOND = 2.5
SWITCH_SIDE_SECONDS = 5.0
FINISH_SECONDS = 5.0
MIN_ANNOUNCE_SECONDS = 3.0


class CueKind(StrEnum):
    """What the person should be doing during a cue."""

    PREPARE = "prepare"
    INSTRUCTION = "instruction"
    INHALE = "inhale"
    EXHALE = "exhale"
    HOLD = "hold"
    RELEASE = "release"
    REST = "rest"
    SWITCH_SIDE = "switch_side"
    FINISH = "finish"


@dataclass(frozen=True, slots=True)
class Breath:
    """One breath in or out inside a hold, offset from the start of the hold cue."""

    offset: float
    seconds: float
    kind: CueKind

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of a breath segment."""
        return {"offset": self.offset, "seconds": self.seconds, "kind": self.kind.value}


@dataclass(frozen=True, slots=True)
class CueStep:
    """The step of the exercise a cue performs: its number, how many there are, its words."""

    number: int
    count: int
    text: str

    @classmethod
    def of(cls, exercise: Exercise, number: int, side: Side | None) -> "CueStep":
        """Return step `number` (from 1) of the exercise, worded for `side`."""
        return cls(number, len(exercise.steps), fill_side(exercise.steps[number - 1].text, side))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of a cue's step."""
        return {"number": self.number, "count": self.count, "text": self.text}


@dataclass(frozen=True, slots=True)
class NextPart:
    """The stretch, and its side, that comes after the one a cue belongs to."""

    exercise: str
    name: str
    side: Side | None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of what comes next."""
        return {
            "exercise": self.exercise,
            "name": self.name,
            "side": self.side.value if self.side else None,
        }


@dataclass(frozen=True, slots=True)
class Cue:
    """One instruction on the timeline: starts `at` seconds after the start, lasts `duration`."""

    at: float
    duration: float
    kind: CueKind
    text: str
    exercise: str | None = None
    side: Side | None = None
    repetition: int | None = None
    breaths: tuple[Breath, ...] = ()
    step: CueStep | None = None
    # None on the last stretch's last side (and the end): nothing but the end comes after.
    next_part: NextPart | None = None

    @property
    def end(self) -> float:
        """Return the second at which the next cue starts."""
        return self.at + self.duration

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of a cue."""
        return {
            "at": self.at,
            "duration": self.duration,
            "kind": self.kind.value,
            "exercise": self.exercise,
            "side": self.side.value if self.side else None,
            "repetition": self.repetition,
            "text": self.text,
            "breaths": [breath.to_dict() for breath in self.breaths],
            "step": self.step.to_dict() if self.step else None,
            "next": self.next_part.to_dict() if self.next_part else None,
        }


def speaking_seconds(text: str) -> float:
    """Return how long the text takes to say aloud at a calm pace, in whole seconds."""
    return float(math.ceil(len(text.split()) / WORDS_PER_SECOND))


def hold_breaths(seconds: float, pattern: BreathPattern) -> tuple[Breath, ...]:
    """Split a hold into whole slow breaths, stretched or squeezed evenly to fill it exactly."""
    cycle = pattern.inhale_seconds + pattern.exhale_seconds
    count = max(1, round(seconds / cycle))
    scale = seconds / (count * cycle)
    inhale, exhale = pattern.inhale_seconds * scale, pattern.exhale_seconds * scale
    breaths: list[Breath] = []
    for index in range(count):
        start = index * (inhale + exhale)
        breaths.append(Breath(start, inhale, CueKind.INHALE))
        breaths.append(Breath(start + inhale, exhale, CueKind.EXHALE))
    return tuple(breaths)


class _Builder:
    """Append cues back to back so the timeline has no gaps by construction."""

    def __init__(self) -> None:
        self.cues: list[Cue] = []
        self.now = 0.0

    def add(self, kind: CueKind, seconds: float, text: str, **details: Any) -> None:
        self.cues.append(Cue(self.now, seconds, kind, text, **details))
        self.now += seconds

    def announce(self, kind: CueKind, text: str, at_least: float = 0.0, **details: Any) -> None:
        seconds = max(at_least, speaking_seconds(text), MIN_ANNOUNCE_SECONDS)
        self.add(kind, seconds, text, **details)


def _parts(routine: Routine) -> list[NextPart]:
    """Return every stretch and side of the routine in the order they are done."""
    return [
        NextPart(item.exercise.id, item.exercise.name, side)
        for item in routine.items
        for side in item.sides
    ]


def _repetitions(
    builder: _Builder, item: PlannedExercise, side: Side | None, after: NextPart | None
) -> None:
    exercise = item.exercise
    for repetition in range(1, item.repetitions + 1):
        for phase in exercise.repetition:
            seconds = float(phase.seconds if phase.seconds is not None else item.hold_seconds)
            is_hold = phase.kind is PhaseKind.HOLD
            builder.add(
                CueKind(phase.kind.value),
                seconds,
                fill_side(phase.text, side),
                exercise=exercise.id,
                side=side,
                repetition=repetition,
                breaths=hold_breaths(seconds, exercise.hold_breath) if is_hold else (),
                step=CueStep.of(exercise, phase.step, side),
                next_part=after,
            )


def _part_words(name: str, sides: tuple[Side | None, ...]) -> str:
    """Return a stretch and the side it starts on, said once: "Seated back twist, left side"."""
    first = sides[0]
    if first is None:
        return name
    return f"{name}, {first.value} side" + (" first" if len(sides) > 1 else "")


def compile_timeline(routine: Routine) -> list[Cue]:
    """Compile a routine into timed cues: prepare, instruct, each repetition and side, finish."""
    builder = _Builder()
    parts = iter([*_parts(routine)[1:], None])
    previous_position = None
    for index, item in enumerate(routine.items):
        exercise = item.exercise
        setup = CueStep.of(exercise, exercise.setup_step, item.sides[0])
        if index > 0 and routine.rest_seconds > 0:
            # A rest leads into this stretch's first side: that is what comes next.
            coming = NextPart(exercise.id, exercise.name, item.sides[0])
            builder.announce(
                CueKind.REST,
                f"Rest. Next: {_part_words(item.exercise.name, item.sides)}.",
                at_least=routine.rest_seconds,
                next_part=coming,
            )
        after = next(parts)  # getting ready and the instruction belong to the first side
        if item.position.id != previous_position:
            # Getting down to the floor or onto hands and knees takes real time.
            text = f"{exercise.name}. {item.position.get_into}"
            builder.announce(
                CueKind.PREPARE,
                text,
                at_least=item.position.setup_seconds,
                exercise=exercise.id,
                step=setup,
                next_part=after,
            )
        else:
            builder.announce(
                CueKind.PREPARE,
                f"{exercise.name}.",
                exercise=exercise.id,
                step=setup,
                next_part=after,
            )
        previous_position = item.position.id
        builder.announce(
            CueKind.INSTRUCTION, exercise.summary, exercise=exercise.id, step=setup, next_part=after
        )
        for side_index, side in enumerate(item.sides):
            if side_index > 0:
                after = next(parts)
            if side_index > 0 and side is not None:
                switch = exercise.switch_step  # the content requires one for two sides
                builder.announce(
                    CueKind.SWITCH_SIDE,
                    f"Switch sides. Now the {side.value} side.",
                    at_least=SWITCH_SIDE_SECONDS,
                    exercise=exercise.id,
                    side=side,
                    step=CueStep.of(exercise, switch, side) if switch else None,
                    next_part=after,
                )
            _repetitions(builder, item, side, after)
    builder.add(CueKind.FINISH, FINISH_SECONDS, "Well done. That is the end of the routine.")
    return builder.cues


def total_seconds(cues: Sequence[Cue]) -> float:
    """Return the length of a compiled timeline."""
    return cues[-1].end if cues else 0.0


def cue_at(cues: Sequence[Cue], elapsed: float) -> Cue:
    """Return the one cue playing `elapsed` seconds after the start (the last one past the end)."""
    index = bisect_right([cue.at for cue in cues], elapsed) - 1
    return cues[max(0, min(index, len(cues) - 1))]


def timeline_to_dict(routine: Routine, cues: Sequence[Cue]) -> dict[str, Any]:
    """Return the JSON shape of a compiled routine: the routine, its length and every cue."""
    return {
        "routine": routine.to_dict(),
        # The start screen's words, so a resumed or offline player says the same as the server.
        "setting": setting_words(routine.places),
        "total_seconds": total_seconds(cues),
        "cues": [cue.to_dict() for cue in cues],
    }
