// @ts-check
// The camera coach in the player: switch, preview, overlay, placement guide, corrections,
// holds that count only in good form, and the counts each exercise result carries.
//
// Privacy: frames go from the <video> to the pose model and the landmarks to FormCoach, all in
// this page. Nothing here sends a frame, an image or a landmark anywhere; an exercise result
// gets only reps_seen, good_form_seconds and the corrections said (takeCounts).
//
// switch.js imports this module only when the switch is first turned on, and this module
// imports the model (pose.js) and the coach (coach.js) then too, so a build without them
// still plays. Test-only: the query flag `camera-stand-in` makes
// the page offer the switch although no model files are installed; the browser tests use it
// with stand-in pose.js and coach.js modules of their own. Without the flag it does nothing.

import { blockLimits } from "../player/playback.js";
import { closeCamera, openCamera } from "./device.js";
import { drawOverlay } from "./overlay.js";
import { quietUntil } from "./quiet.js";

// Form must be off (or right again) this long before a hold stops (or goes on): no flapping.
const GATE_SECONDS = 0.5;
const MAX_REPS = 1000;
const MAX_SECONDS = 3600;
const MAX_CORRECTIONS = 200;
const MAX_CORRECTION_LENGTH = 300;
const nowSeconds = () => performance.now() / 1000;

/**
 * What the coach uses of the player (player/player.js).
 * @typedef {{
 *   playback: import("../player/playback.js").Playback | null,
 *   voice: import("../player/voice.js").Voice | null,
 *   state: import("../player/session.js").SessionState | null,
 *   sound: import("../player/audio.js").SoundScheduler,
 *   pause: () => void, resume: () => void,
 * }} CoachedPlayer
 * @typedef {import("./coach.js").Counts} Counts
 * @typedef {import("./coach.js").FormCoach} FormCoach
 * @typedef {import("./coach.js").FrameResult} FrameResult
 * @typedef {import("./form.js").ExerciseForm} ExerciseForm
 * @typedef {import("./pose.js").Frame} Frame
 * @typedef {Awaited<ReturnType<typeof loadModules>>} Modules
 */

export class CameraCoach {
  /**
   * Wire the camera panel to the player (its playback, voice, sound, pause and resume).
   * @param {CoachedPlayer} player
   * @param {import("./panel.js").CameraPanel} view
   * @param {boolean} holdGate
   */
  constructor(player, view, holdGate) {
    this.player = player;
    this.view = view;
    this.holdGate = holdGate;
    this.on = false;
    /** @type {MediaStream | null} */
    this.stream = null;
    /** @type {import("./pose.js").PoseModel | null} */
    this.model = null;
    /** @type {Modules | null} */
    this.modules = null;
    /** @type {Map<string, Promise<ExerciseForm | null>>} */
    this.forms = new Map(); // exercise id -> Promise of its form data (or null)
    /** @type {{position: number, side: string | null, coach: FormCoach} | null} */
    this.coach = null; // for the exercise (and side) playing now
    /** @type {Map<number, Counts>} */
    this.counts = new Map(); // position -> counts, for exercises the camera watched
    this.gatePaused = false;
    /** @type {number | null} */
    this.goodSince = null;
    /** @type {number | null} */
    this.badSince = null;
    /** @type {{t: number, verdict: string | null, say: string | null}[]} */
    this.log = []; // read by tests and the benchmark
  }

  /** @param {boolean} wanted */
  setHoldGate(wanted) {
    this.holdGate = wanted;
    if (!wanted) this.releaseGate();
  }

  // -- switching ----------------------------------------------------------------------------
  async switchOn() {
    if (this.on) return;
    this.on = true;
    this.view.starting();
    try {
      this.stream = await openCamera(this.view.video);
      this.modules ??= await loadModules();
      this.model = await this.modules.pose.loadPoseModel();
    } catch (error) {
      this.switchOff();
      this.view.failed(error instanceof Error ? error.message : String(error));
      return;
    }
    if (!this.on) return this.switchOff(); // turned off again while it was starting
    this.view.live();
    this.coachFor();
    this.scheduleFrame();
  }

  switchOff() {
    this.on = false;
    closeCamera(this.view.video, this.stream);
    this.stream = null;
    this.model?.close?.();
    this.model = null;
    this.releaseGate();
    drawOverlay(this.view.overlay, null, null);
    this.view.off();
  }

