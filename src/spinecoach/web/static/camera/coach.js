// @ts-check
// FormCoach: counts repetitions, times good form and picks the one thing to say, frame by frame.
//
//   const coach = new FormCoach(formData, { side: "left" });   // formData: GET /api/form/{id}
//   const { report, reps, goodFormSeconds, inGoodForm, say } =
//     coach.frame(frame ? frame.landmarks : null, tSeconds, { quietUntil, holding });
//   coach.summary()  // { reps_seen, good_form_seconds, corrections }
//
// How far along a repetition the body is comes from formData.movement: the rules that change
// between its two key poses, with their values in each (0 at from_pose, 1 at to_pose; the median
// over those rules, so one badly seen joint cannot drag it). Nothing here reads a clock: time is
// the caller's tSeconds, so tests replay a stream exactly.

import { checkForm } from "./form.js";

/**
 * @typedef {import("./form.js").ExerciseForm} ExerciseForm
 * @typedef {import("./form.js").Report} Report
 * @typedef {{to: Report, side: string | null}} Tracked the report against the end pose, by side
 *
 * What one frame shows and says; `report` is null when nobody was seen.
 * @typedef {{
 *   report: Report | null, reps: number, goodFormSeconds: number, inGoodForm: boolean,
 *   say: string | null, progress: number | null,
 * }} FrameResult
 * @typedef {{reps_seen: number, good_form_seconds: number, corrections: string[]}} Counts
 */

// Hysteresis: a repetition counts when the body arrives at 60 % of the way to the end pose,
// and the next one only after it has come back below 35 %. The 25 % band is about 12 degrees of
// a twist and 27 of the cat-cow curve: far more than a camera's jitter (2-3 degrees), while a
// real movement crosses it at once. The end pose's own rules pass from about 60-65 % on, so a
// movement that satisfies them counts. Table, between cow and cat, lies in the band (about 45 %).
export const ARRIVE_AT = 0.6;
export const BACK_AT = 0.35;
// A zone is entered only when the body stays in it this long, so a single wild frame (a
// mislabelled limb) never counts a repetition. Two frames at 10 frames a second.
export const SETTLE_SECONDS = 0.2;
// A calm coach: at most one sentence every five seconds (the issue asks for one every 4-6 s at
// most), and none while the caller's own cue is being spoken (quietUntil).
export const SPEAK_GAP_SECONDS = 5;
// Form is judged where the body pauses: at the end of a movement or in a hold. Moving through
// a pose is not a fault, so the movement's progress must have stayed within 25 % for a second
// (camera noise alone moves it by 10-20 %; the middle of a movement by 40 % a second, while the
// turn at the end of an eased movement stays within it for about a second).
export const STILL_SECONDS = 1.0;
export const STILL_RANGE = 0.25;
// What to say must be what most recent frames want, not one frame's noise: each sentence
// gathers evidence (seconds wanted, fading with a 1.5 s time constant) and is said once it has
// the weight of 60 % of the frames: after about 1.4 s when every frame wants it, 2 s at 80 %,
// never when a flickering limb or a value on a threshold makes it come and go.
export const EVIDENCE_SECONDS = 1.5;
export const SURE = 0.6;
export const NOBODY_SECONDS = 3;
// Gaps between frames up to this long (dropped frames) count as good form when both ends are;
// longer ones (the tab hidden, the person gone) do not.
export const MAX_FRAME_GAP = 0.5;
export const NOBODY = "I can't see you. Check that the camera shows all of you.";

