// @ts-check
// Play a compiled timeline against a monotonic clock: a line-by-line port of playback.py.
//
// Pure: callers pass `now` (seconds, monotonic). Deadlines are origin + cue.at / speed, so
// waiting never accumulates drift; pause, skip and repeat only move the origin. Events and
// their fields are the Python ones (snake_case in JSON) so traces compare exactly.

export const StopReason = Object.freeze({ FINISHED: "finished", PAIN: "pain", QUIT: "quit" });
/** @type {ReadonlySet<string>} */
const MOVE_KINDS = new Set(["inhale", "exhale", "hold", "release"]);

/**
 * The timeline's shapes, as /api/timeline answers them (web/answers_catalog.py).
 * @typedef {"prepare" | "instruction" | "inhale" | "exhale" | "hold" | "release" | "rest"
 *   | "switch_side" | "finish"} CueKind
 * @typedef {"left" | "right"} Side
 * @typedef {{offset: number, seconds: number, kind: CueKind}} Breath
 * @typedef {{exercise: string, name: string, side: Side | null}} NextPart
 * @typedef {{number: number, count: number, text: string}} CueStep
 * @typedef {{
 *   at: number, duration: number, kind: CueKind, exercise: string | null, side: Side | null,
 *   repetition: number | null, text: string, breaths: Breath[], step: CueStep | null,
 *   next: NextPart | null,
 * }} Cue
 *
 * One exercise's run of cues: `first` and `last` are cue indexes, `position` its order.
 * @typedef {{exercise: string, position: number, first: number, last: number}} Block
 *
 * The events, with playback.py's fields.
 * @typedef {typeof StopReason[keyof typeof StopReason]} Reason
 * @typedef {{type: "cue_started", index: number, cue: Cue, deadline: number, lateness: number}}
 *   CueStarted
 * @typedef {{
 *   type: "exercise_ended", exercise: string, position: number, repetitions_done: number,
 *   hold_seconds: number, skipped: boolean,
 * }} ExerciseEnded
 * @typedef {{type: "finished", reason: Reason, exercise: string | null, moved: boolean}} Finished
 * @typedef {CueStarted | ExerciseEnded | Finished} PlaybackEvent
 */

/**
 * Return the end of a cue: the second at which the next cue starts.
 * @param {Cue} cue
 * @returns {number}
 */
export function cueEnd(cue) {
  return cue.at + cue.duration;
}

/**
 * Group the cues into one block per exercise, in order.
 * @param {Cue[]} cues
 * @returns {Block[]}
 */
export function exerciseBlocks(cues) {
  /** @type {Block[]} */
  const blocks = [];
  cues.forEach((cue, index) => {
    if (cue.exercise === null) return;
    const last = blocks[blocks.length - 1];
    if (last && last.exercise === cue.exercise && last.last === index - 1) {
      last.last = index;
    } else {
      blocks.push({ exercise: cue.exercise, position: blocks.length, first: index, last: index });
    }
  });
  return blocks;
}

/**
 * Return the most a block can report: its repetitions (per side) and its held seconds.
 * @param {Cue[]} cues
 * @param {Block} block
 * @returns {{repetitions: number, hold: number}}
 */
export function blockLimits(cues, block) {
  const own = cues.slice(block.first, block.last + 1);
  const repetitions = new Set(own.filter((c) => MOVE_KINDS.has(c.kind)).map((c) => `${c.side}/${c.repetition}`));
  const hold = own.filter((c) => c.kind === "hold").reduce((sum, c) => sum + c.duration, 0);
  return { repetitions: repetitions.size, hold };
}

/**
 * @param {number} index
 * @param {Cue} cue
 * @param {number} deadline
 * @param {number} lateness
 * @returns {CueStarted}
 */
function cueStarted(index, cue, deadline, lateness) {
  return { type: "cue_started", index, cue, deadline, lateness };
}

/**
 * @param {string} exercise
 * @param {number} position
 * @param {number} repetitionsDone
 * @param {number} holdSeconds
 * @param {boolean} skipped
 * @returns {ExerciseEnded}
 */
function exerciseEnded(exercise, position, repetitionsDone, holdSeconds, skipped) {
  return {
    type: "exercise_ended",
    exercise,
    position,
    repetitions_done: repetitionsDone,
    hold_seconds: holdSeconds,
    skipped,
  };
}

/**
 * The session is over; `moved` says whether the person had begun moving in `exercise`.
 * @param {Reason} reason
 * @param {string | null} exercise
 * @param {boolean} [moved]
 * @returns {Finished}
 */
function finishedEvent(reason, exercise, moved = false) {
  return { type: "finished", reason, exercise, moved };
}

