// @ts-check
// What the person sees: cue words, countdown ring, breath pacer, figure, progress, next up.
//
// Only draws; all timing comes from Playback. Each figure is one repetition's motion data,
// drawn (figure.js) at the time the timeline gives, so the body moves in step with cues.

import { $, elementOf } from "./dom.js";
import { Figure } from "./figure.js";

/**
 * @typedef {import("./playback.js").Cue} Cue
 * @typedef {import("./playback.js").Playback} Playback
 *
 * One figure of the plan: an exercise (and side) and the phases its repetition moves through,
 * [kind, seconds] each, starting at `starts` seconds into the figure.
 * @typedef {{exercise: string, side: import("./playback.js").Side | null,
 *   phases: [string, number][], starts: number[]}} PlannedFigure
 *
 * Where a cue plays in its figure: from `offset` seconds for `length` seconds; `phase` is the
 * movement's phase, for a cue that moves.
 * @typedef {{key: string, offset: number, length: number, phase?: number}} Slot
 */

/** @type {Record<string, string>} */
const KIND_WORDS = {
  prepare: "Get ready",
  instruction: "How to do it",
  inhale: "Breathe in",
  exhale: "Breathe out",
  hold: "Hold",
  release: "Release",
  rest: "Rest",
  switch_side: "Switch sides",
  finish: "Done",
};
const MOVE_KINDS = new Set(["inhale", "exhale", "hold", "release"]);
const FIGURE_START = 0.5; // seconds of start position before the repetition in each figure
const FIGURE_HOLD = 1.0; // a hold is drawn this long; the pose barely changes during it
const RING_LENGTH = 2 * Math.PI * 45;

const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

/** @param {number} t */
function ease(t) {
  const x = Math.min(1, Math.max(0, t));
  return x * x * (3 - 2 * x);
}

/** @param {Cue} cue */
function figureKey(cue) {
  return `${cue.exercise}|${cue.side ?? ""}`;
}

/**
 * Return each figure's phases and, per cue, where in its figure's time the cue plays.
 * @param {Cue[]} cues
 * @returns {{figures: Map<string, PlannedFigure>, slots: (Slot | null)[]}}
 */
export function figurePlan(cues) {
  /** @type {Map<string, PlannedFigure>} */
  const figures = new Map();
  /** @type {(Slot | null)[]} */
  const slots = cues.map(() => null);
  /** @type {string | null} */
  let group = null;
  let phase = 0;
  cues.forEach((cue, index) => {
    if (!cue.exercise) return;
    const key = figureKey(cue);
    let figure = figures.get(key);
    if (!figure) {
      figure = { exercise: cue.exercise, side: cue.side, phases: [], starts: [] };
      figures.set(key, figure);
    }
    if (!MOVE_KINDS.has(cue.kind)) {
      slots[index] = { key, offset: FIGURE_START, length: 0 };
      return;
    }
    const thisGroup = `${key}|${cue.repetition}`;
    phase = thisGroup === group ? phase + 1 : 0;
    group = thisGroup;
    if (cue.repetition === 1) {
      figure.phases.push([cue.kind, cue.kind === "hold" ? FIGURE_HOLD : cue.duration]);
    }
    slots[index] = { key, phase, offset: 0, length: 0 }; // offset, length: below, by phase
  });
  for (const figure of figures.values()) {
    let offset = FIGURE_START;
    for (const [, seconds] of figure.phases) {
      figure.starts.push(offset);
      offset += seconds;
    }
  }
  // A still cue (get ready, switch sides) shows the figure of the movement that follows it.
  /** @type {string | null} */
  let following = null;
  for (let index = cues.length - 1; index >= 0; index -= 1) {
    const slot = slots[index];
    if (!slot) {
      // Resting: show where the next exercise starts.
      if (following) slots[index] = { key: following, offset: FIGURE_START, length: 0 };
      continue;
    }
    if (slot.phase !== undefined) following = slot.key;
    else if (!figures.get(slot.key)?.phases.length && following?.startsWith(`${cues[index].exercise}|`)) {
      slot.key = following;
    }
  }
  for (const [key, figure] of figures) if (!figure.phases.length) figures.delete(key);
  slots.forEach((slot) => {
    if (!slot || slot.phase === undefined) return;
    const figure = figures.get(slot.key);
    if (!figure) return; // no first repetition to draw it from: the figure is not shown
    const at = Math.min(slot.phase, figure.phases.length - 1);
    slot.offset = figure.starts[at];
    slot.length = figure.phases[at][1];
  });
  return { figures, slots };
}