/** @type {(values: number[]) => number} */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export class FormCoach {
  /**
   * Coach one exercise; `dose.side` is the side being played for a one-sided stretch (without
   * it the side that moves is followed). The planned repetitions and hold do not change what
   * is counted: reps_seen is what the camera saw, one more or one fewer included.
   * @param {ExerciseForm} formData
   * @param {{side?: string | null}} [dose]
   */
  constructor(formData, dose = {}) {
    this.formData = formData;
    this.side = formData.drawn_side === null ? null : (dose.side ?? null);
    this.movement = formData.movement;
    this.fromChecked = formData.form.some((check) => check.pose === this.movement.from_pose);
    this.reps = 0;
    /** @type {"from" | "to" | null} */
    this.zone = null; // "from" or "to" once the body has settled at an end
    /** @type {{zone: "from" | "to", since: number} | null} */
    this.pending = null; // an end the body has just reached
    /** @type {[number, number][]} */
    this.window = []; // recent [t, progress], to tell a pause from a movement
    this.goodSeconds = 0;
    /** @type {number | null} */
    this.lastGoodT = null;
    /** @type {number | null} */
    this.nobodySince = null;
    /** @type {string | null} */
    this.wanted = null; // what the coach would say now
    /** @type {Map<string, number>} */
    this.evidence = new Map(); // sentence -> fading seconds it was wanted
    /** @type {number | null} */
    this.lastT = null;
    /** @type {string | null} */
    this.lastSaid = null;
    this.lastSaidAt = -Infinity;
    /** @type {string[]} */
    this.said = [];
  }

  /**
   * Take one frame's landmarks (null: nobody found) at tSeconds; return what to show and say.
   * Good form is timed only while `holding` (the player's hold cue is running): moving, resting
   * or waiting is not holding, and the result's good-form seconds are part of the planned holds.
   * @param {unknown} landmarks
   * @param {number} tSeconds
   * @param {{quietUntil?: number, holding?: boolean}} [options]
   * @returns {FrameResult}
   */
  frame(landmarks, tSeconds, { quietUntil = -Infinity, holding = true } = {}) {
    if (landmarks === null || landmarks === undefined) return this.#nobody(tSeconds, quietUntil);
    this.nobodySince = null;
    const { progress, reports } = this.#track(landmarks);
    if (progress !== null) this.#settle(progress, tSeconds);
    this.#remember(progress, tSeconds);
    const target = this.#target(progress);
    const report = this.#reportFor(landmarks, target, reports);
    const inGoodForm = report.verdict === "pass";
    this.#credit(inGoodForm && holding, tSeconds);
    const judged = report.verdict === "fix" && target !== null && this.#paused(progress, tSeconds);
    this.#want(report.verdict === "unseen" || judged ? report.correction : null, tSeconds);
    const say = this.#speak(tSeconds, quietUntil);
    const goodFormSeconds = this.goodSeconds;
    return { report, reps: this.reps, goodFormSeconds, inGoodForm, say, progress };
  }

  /**
   * Return what the exercise's result records: reps seen, good-form seconds, what was said.
   * @returns {Counts}
   */
  summary() {
    return {
      reps_seen: this.reps,
      good_form_seconds: Math.round(this.goodSeconds * 10) / 10,
      corrections: [...this.said],
    };
  }

  /**
   * @param {number} t
   * @param {number} quietUntil
   * @returns {FrameResult}
   */
  #nobody(t, quietUntil) {
    this.nobodySince ??= t;
    // A dropped frame or two changes nothing; only a person gone for a while is told.
    this.#want(t - this.nobodySince >= NOBODY_SECONDS ? NOBODY : null, t);
    const say = this.#speak(t, quietUntil);
    const state = { reps: this.reps, goodFormSeconds: this.goodSeconds, inGoodForm: false };
    return { report: null, ...state, say, progress: null };
  }

  /**
   * Return how far along the movement the body is (null if unseen) and the reports used.
   * @param {unknown} landmarks
   * @returns {{progress: number | null, reports: Tracked}}
   */
  #track(landmarks) {
    const oneSide = this.formData.drawn_side === null || this.side !== null;
    const sides = oneSide ? [this.side] : ["left", "right"];
    /** @type {{progress: number | null, reports: Tracked | null}} */
    let best = { progress: null, reports: null };
    for (const side of sides) {
      const options = { side, pose: this.movement.to_pose };
      const to = checkForm(this.formData, this.formData.exercise, landmarks, options);
      const fractions = [];
      for (const { rule, from, to: end } of this.movement.rules) {
        const value = to.rules.find((r) => r.rule === rule)?.value ?? null;
        if (value !== null) fractions.push((value - from) / (end - from));
      }
      const progress = fractions.length ? median(fractions) : null;
      const further = progress !== null && (best.progress === null || progress > best.progress);
      if (best.reports === null || further) {
        best = { progress, reports: { to, side } };
      }
    }
    const { progress, reports } = best;
    if (reports === null) throw new Error("no side to track"); // never: there is one at least
    return { progress, reports };
  }

  /**
   * @param {number} progress
   * @param {number} t
   */
  #settle(progress, t) {
    const zone = progress >= ARRIVE_AT ? "to" : progress <= BACK_AT ? "from" : null;
    if (zone === null || zone === this.zone) {
      this.pending = null;
      return;
    }
    if (this.pending?.zone !== zone) this.pending = { zone, since: t };
    if (t - this.pending.since >= SETTLE_SECONDS) {
      // Only a movement seen from its start counts: arriving from nowhere (the camera switched
      // on mid-hold) does not.
      if (zone === "to" && this.zone === "from") this.reps += 1;
      this.zone = zone;
      this.pending = null;
    }
  }

  /**
   * @param {number | null} progress
   * @param {number} t
   */
  #remember(progress, t) {
    if (progress === null) return; // an unseen frame neither starts nor ends a pause
    this.window.push([t, progress]);
    while (this.window.length > 1 && this.window[1][0] <= t - STILL_SECONDS) this.window.shift();
  }

  /**
   * Return whether the body has stayed still long enough for its pose to be judged.
   * @param {number | null} progress
   * @param {number} t
   */
  #paused(progress, t) {
    if (this.movement.rules.length === 0) return true;
    if (progress === null || this.window.length === 0) return false;
    if (this.window[0][0] > t - STILL_SECONDS) return false;
    const values = this.window.map(([, p]) => p);
    return Math.max(...values) - Math.min(...values) < STILL_RANGE;
  }

  /**
   * Return the checked pose the body is at or going for: "to", "from" or null (none).
   * @param {number | null} progress
   * @returns {"to" | "from" | null}
   */
  #target(progress) {
    if (this.movement.rules.length === 0) return "to"; // a pure hold: one pose to judge
    if (progress === null) return null;
    if (progress >= ARRIVE_AT) return "to";
    if (progress <= BACK_AT) return this.fromChecked ? "from" : null; // resting at the start
    if (!this.fromChecked) return "to";
    // Between cow and cat: going for the end it last left, so a movement that stops short is
    // told what to do; before the first movement (waiting in table) it is judged against neither.
    return this.zone === "from" ? "to" : this.zone === "to" ? "from" : null;
  }

  /**
   * Return the report of the pose the body is going for (the best fit when none).
   * @param {unknown} landmarks
   * @param {"to" | "from" | null} target
   * @param {Tracked} reports
   * @returns {Report}
   */
  #reportFor(landmarks, target, reports) {
    const exercise = this.formData.exercise;
    if (target === "to") return reports.to;
    if (target === "from") {
      const options = { side: reports.side, pose: this.movement.from_pose };
      return checkForm(this.formData, exercise, landmarks, options);
    }
    return checkForm(this.formData, exercise, landmarks, { side: this.side });
  }

  /**
   * @param {boolean} good
   * @param {number} t
   */
  #credit(good, t) {
    if (good && this.lastGoodT !== null && t - this.lastGoodT <= MAX_FRAME_GAP) {
      this.goodSeconds += t - this.lastGoodT;
    }
    this.lastGoodT = good ? t : null;
  }

  /**
   * @param {string | null} text
   * @param {number} t
   */
  #want(text, t) {
    const dt = this.lastT === null ? 0 : Math.min(Math.max(t - this.lastT, 0), MAX_FRAME_GAP);
    const fade = Math.exp(-dt / EVIDENCE_SECONDS);
    for (const [sentence, weight] of this.evidence) {
      if (weight * fade < 1e-3) this.evidence.delete(sentence);
      else this.evidence.set(sentence, weight * fade);
    }
    if (text !== null) this.evidence.set(text, (this.evidence.get(text) ?? 0) + dt);
    [this.wanted, this.lastT] = [text, t];
  }

  /**
   * @param {number} t
   * @param {number} quietUntil
   * @returns {string | null}
   */
  #speak(t, quietUntil) {
    const text = this.wanted;
    if (text === null) return null;
    const sure = (this.evidence.get(text) ?? 0) >= SURE * EVIDENCE_SECONDS;
    if (!sure || t < quietUntil) return null;
    // Never the same sentence twice in a row: a fault that stays is shown, not repeated.
    if (t - this.lastSaidAt < SPEAK_GAP_SECONDS || text === this.lastSaid) return null;
    [this.lastSaid, this.lastSaidAt] = [text, t];
    this.said.push(text);
    return text;
  }
}