/** The state of one playing session; all times are monotonic seconds passed in by callers. */
export class Playback {
  /**
   * @param {Iterable<Cue>} cues
   * @param {number} [speed]
   * @param {number} [firstExercise]
   */
  constructor(cues, speed = 1.0, firstExercise = 0) {
    if (!(speed > 0)) throw new RangeError("speed must be positive");
    this.cues = Array.from(cues);
    this.speed = speed;
    this.blocks = exerciseBlocks(this.cues);
    if (firstExercise >= this.blocks.length && this.blocks.length > 0) {
      // Every exercise was done before the interruption: only the closing cue is left.
      this._next = this.cues.length - 1;
    } else {
      this._next = firstExercise ? this.blocks[firstExercise].first : 0;
    }
    /** @type {number | null} */
    this._current = null;
    this._origin = 0.0;
    /** @type {number | null} */
    this._pausedAt = null;
    this._repetitions = 0;
    this._hold = 0.0;
    this._endedBlocks = new Set(this.blocks.slice(0, firstExercise).map((b) => b.position));
    // Blocks a movement cue has started in, as in playback.py.
    this._movedBlocks = new Set(this._endedBlocks);
    /** @type {Finished | null} */
    this.finished = null;
  }

  // -- clock arithmetic -------------------------------------------------------------
  /**
   * Start playing now and return the first cue.
   * @param {number} now
   * @returns {PlaybackEvent[]}
   */
  start(now) {
    this._origin = now - this.cues[this._next].at / this.speed;
    return this.tick(now);
  }

  /**
   * Return the monotonic time at which cue `index` is due.
   * @param {number} index
   * @returns {number}
   */
  deadline(index) {
    return this._origin + this.cues[index].at / this.speed;
  }

  /** Return the monotonic time at which the last cue ends. */
  endDeadline() {
    return this._origin + cueEnd(this.cues[this.cues.length - 1]) / this.speed;
  }

  /**
   * Return when something next happens, or null while paused or finished.
   * @returns {number | null}
   */
  nextDeadline() {
    if (this.finished || this._pausedAt !== null) return null;
    return this._next < this.cues.length ? this.deadline(this._next) : this.endDeadline();
  }

  /** Return whether the session is paused. */
  get paused() {
    return this._pausedAt !== null;
  }

  /** Return the index of the cue playing now, or null. */
  get currentIndex() {
    return this._current;
  }

  /** Return the cue playing now, if any. */
  get current() {
    return this._current !== null ? this.cues[this._current] : null;
  }

  /** Return the next cue that belongs to a different exercise or rest, for "next up". */
  get upcoming() {
    if (this._current === null) return this.cues[0];
    const here = this.cues[this._current].exercise;
    const rest = this.cues.slice(this._current + 1);
    return rest.find((c) => c.exercise !== here) ?? null;
  }

  /**
   * Return the timeline seconds played so far (frozen while paused).
   * @param {number} now
   * @returns {number}
   */
  elapsed(now) {
    const moment = this._pausedAt !== null ? this._pausedAt : now;
    return Math.max(0.0, (moment - this._origin) * this.speed);
  }

  /**
   * Return the timeline seconds left in the current cue, for the countdown.
   * @param {number} now
   * @returns {number}
   */
  remainingInCue(now) {
    const cue = this.current;
    return cue ? Math.max(0.0, cueEnd(cue) - this.elapsed(now)) : 0.0;
  }

  /**
   * Return the timeline seconds left until the last cue ends, for the time left.
   * @param {number} now
   * @returns {number}
   */
  remainingInSession(now) {
    return Math.max(0.0, cueEnd(this.cues[this.cues.length - 1]) - this.elapsed(now));
  }

  // -- advancing ----------------------------------------------------------------------
  /**
   * Return everything that became due by `now`, in order.
   * @param {number} now
   * @returns {PlaybackEvent[]}
   */
  tick(now) {
    if (this.finished || this._pausedAt !== null) return [];
    /** @type {PlaybackEvent[]} */
    let events = [];
    while (this._next < this.cues.length && this.deadline(this._next) <= now) {
      events = events.concat(this._enter(this._next, now));
      this._next += 1;
    }
    if (this._next === this.cues.length && now >= this.endDeadline()) {
      events = events.concat(this._leaveCurrent(false));
      this.finished = finishedEvent(StopReason.FINISHED, null);
      events.push(this.finished);
    }
    return events;
  }

  /**
   * @param {number | null} index
   * @returns {Block | null}
   */
  _blockOf(index) {
    if (index === null) return null;
    return this.blocks.find((b) => b.first <= index && index <= b.last) ?? null;
  }

  /**
   * @param {number} index
   * @param {number} now
   * @returns {PlaybackEvent[]}
   */
  _enter(index, now) {
    const events = this._leaveCurrent(false, index);
    this._current = index;
    const block = this._blockOf(index);
    if (block !== null && MOVE_KINDS.has(this.cues[index].kind)) this._movedBlocks.add(block.position);
    const deadline = this.deadline(index);
    events.push(cueStarted(index, this.cues[index], deadline, now - deadline));
    return events;
  }

