"""Play a compiled timeline against a monotonic clock: deadlines, pause, skip, repeat and stop.

Every front end drives the same Playback: it asks for the next deadline, waits until then in
its own way (a blocking sleep, a Textual timer), and calls tick(now) to learn what started.
Deadlines are origin + cue.at / speed, so waiting never accumulates drift; pausing and jumping
only move the origin.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from spinecoach.timeline import Cue, CueKind

MOVE_KINDS = frozenset({CueKind.INHALE, CueKind.EXHALE, CueKind.HOLD, CueKind.RELEASE})


class StopReason(StrEnum):
    """Why a session ended."""

    FINISHED = "finished"
    PAIN = "pain"
    QUIT = "quit"


@dataclass(frozen=True)
class CueStarted:
    """A cue became current; lateness is how far after its deadline it was noticed."""

    index: int
    cue: Cue
    deadline: float
    lateness: float


@dataclass(frozen=True)
class ExerciseEnded:
    """An exercise was completed or skipped; repetitions are counted per side."""

    exercise: str
    position: int
    repetitions_done: int
    hold_seconds: float
    skipped: bool


@dataclass(frozen=True)
class Finished:
    """The session is over; exercise is the one in progress when it was stopped early.

    moved says whether the person had begun moving in that exercise (or had moved in it,
    while resting after it): a stop during "Get ready" names a stretch that was never started,
    and pain getting worse then must not be blamed on it.
    """

    reason: StopReason
    exercise: str | None
    moved: bool = False

    @property
    def stretching(self) -> str | None:
        """Return the exercise the person was moving in when they stopped, or None."""
        return self.exercise if self.moved else None


Event = CueStarted | ExerciseEnded | Finished


@dataclass(frozen=True)
class Block:
    """The contiguous cues of one exercise: its position in the routine and cue index range."""

    exercise: str
    position: int
    first: int
    last: int


def exercise_blocks(cues: Sequence[Cue]) -> list[Block]:
    """Group the cues into one block per exercise, in order."""
    blocks: list[Block] = []
    for index, cue in enumerate(cues):
        if cue.exercise is None:
            continue
        if blocks and blocks[-1].exercise == cue.exercise and blocks[-1].last == index - 1:
            blocks[-1] = Block(cue.exercise, blocks[-1].position, blocks[-1].first, index)
        else:
            blocks.append(Block(cue.exercise, len(blocks), index, index))
    return blocks


def block_limits(cues: Sequence[Cue], block: Block) -> tuple[int, float]:
    """Return the most a block can report: its repetitions (per side) and its held seconds."""
    own = cues[block.first : block.last + 1]
    repetitions = len({(c.side, c.repetition) for c in own if c.kind in MOVE_KINDS})
    return repetitions, sum((c.duration for c in own if c.kind is CueKind.HOLD), 0.0)


class Playback:
    """The state of one playing session; all times are monotonic seconds passed in by callers."""

    def __init__(self, cues: Sequence[Cue], speed: float = 1.0, first_exercise: int = 0) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.cues = list(cues)
        self.speed = speed
        self.blocks = exercise_blocks(self.cues)
        if first_exercise >= len(self.blocks) > 0:
            # Every exercise was done before the interruption: only the closing cue is left.
            self._next = len(self.cues) - 1
        else:
            self._next = self.blocks[first_exercise].first if first_exercise else 0
        self._current: int | None = None
        self._origin = 0.0
        self._paused_at: float | None = None
        self._repetitions = 0
        self._hold = 0.0
        self._ended_blocks: set[int] = {b.position for b in self.blocks[:first_exercise]}
        # Blocks a movement cue has started in; those done before a resume count as moved in,
        # the cautious reading for a pain stop in the rest that follows them.
        self._moved_blocks: set[int] = set(self._ended_blocks)
        self.finished: Finished | None = None

    # -- clock arithmetic -------------------------------------------------------------
    def start(self, now: float) -> list[Event]:
        """Start playing now and return the first cue."""
        self._origin = now - self.cues[self._next].at / self.speed
        return self.tick(now)

    def deadline(self, index: int) -> float:
        """Return the monotonic time at which cue `index` is due."""
        return self._origin + self.cues[index].at / self.speed

    def end_deadline(self) -> float:
        """Return the monotonic time at which the last cue ends."""
        return self._origin + self.cues[-1].end / self.speed

    def next_deadline(self) -> float | None:
        """Return when something next happens, or None while paused or finished."""
        if self.finished or self._paused_at is not None:
            return None
        return self.deadline(self._next) if self._next < len(self.cues) else self.end_deadline()

    @property
    def paused(self) -> bool:
        """Return whether the session is paused."""
        return self._paused_at is not None

    @property
    def current(self) -> Cue | None:
        """Return the cue playing now, if any."""
        return self.cues[self._current] if self._current is not None else None

    @property
    def upcoming(self) -> Cue | None:
        """Return the next cue that belongs to a different exercise or rest, for "next up"."""
        if self._current is None:
            return self.cues[0]
        here = self.cues[self._current].exercise
        return next((c for c in self.cues[self._current + 1 :] if c.exercise != here), None)

    def elapsed(self, now: float) -> float:
        """Return the timeline seconds played so far (frozen while paused)."""
        moment = self._paused_at if self._paused_at is not None else now
        return max(0.0, (moment - self._origin) * self.speed)

    def remaining_in_cue(self, now: float) -> float:
        """Return the timeline seconds left in the current cue, for the countdown."""
        cue = self.current
        return max(0.0, cue.end - self.elapsed(now)) if cue else 0.0

    def remaining_in_session(self, now: float) -> float:
        """Return the timeline seconds left until the last cue ends, for the time left."""
        return max(0.0, self.cues[-1].end - self.elapsed(now))

    # -- advancing ----------------------------------------------------------------------
    def tick(self, now: float) -> list[Event]:
        """Return everything that became due by `now`, in order."""
        if self.finished or self._paused_at is not None:
            return []
        events: list[Event] = []
        while self._next < len(self.cues) and self.deadline(self._next) <= now:
            events += self._enter(self._next, now)
            self._next += 1
        if self._next == len(self.cues) and now >= self.end_deadline():
            events += self._leave_current(skipped=False)
            self.finished = Finished(StopReason.FINISHED, None)
            events.append(self.finished)
        return events

    def _block_of(self, index: int | None) -> Block | None:
        if index is None:
            return None
        return next((b for b in self.blocks if b.first <= index <= b.last), None)

    def _enter(self, index: int, now: float) -> list[Event]:
        events = self._leave_current(skipped=False, entering=index)
        self._current = index
        block = self._block_of(index)
        if block is not None and self.cues[index].kind in MOVE_KINDS:
            self._moved_blocks.add(block.position)
        deadline = self.deadline(index)
        events.append(CueStarted(index, self.cues[index], deadline, now - deadline))
        return events

    def _leave_current(self, skipped: bool, entering: int | None = None) -> list[Event]:
        """Account for the cue being left; end its exercise if the next cue is outside it."""
        if self._current is None:
            return []
        cue = self.cues[self._current]
        if not skipped:
            self._hold += cue.duration if cue.kind is CueKind.HOLD else 0.0
            nxt = self.cues[entering] if entering is not None else None
            last_phase = nxt is None or (nxt.side, nxt.repetition) != (cue.side, cue.repetition)
            if cue.kind in MOVE_KINDS and last_phase:
                self._repetitions += 1
        block = self._block_of(self._current)
        if block is None:
            return []
        if entering is not None and block.first <= entering <= block.last:
            return []
        return self._end_block(block, skipped)

    def _end_block(self, block: Block, skipped: bool) -> list[Event]:
        """Report the block's result once; a replay after it was reported is extra practice.

        A repeat inside the block adds to what was done, up to what the block holds: the
        result says how much of the plan was done, and the store refuses more than that.
        """
        most_repetitions, most_hold = block_limits(self.cues, block)
        repetitions = min(self._repetitions, most_repetitions)
        hold = min(self._hold, most_hold)
        self._repetitions, self._hold = 0, 0.0
        if block.position in self._ended_blocks:
            return []
        self._ended_blocks.add(block.position)
        return [ExerciseEnded(block.exercise, block.position, repetitions, hold, skipped)]

    # -- controls -------------------------------------------------------------------------
    def pause(self, now: float) -> None:
        """Freeze the session; nothing is due until resume."""
        if self._paused_at is None and not self.finished:
            self._paused_at = now

    def resume(self, now: float) -> list[Event]:
        """Continue from where it was paused, shifting every later deadline by the pause."""
        if self._paused_at is None:
            return []
        self._origin += now - self._paused_at
        self._paused_at = None
        return self.tick(now)

    def _jump(self, index: int, now: float) -> list[Event]:
        self._paused_at = None
        self._current = None
        self._next = index
        if index >= len(self.cues):
            self._origin = now - self.cues[-1].end / self.speed
        else:
            self._origin = now - self.cues[index].at / self.speed
        return self.tick(now)

    def skip_exercise(self, now: float) -> list[Event]:
        """End the current exercise as skipped and go on to what follows it."""
        if self.finished:
            return []
        block = self._block_of(self._current)
        if block is None:  # resting: skip the rest and start the next exercise
            following = next((b for b in self.blocks if b.first > (self._current or -1)), None)
            return self._jump(following.first if following else len(self.cues), now)
        if self.cues[self._current or 0].kind is CueKind.HOLD:
            self._hold += self.elapsed(now) - self.cues[self._current or 0].at
        return self._end_block(block, skipped=True) + self._jump(block.last + 1, now)

    def repeat_exercise(self, now: float) -> list[Event]:
        """Start the current exercise again from its first cue (the one before, while resting).

        What was done before the repeat still counts: repetitions and hold time add up, and an
        exercise whose result was already reported (repeated from the rest after it) is not
        reported again, so a skipped repeat never turns a finished exercise into a skipped one.
        """
        if self.finished:
            return []
        block = self._block_of(self._current)
        if block is None:
            earlier = [b for b in self.blocks if b.last < (self._current or 0)]
            block = earlier[-1] if earlier else self.blocks[0]
        elif self.cues[self._current or 0].kind is CueKind.HOLD:
            self._hold += self.elapsed(now) - self.cues[self._current or 0].at
        return self._jump(block.first, now)

    def stop(self, reason: StopReason, now: float) -> Finished:
        """End the session early; the exercise in progress is named, not recorded as done."""
        if self.finished:
            return self.finished
        block = self._block_of(self._current)
        if block is None and self._current is not None:
            earlier = [b for b in self.blocks if b.last < self._current]
            block = earlier[-1] if earlier else None
        self._paused_at = None
        if block is None:
            self.finished = Finished(reason, None)
        else:
            self.finished = Finished(reason, block.exercise, block.position in self._moved_blocks)
        return self.finished