  // -- the player's events ------------------------------------------------------------------
  /** A cue started: coach the exercise it belongs to and show where to put the device. */
  cueStarted() {
    this.coachFor();
  }

  /**
   * Return the camera's counts for an ended exercise, or all three null when it was off.
   *
   * The counts say how much of the planned work the camera saw done well, so they stop at what
   * the exercise's cues hold: a repeat, or a movement seen twice, adds nothing past the plan
   * (the server refuses a result that claims more than its routine could give).
   * @param {number} position
   * @returns {Counts | {reps_seen: null, good_form_seconds: null, corrections: null}}
   */
  takeCounts(position) {
    if (this.coach?.position === position) this.retire();
    const counts = this.counts.get(position);
    this.counts.delete(position);
    const playback = this.player.playback;
    if (!counts || !playback) {
      return { reps_seen: null, good_form_seconds: null, corrections: null };
    }
    return cleanCounts(counts, blockLimits(playback.cues, playback.blocks[position]));
  }

  /** The session ended: close the camera. */
  stop() {
    if (this.on) this.switchOff();
  }

  /** Return the block (exercise and position) of the cue playing now, or null. */
  blockNow() {
    const playback = this.player.playback;
    const index = playback?.currentIndex ?? null;
    if (!playback || index === null) return null;
    return playback.blocks.find((b) => b.first <= index && index <= b.last) ?? null;
  }

  async coachFor() {
    const block = this.blockNow();
    const side = this.player.playback?.current?.side ?? null;
    if (!this.on || !block || this.coaching(block.position, side)) return;
    this.retire();
    const form = await this.formData(block.exercise);
    const sideNow = this.player.playback?.current?.side ?? null;
    if (this.blockNow()?.position !== block.position || sideNow !== side) return; // moved on
    this.view.guide(form?.view?.placement ?? null);
    if (!this.on || !form || !this.modules || this.coaching(block.position, side)) return;
    this.retire();
    // One coach per side: FormCoach judges a one-sided stretch by the side being played.
    const entry = this.player.state?.timeline.routine.exercises.find((e) => e.exercise === block.exercise);
    const coach = new this.modules.FormCoach(form, { ...entry, side });
    this.coach = { position: block.position, side, coach };
  }

  /**
   * @param {number} position
   * @param {string | null} side
   */
  coaching(position, side) {
    return this.coach?.position === position && this.coach.side === side;
  }

  /** Add what the coach of the last exercise or side counted to its exercise's counts. */
  retire() {
    if (!this.coach) return;
    const { position, coach } = this.coach;
    this.counts.set(position, addCounts(this.counts.get(position), coach.summary()));
    this.coach = null;
  }