  /**
   * Account for the cue being left; end its exercise if the next cue is outside it.
   * @param {boolean} skipped
   * @param {number | null} [entering]
   * @returns {PlaybackEvent[]}
   */
  _leaveCurrent(skipped, entering = null) {
    if (this._current === null) return [];
    const cue = this.cues[this._current];
    if (!skipped) {
      this._hold += cue.kind === "hold" ? cue.duration : 0.0;
      const nxt = entering !== null ? this.cues[entering] : null;
      const lastPhase =
        nxt === null || nxt.side !== cue.side || nxt.repetition !== cue.repetition;
      if (MOVE_KINDS.has(cue.kind) && lastPhase) this._repetitions += 1;
    }
    const block = this._blockOf(this._current);
    if (block === null) return [];
    if (entering !== null && block.first <= entering && entering <= block.last) return [];
    return this._endBlock(block, skipped);
  }

  /**
   * Report the block's result once; a replay after it was reported is extra practice.
   * @param {Block} block
   * @param {boolean} skipped
   * @returns {PlaybackEvent[]}
   */
  _endBlock(block, skipped) {
    // A repeat adds to what was done, up to what the block holds (as playback.py says why).
    const most = blockLimits(this.cues, block);
    const repetitions = Math.min(this._repetitions, most.repetitions);
    const hold = Math.min(this._hold, most.hold);
    this._repetitions = 0;
    this._hold = 0.0;
    if (this._endedBlocks.has(block.position)) return [];
    this._endedBlocks.add(block.position);
    return [exerciseEnded(block.exercise, block.position, repetitions, hold, skipped)];
  }

  // -- controls -------------------------------------------------------------------------
  /**
   * Freeze the session; nothing is due until resume.
   * @param {number} now
   */
  pause(now) {
    if (this._pausedAt === null && !this.finished) this._pausedAt = now;
  }

  /**
   * Continue from where it was paused, shifting every later deadline by the pause.
   * @param {number} now
   * @returns {PlaybackEvent[]}
   */
  resume(now) {
    if (this._pausedAt === null) return [];
    this._origin += now - this._pausedAt;
    this._pausedAt = null;
    return this.tick(now);
  }

  /**
   * @param {number} index
   * @param {number} now
   * @returns {PlaybackEvent[]}
   */
  _jump(index, now) {
    this._pausedAt = null;
    this._current = null;
    this._next = index;
    if (index >= this.cues.length) {
      this._origin = now - cueEnd(this.cues[this.cues.length - 1]) / this.speed;
    } else {
      this._origin = now - this.cues[index].at / this.speed;
    }
    return this.tick(now);
  }

  /**
   * End the current exercise as skipped and go on to what follows it.
   * @param {number} now
   * @returns {PlaybackEvent[]}
   */
  skipExercise(now) {
    if (this.finished) return [];
    const block = this._blockOf(this._current);
    if (block === null) {
      // resting: skip the rest and start the next exercise
      const from = this._current || -1; // as Python's `or`: cue 0 counts as none
      const following = this.blocks.find((b) => b.first > from);
      return this._jump(following ? following.first : this.cues.length, now);
    }
    const here = this.cues[this._current || 0];
    if (here.kind === "hold") this._hold += this.elapsed(now) - here.at;
    return this._endBlock(block, true).concat(this._jump(block.last + 1, now));
  }

  /**
   * Start the current exercise again from its first cue (the one before, while resting).
   *
   * What was done before the repeat still counts: repetitions and hold time add up, and an
   * exercise whose result was already reported is not reported again.
   * @param {number} now
   * @returns {PlaybackEvent[]}
   */
  repeatExercise(now) {
    if (this.finished) return [];
    let block = this._blockOf(this._current);
    if (block === null) {
      const earlier = this.blocks.filter((b) => b.last < (this._current || 0));
      block = earlier.length ? earlier[earlier.length - 1] : this.blocks[0];
    } else {
      const here = this.cues[this._current || 0];
      if (here.kind === "hold") this._hold += this.elapsed(now) - here.at;
    }
    return this._jump(block.first, now);
  }

  /**
   * End the session early; the exercise in progress is named, not recorded as done.
   * @param {Reason} reason
   * @param {number} _now unused, as in playback.py (the controls all take the clock)
   * @returns {Finished}
   */
  stop(reason, _now) {
    if (this.finished) return this.finished;
    const current = this._current;
    let block = this._blockOf(current);
    if (block === null && current !== null) {
      const earlier = this.blocks.filter((b) => b.last < current);
      block = earlier.length ? earlier[earlier.length - 1] : null;
    }
    this._pausedAt = null;
    this.finished = block
      ? finishedEvent(reason, block.exercise, this._movedBlocks.has(block.position))
      : finishedEvent(reason, null);
    return this.finished;
  }
}