/**
 * Return the "Next" line: the stretch and side the timeline says come after this cue's.
 * @param {Cue} cue
 */
function nextWords(cue) {
  // A rest's own words already name the next stretch and side: say it once (as the terminal does).
  if (cue.kind === "finish" || cue.kind === "rest") return "";
  if (!cue.next) return "Next: the end of the session";
  return `Next: ${cue.next.name}${cue.next.side ? `, ${cue.next.side} side` : ""}`;
}

/**
 * Return whole seconds as minutes and seconds, 12:05.
 * @param {number} seconds
 */
function clockWords(seconds) {
  const whole = Math.max(0, seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * Return the address of a figure's motion data, for its phases.
 * @param {{exercise: string, side: string | null, phases: [string, number][]}} figure
 */
export function figureUrl(figure) {
  const phases = [["prepare", FIGURE_START], ...figure.phases]
    .map(([kind, seconds]) => `${kind}:${seconds}`)
    .join(",");
  const query = new URLSearchParams({ phases });
  if (figure.side) query.set("side", figure.side);
  return `/api/player/figure/${encodeURIComponent(figure.exercise)}.json?${query}`;
}

/**
 * @param {string} url
 * @returns {Promise<import("./figure.js").FigureData | null>}
 */
async function fetchFigure(url) {
  try {
    const response = await fetch(url);
    return response.ok ? await response.json() : null;
  } catch {
    return null; // offline and not cached: the words and the ring still guide the session
  }
}

export class View {
  /** @param {import("./session.js").Timeline} timeline */
  constructor(timeline) {
    this.timeline = timeline;
    this.names = new Map(timeline.routine.exercises.map((e) => [e.exercise, e]));
    this.plan = figurePlan(timeline.cues);
    /** @type {Map<string, Figure>} */
    this.drawn = new Map(); // figure key -> Figure
    /** @type {string | null} */
    this.shownFigure = null;
    /** @type {number | null} */
    this.shownCue = null;
  }

  async loadFigures() {
    // Both sides of a one-sided stretch move through the same phases: the first side's data,
    // flipped, draws the other (figure.js), so each movement is downloaded once.
    /** @type {Map<string, ReturnType<typeof fetchFigure>>} */
    const movements = new Map(); // address without the side -> the data, or null
    const loads = Array.from(this.plan.figures, async ([key, figure]) => {
      const movement = figureUrl({ ...figure, side: null });
      if (!movements.has(movement)) movements.set(movement, fetchFigure(figureUrl(figure)));
      const data = await movements.get(movement);
      if (data) this.drawn.set(key, new Figure(data, figure.side ?? null));
    });
    await Promise.all(loads);
  }

  /** @param {string} id */
  exerciseName(id) {
    return this.names.get(id)?.name ?? id;
  }

  /**
   * Draw everything that changes only when a new cue starts.
   * @param {Playback} playback
   */
  showCue(playback) {
    const index = playback.currentIndex;
    if (index === null || index === this.shownCue) return;
    this.shownCue = index;
    const cue = playback.cues[index];
    $("cue-kind").textContent = KIND_WORDS[cue.kind] ?? cue.kind;
    $("cue-text").textContent = cue.text;
    const where = [];
    if (cue.exercise) where.push(this.exerciseName(cue.exercise));
    if (cue.side) where.push(`${cue.side} side`);
    if (cue.repetition) {
      const planned = cue.exercise === null ? undefined : this.names.get(cue.exercise)?.repetitions;
      where.push(planned ? `${cue.repetition} of ${planned}` : `repetition ${cue.repetition}`);
    }
    $("cue-where").textContent = where.join(" · ");
    document.body.dataset.cueKind = cue.kind;
    $("next-up").textContent = nextWords(cue);
    const blocks = playback.blocks;
    const block = blocks.find((b) => b.first <= index && index <= b.last)
      ?? blocks.find((b) => b.first > index);
    const position = block ? block.position + 1 : blocks.length;
    $("progress-label").textContent = `Exercise ${position} of ${blocks.length}`;
    this._showFigure(index);
  }

  /** @param {number} index */
  _showFigure(index) {
    const key = this.plan.slots[index]?.key ?? this.shownFigure;
    if (key === this.shownFigure || !key) return;
    const drawn = this.drawn.get(key);
    $("figure").replaceChildren(...(drawn ? [drawn.svg] : []));
    this.shownFigure = key;
  }

  /**
   * Draw what moves: ring, seconds, pacer, figure pose, overall progress.
   * @param {Playback} playback
   * @param {number} nowSeconds
   */
  frame(playback, nowSeconds) {
    const index = playback.currentIndex;
    if (index === null) return;
    const cue = playback.cues[index];
    const elapsed = playback.elapsed(nowSeconds);
    const remaining = playback.remainingInCue(nowSeconds);
    const fraction = cue.duration > 0 ? Math.min(1, (elapsed - cue.at) / cue.duration) : 1;
    elementOf("ring-progress", SVGElement).style.strokeDashoffset = String(RING_LENGTH * fraction);
    const seconds = String(Math.ceil(remaining / playback.speed - 1e-6));
    if ($("ring-seconds").textContent !== seconds) $("ring-seconds").textContent = seconds;
    const total = this.timeline.total_seconds;
    $("progress-bar").style.width = `${Math.min(100, (100 * elapsed) / total).toFixed(2)}%`;
    const left = clockWords(Math.ceil(playback.remainingInSession(nowSeconds) / playback.speed - 1e-6));
    if ($("time-left").textContent !== left) $("time-left").textContent = left;
    this._pacer(cue, elapsed - cue.at);
    this._pose(index, fraction);
  }

  /**
   * @param {Cue} cue
   * @param {number} intoCue
   */
  _pacer(cue, intoCue) {
    const pacer = $("pacer");
    /** @type {{kind: string, fraction: number} | null} */
    let breath = null;
    if (cue.kind === "inhale" || cue.kind === "exhale") {
      breath = { kind: cue.kind, fraction: intoCue / cue.duration };
    } else if (cue.breaths?.length) {
      const b = cue.breaths.find((x) => x.offset <= intoCue && intoCue < x.offset + x.seconds);
      if (b) breath = { kind: b.kind, fraction: (intoCue - b.offset) / b.seconds };
    }
    pacer.hidden = breath === null;
    $("pacer-ball").hidden = breath === null;
    if (!breath) return;
    const word = breath.kind === "inhale" ? "in" : "out";
    if (pacer.dataset.breath !== word) {
      pacer.dataset.breath = word;
      $("pacer-word").textContent = breath.kind === "inhale" ? "Breathe in" : "Breathe out";
    }
    const grow = reducedMotion.matches ? 1 : ease(breath.fraction);
    const scale = breath.kind === "inhale" ? 0.55 + 0.45 * grow : 1 - 0.45 * grow;
    $("pacer-ball").style.transform = `scale(${reducedMotion.matches ? 0.8 : scale.toFixed(3)})`;
  }

  /**
   * @param {number} index
   * @param {number} fraction
   */
  _pose(index, fraction) {
    const slot = this.plan.slots[index];
    const drawn = slot && this.drawn.get(slot.key);
    if (!drawn) return;
    // Reduced motion: show the pose this cue ends in, still, instead of the movement.
    const along = reducedMotion.matches ? 1 : fraction; // the samples ease each phase already
    drawn.draw(slot.offset + along * slot.length);
  }
}