  /**
   * @param {string} exercise
   * @returns {Promise<ExerciseForm | null>}
   */
  formData(exercise) {
    let form = this.forms.get(exercise);
    if (!form) {
      const url = `/api/form/${encodeURIComponent(exercise)}`;
      form = fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null);
      this.forms.set(exercise, form);
    }
    return form;
  }

  // -- every frame --------------------------------------------------------------------------
  scheduleFrame() {
    if (!this.on) return;
    const video = this.view.video;
    if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(() => this.step());
    else requestAnimationFrame(() => this.step());
  }

  async step() {
    if (!this.on || !this.model) return;
    const t = nowSeconds();
    /** @type {Frame | null} */
    let frame;
    try {
      frame = await this.model.detect(this.view.video, t * 1000);
    } catch {
      frame = null; // one bad frame is the same as nobody seen
    }
    const result = this.coachFrame(frame, t);
    drawOverlay(this.view.overlay, this.view.previewShown ? frame : null, result?.report?.verdict);
    this.scheduleFrame();
  }

  /**
   * @param {Frame | null} frame
   * @param {number} t
   * @returns {FrameResult | null}
   */
  coachFrame(frame, t) {
    const playback = this.player.playback;
    const current = this.coach;
    if (!current || !playback || playback.finished) return null;
    // A pause by hand stops the counting; a pause for form keeps watching for good form.
    if (playback.paused && !this.gatePaused) return null;
    const rate = this.player.voice?.settings.rate ?? 1;
    const result = current.coach.frame(frame?.landmarks ?? null, t, {
      quietUntil: quietUntil(playback, t, rate),
      holding: playback.current?.kind === "hold" && !playback.paused,
    });
    this.log.push({ t, verdict: result.report?.verdict ?? null, say: result.say ?? null });
    if (this.log.length > 5000) this.log.splice(0, 2500);
    if (result.say) this.say(result.say);
    this.view.coaching(result, frame !== null, t);
    this.gate(result, playback, t);
    return result;
  }

  /** @param {string} text */
  say(text) {
    this.view.said(text, nowSeconds());
    const voice = this.player.voice;
    if (!voice || voice.off) return;
    if (voice.browserSpeaksNow()) {
      // Queued, never cancelling: if a cue's words run long, the correction waits for them.
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.rate = voice.settings.rate;
      utterance.volume = voice.settings.volume;
      const chosen = voice.voices.find((v) => v.name === voice.settings.voiceName);
      if (chosen) utterance.voice = chosen;
      speechSynthesis.speak(utterance);
      return;
    }
    this.playClip(voice, text);
  }

  /**
   * @param {import("../player/voice.js").Voice} voice
   * @param {string} text
   */
  async playClip(voice, text) {
    const sound = this.player.sound;
    try {
      const response = await fetch(voice.clipUrl(text));
      if (!response.ok) return;
      const source = sound.ctx.createBufferSource();
      source.buffer = await sound.ctx.decodeAudioData(await response.arrayBuffer());
      source.connect(sound.output);
      source.start();
    } catch {
      // no clip: the correction is still shown on screen
    }
  }

  // -- holds that count only in good form ------------------------------------------------
  /**
   * @param {FrameResult} result
   * @param {import("../player/playback.js").Playback} playback
   * @param {number} t
   */
  gate(result, playback, t) {
    if (this.gatePaused && !playback.paused) this.gatePaused = false; // carried on by hand
    const holding = playback.current?.kind === "hold";
    if (!this.holdGate || !holding) {
      this.releaseGate();
      return;
    }
    const good = Boolean(result.inGoodForm);
    // One of the two is set: the form is good (since then) or it is not.
    const goodSince = good ? this.goodSince ?? t : null;
    const badSince = good ? null : this.badSince ?? t;
    this.goodSince = goodSince;
    this.badSince = badSince;
    if (!playback.paused && badSince !== null && t - badSince >= GATE_SECONDS) {
      this.gatePaused = true;
      this.player.pause();
      this.view.gateWaiting(true);
    } else if (this.gatePaused && goodSince !== null && t - goodSince >= GATE_SECONDS) {
      this.releaseGate();
    }
  }

  releaseGate() {
    this.goodSince = this.badSince = null;
    if (!this.gatePaused) return;
    this.gatePaused = false;
    this.view.gateWaiting(false);
    this.player.resume();
  }
}

async function loadModules() {
  try {
    const [pose, coach] = await Promise.all([import("./pose.js"), import("./coach.js")]);
    return { pose, FormCoach: coach.FormCoach };
  } catch {
    throw new Error("The camera coach cannot start: its pose model is not installed.");
  }
}

/**
 * Return two sides' (or two stretches of time's) counts as one exercise's.
 * @param {Counts | undefined} earlier
 * @param {Counts} later
 * @returns {Counts}
 */
function addCounts(earlier, later) {
  if (!earlier) return later;
  return {
    reps_seen: Number(earlier.reps_seen) + Number(later.reps_seen),
    good_form_seconds: Number(earlier.good_form_seconds) + Number(later.good_form_seconds),
    corrections: [...(earlier.corrections ?? []), ...(later.corrections ?? [])],
  };
}

/**
 * Return the counts in the API's limits and the exercise's (`most`: its repetitions and held
 * seconds): whole reps, seconds to a tenth (rounded down at the limit), short sentences.
 * @param {Counts} counts
 * @param {{repetitions: number, hold: number}} most
 * @returns {Counts}
 */
function cleanCounts({ reps_seen, good_form_seconds, corrections }, most) {
  const sentences = (corrections ?? [])
    .map((text) => String(text).trim().slice(0, MAX_CORRECTION_LENGTH))
    .filter(Boolean)
    .slice(-MAX_CORRECTIONS);
  return {
    reps_seen: Math.min(MAX_REPS, most.repetitions, Math.max(0, Math.round(Number(reps_seen) || 0))),
    good_form_seconds: Math.min(
      MAX_SECONDS,
      Math.floor(10 * most.hold) / 10,
      Math.max(0, Math.round(10 * (Number(good_form_seconds) || 0)) / 10),
    ),
    corrections: sentences,
  };
}
