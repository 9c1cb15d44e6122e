// @ts-check
// The guided session in the browser: plays the server's timeline on absolute deadlines.
//
// Deadlines are performance.now() based and absolute (Playback), so a late timer never shifts
// later cues. Sound is scheduled ahead on the audio clock; the display catches up whenever the
// page is shown again. Results go through the Outbox so none is lost or recorded twice.

import { Playback, StopReason } from "./playback.js";
import { SoundScheduler } from "./audio.js";
import { Voice, browserVoices, loadSettings } from "./voice.js";
import { Outbox, idempotencyKey } from "./outbox.js";
import { View } from "./view.js";
import { NothingLeftError, ProblemError, createSession, findSession } from "./session.js";
import { ScreenAwake, bindKeys, lockScreenControls, silenceUrl } from "./device.js";
import {
  bindPainScale,
  showStage,
  showConnection,
  showKept,
  showSummary,
  soundDialog,
} from "./panels.js";
import { CameraSwitch } from "../camera/switch.js"; // camera coach: static/camera/
import { $, elementOf } from "./dom.js";

/**
 * @typedef {import("./playback.js").PlaybackEvent} PlaybackEvent
 * @typedef {import("./playback.js").CueStarted} CueStarted
 * @typedef {import("./playback.js").ExerciseEnded} ExerciseEnded
 * @typedef {import("./playback.js").Finished} Finished
 * @typedef {import("./session.js").SessionState} SessionState
 *
 * A player whose session has started: its state, voice, view and playback are all there.
 * @typedef {Player & {state: SessionState, voice: Voice, view: View, playback: Playback}} Started
 */

const SOUND_HORIZON_SECONDS = 180; // sound scheduled this far ahead survives a frozen page
const LATE_CUE_SECONDS = 1.0; // a cue noticed later than this is shown but not spoken
// Start, carry on, skip and repeat take effect this far ahead, so their first sound can be
// scheduled on its deadline instead of reaching the speaker one output latency late.
const SOUND_LEAD_SECONDS = 0.06;
const query = new URLSearchParams(location.search);
const nowSeconds = () => performance.now() / 1000;

class Player {
  constructor() {
    this.sound = new SoundScheduler({ probe: query.has("probe") });
    this.outbox = new Outbox({
      onStatus: (status) => showConnection(status),
      onAnswer: (item, status, body) => this.answered(item, status, body),
      onKept: (kept) => showKept(kept),
    });
    $("kept-save").addEventListener("click", () => this.saveKept());
    $("kept-discard").addEventListener("click", () => this.outbox.discardKept());
    this.awake = new ScreenAwake();
    /** @type {Playback | null} */
    this.playback = null;
    /** @type {SessionState | null} */
    this.state = null;
    /** @type {Voice | null} */
    this.voice = null;
    /** @type {View | null} */
    this.view = null;
    /** @type {Promise<unknown> | null} */
    this.prepared = null; // the figures and voice clips loading
    this.starting = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {{index: number, deadline: number, lateness: number, hidden: boolean}[]} */
    this.cueLog = []; // read by tests and the benchmark
    /** @type {import("./device.js").Actions} */
    const actions = {
      toggle: () => (this.playback?.paused ? this.resume() : this.pause()),
      pause: () => this.pause(),
      resume: () => this.resume(),
      skip: () => this.control((now, playback) => playback.skipExercise(now)),
      repeat: () => this.control((now, playback) => playback.repeatExercise(now)),
      pain: () => this.painStop(),
    };
    // Lock screens show media controls only while a media element plays: a looped second of
    // silence, made in the page so the first visit does not download it.
    const keepAlive = elementOf("keep-alive", HTMLAudioElement);
    keepAlive.src = silenceUrl();
    this.lockScreen = lockScreenControls(actions, keepAlive);
    bindKeys(actions, () => this.isPlaying());
    $("btn-pause").addEventListener("click", actions.toggle);
    $("btn-skip").addEventListener("click", actions.skip);
    $("btn-repeat").addEventListener("click", actions.repeat);
    $("btn-pain").addEventListener("click", actions.pain);
    $("btn-end").addEventListener("click", () => this.askToEnd());
    $("btn-sound").addEventListener("click", () => {
      this.whilePaused(elementOf("sound-dialog", HTMLDialogElement));
    });
    document.addEventListener("visibilitychange", () => this.visibilityChanged());
    setInterval(() => this.topUpSound(), 1000);
    this.camera = new CameraSwitch(this); // camera coach: loaded when the person turns it on
  }

  /** @returns {this is Started} */
  started() {
    const { playback, state, voice, view } = this;
    return playback !== null && state !== null && voice !== null && view !== null;
  }

  /** @returns {this is Started} */
  isPlaying() {
    return this.started() && !this.playback.finished;
  }

  async open() {
    await this.outbox.open();
    this.outbox.flush();
    const voice = new Voice(loadSettings(), await browserVoices());
    this.voice = voice;
    this.sound.volume = voice.settings.volume;
    soundDialog(voice, this.sound);
    /** @type {import("./session.js").Found} */
    let found;
    try {
      // The start screen (/start) starts a new session: an interrupted one is offered there
      // as a link, not resumed behind the person's back.
      const startsNew = $("player").dataset.start === "new";
      found = startsNew ? { mode: "new", state: null } : await findSession(this.outbox, query);
    } catch (error) {
      return this.problem(error);
    }
    const begin = elementOf("before-form", HTMLFormElement);
    bindPainScale(begin);
    if (found.mode === "new") {
      showStage("before");
    } else {
      const state = found.state;
      this.state = state;
      $("before-new").hidden = true;
      document.getElementById("unfinished-note")?.remove();
      const fresh = !state.first_exercise && !(state.ended ?? []).length;
      $("before-title").textContent = fresh ? "Ready when you are" : "Carry on where you stopped";
      $("resume-note").hidden = fresh;
      $("start-label").textContent = fresh ? "Start" : "Carry on";
      $("setting-words").textContent = state.timeline.setting;
      if (found.mode === "offline") {
        showConnection({ pending: await this.outbox.pending(), reachable: false });
      }
      showStage("before");
      this.prepare(); // load voice and figures while the person gets ready
    }
    begin.addEventListener("submit", (event) => {
      event.preventDefault();
      this.start(begin);
    });
  }

  async prepare() {
    if (this.prepared) return this.prepared;
    if (!this.state || !this.voice) throw new Error("Nothing to prepare: no session yet.");
    const { timeline } = this.state;
    this.view = new View(timeline);
    const label = $("loading-label");
    this.prepared = Promise.all([
      this.view.loadFigures(),
      this.voice.loadClips(
        timeline.cues.map((c) => c.text),
        this.sound.ctx,
        (done, all) => (label.textContent = `Getting the voice ready (${done} of ${all})`),
      ),
    ]);
    return this.prepared;
  }

  /** @param {HTMLFormElement} form */
  async start(form) {
    if (this.starting) return; // a double tap must not start two sessions
    if (!this.state && new FormData(form).get("pain_before") === null) {
      return $("before-error").removeAttribute("hidden");
    }
    this.starting = true;
    // Inside the click: browsers let sound start only from a gesture.
    const opening = this.sound.open();
    elementOf("keep-alive", HTMLAudioElement).play().catch(() => {});
    let state = this.state;
    if (!state) {
      showStage("loading");
      try {
        state = await createSession(form, Number(query.get("speed") ?? 1) || 1);
      } catch (error) {
        return this.problem(error);
      }
      this.state = state;
      await this.outbox.saveState(state);
      this.addressSession(state);
    }
    showStage("loading");
    await Promise.all([opening, this.prepare()]);
    const { timeline } = state;
    // The page's ?speed= wins: a resumed session does not store how fast it was played.
    const speed = Number(query.get("speed")) || state.speed || 1;
    this.playback = new Playback(timeline.cues, speed, state.first_exercise ?? 0);
    if (!this.started()) return; // it has: open() made the voice, prepare() the view
    showStage("play");
    this.awake.keep();
    this.lockScreen.show(timeline.routine.name, "Stretching session");
    this.lockScreen.state(true);
    this.handle(this.playback.start(nowSeconds() + SOUND_LEAD_SECONDS));
    this.loop();
    requestAnimationFrame(() => this.draw());
  }

  // -- time -----------------------------------------------------------------------------
  loop() {
    clearTimeout(this.timer);
    if (!this.isPlaying()) return;
    this.handle(this.playback.tick(nowSeconds()));
    this.topUpSound();
    const next = this.playback.nextDeadline();
    if (next === null) return;
    this.timer = setTimeout(() => this.loop(), Math.max(0, Math.ceil((next - nowSeconds()) * 1000)));
  }

  draw() {
    if (!this.started()) return;
    this.view.frame(this.playback, nowSeconds());
    if (this.isPlaying()) requestAnimationFrame(() => this.draw());
  }

  visibilityChanged() {
    if (!this.isPlaying()) return;
    // The voice changes hands (browser speech when shown, clips when hidden): re-plan what
    // has not started yet; the words being said now are not cut off.
    this.sound.cancelFuture();
    this.loop();
    if (document.visibilityState === "visible") requestAnimationFrame(() => this.draw());
  }

  /**
   * @this {Started}
   * @param {number} index
   */
  beepsBefore(index) {
    const settings = this.voice.settings;
    return settings.beeps && index > 0 && this.playback.cues[index - 1].kind === "hold" ? 3 : 0;
  }

  /**
   * @this {Started}
   * @param {number} index
   * @param {number} deadline
   */
  scheduleSound(index, deadline) {
    const cue = this.playback.cues[index];
    const clip = this.voice.browserSpeaksNow() ? null : this.voice.clipFor(cue.text);
    const spoken = clip !== null;
    this.sound.scheduleCue(index, deadline * 1000, { clip, beeps: this.beepsBefore(index), spoken });
  }

  topUpSound() {
    if (!this.isPlaying()) return;
    const playback = this.playback;
    if (playback.paused || playback.currentIndex === null) return;
    const horizon = nowSeconds() + SOUND_HORIZON_SECONDS;
    for (let index = playback.currentIndex + 1; index < playback.cues.length; index += 1) {
      const deadline = playback.deadline(index);
      if (deadline > horizon) break;
      if (!this.sound.isScheduled(index)) this.scheduleSound(index, deadline);
    }
    this.sound.forgetBefore(playback.currentIndex);
    this.sound.remap();
  }

  // -- events ---------------------------------------------------------------------------
  /**
   * @this {Started}
   * @param {PlaybackEvent[]} events
   */
  handle(events) {
    for (const event of events) {
      if (event.type === "cue_started") this.cueStarted(event);
      else if (event.type === "exercise_ended") this.exerciseEnded(event);
      else this.finished(event);
    }
    if (this.playback.currentIndex !== null) this.view.showCue(this.playback);
  }

  /**
   * @this {Started}
   * @param {CueStarted} event
   */
  cueStarted(event) {
    this.cueLog.push({
      index: event.index,
      deadline: event.deadline * 1000,
      lateness: event.lateness * 1000,
      hidden: document.visibilityState !== "visible",
    });
    this.camera.cueStarted(); // camera coach
    if (event.lateness > LATE_CUE_SECONDS) return; // caught up after being hidden: stay quiet
    if (!this.sound.isScheduled(event.index)) this.scheduleSound(event.index, event.deadline);
    if (!this.sound.scheduled.get(event.index)?.sounds.spoken && this.voice.browserSpeaksNow()) {
      this.voice.speak(event.cue.text);
    }
    if (event.cue.exercise) {
      this.lockScreen.show(this.view.exerciseName(event.cue.exercise), this.state.timeline.routine.name);
    }
  }

  /**
   * @this {Started}
   * @param {ExerciseEnded} event
   */
  exerciseEnded(event) {
    const { session } = this.state;
    // The server said under which position each exercise of this timeline is recorded (a
    // resumed session plays only what is left of its routine).
    const position = this.state.positions?.[event.position] ?? event.position;
    const body = {
      position,
      exercise: event.exercise,
      repetitions_done: event.repetitions_done,
      hold_seconds: event.hold_seconds,
      skipped: event.skipped,
      idempotency_key: idempotencyKey(),
      ...this.camera.takeCounts(event.position), // camera coach: nulls when it was off
    };
    this.state.ended = Array.from(new Set([...(this.state.ended ?? []), position]));
    this.state.first_exercise = Math.max(this.state.first_exercise ?? 0, event.position + 1);
    this.outbox.saveState(this.state);
    this.outbox.add({ kind: "result", url: `/api/sessions/${session.id}/results`, body });
  }

  /**
   * @this {Started}
   * @param {Finished} event
   */
  finished(event) {
    clearTimeout(this.timer);
    this.camera.stop(); // camera coach
    this.awake.release();
    this.lockScreen.state(false);
    this.state.finished = event.reason;
    this.outbox.saveState(this.state);
    if (event.reason === StopReason.PAIN) {
      // Only a stretch the person had begun moving in is blamed: a stop during "Get ready"
      // leaves the stretch coming up in their plans.
      const stopped_in = event.moved ? event.exercise : null;
      this.sendFinish({ reason: "pain", pain_after: null, note: null, stopped_in });
      showStage("pain");
      $("pain-title").focus();
      this.askPainNow(stopped_in);
      return;
    }
    showStage("after");
    const form = elementOf("after-form", HTMLFormElement);
    bindPainScale(form);
    let sent = false;
    form.addEventListener("submit", (submitted) => {
      submitted.preventDefault();
      const pain = new FormData(form).get("pain");
      if (pain === null) return $("after-error").removeAttribute("hidden");
      if (sent) return; // a double tap must not finish twice
      sent = true;
      this.sendFinish({ reason: event.reason, pain_after: Number(pain), note: null });
      showStage("saving");
    });
  }

  /**
   * After a stop for pain, take the score when the person is ready; the session already ended.
   * @this {Started}
   * @param {string | null} stopped_in
   */
  askPainNow(stopped_in) {
    const form = elementOf("pain-now-form", HTMLFormElement);
    bindPainScale(form);
    form.addEventListener("submit", (submitted) => {
      submitted.preventDefault();
      const pain = new FormData(form).get("pain-now");
      if (pain === null) return $("pain-now-error").removeAttribute("hidden");
      form.hidden = true; // one score after the session; a second tap sends nothing
      this.sendFinish({ reason: "pain", pain_after: Number(pain), note: null, stopped_in });
      $("pain-recorded").textContent = "Saving your pain score.";
    });
  }

  /**
   * @this {Started}
   * @param {{reason: string, pain_after: number | null, note: string | null,
   *   stopped_in?: string | null}} body
   */
  sendFinish(body) {
    this.outbox.add({ kind: "finish", url: `/api/sessions/${this.state.session.id}/finish`, body });
  }

  /** Download what the server refused as a JSON file, for the person to keep or pass on. */
  async saveKept() {
    const kept = await this.outbox.kept();
    const file = new Blob([JSON.stringify(kept, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = "spinecoach-unsaved-results.json";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href)); // after the download has taken it
  }

  /**
   * @param {import("./outbox.js").OutboxItem} item
   * @param {number} status
   * @param {unknown} body
   */
  answered(item, status, body) {
    if (item.kind !== "finish") return;
    this.outbox.clearState();
    // The server's answer to a finish is the session's summary (web/schemas.py).
    const summary = /** @type {Parameters<typeof showSummary>[0]} */ (body);
    if (status < 400) showSummary(summary, String(item.body.reason));
  }

  // -- controls -------------------------------------------------------------------------
  /**
   * Apply a move (skip, repeat, resume) a moment ahead, with what was scheduled silenced.
   * @param {(now: number, playback: Playback) => PlaybackEvent[]} move
   */
  control(move) {
    if (!this.isPlaying()) return;
    this.sound.cancelAll();
    this.voice.silence();
    this.handle(move(nowSeconds() + SOUND_LEAD_SECONDS, this.playback));
    this.playing(true);
    this.loop();
  }

  pause() {
    if (!this.isPlaying() || this.playback.paused) return;
    this.playback.pause(nowSeconds());
    this.sound.cancelAll();
    this.voice.silence();
    this.playing(false);
  }

  resume() {
    if (!this.isPlaying() || !this.playback.paused) return;
    this.control((now, playback) => playback.resume(now));
  }

  /** @param {boolean} yes */
  playing(yes) {
    $("btn-pause-label").textContent = yes ? "Pause" : "Carry on";
    $("btn-pause").setAttribute("aria-pressed", String(!yes));
    document.body.classList.toggle("is-paused", !yes);
    this.lockScreen.state(yes);
  }

  painStop() {
    if (!this.isPlaying()) return;
    this.sound.cancelAll();
    this.voice.silence();
    this.handle([this.playback.stop(StopReason.PAIN, nowSeconds())]);
  }

  askToEnd() {
    this.whilePaused(elementOf("end-dialog", HTMLDialogElement), (answer) => {
      if (answer !== "end" || !this.started()) return false;
      this.handle([this.playback.stop(StopReason.QUIT, nowSeconds())]);
      return true;
    });
  }

  /**
   * Open a dialog with the session paused; carry on when it closes unless `closed` ended it.
   * @param {HTMLDialogElement} dialog
   * @param {(answer: string) => boolean} [closed]
   */
  whilePaused(dialog, closed = () => false) {
    const wasPaused = !this.isPlaying() || this.playback.paused;
    this.pause();
    dialog.showModal();
    dialog.addEventListener("close", () => {
      if (!closed(dialog.returnValue) && !wasPaused) this.resume();
    }, { once: true });
  }

  /**
   * Give the page the session's own address, so a reload resumes it instead of starting anew.
   * @param {SessionState} state
   */
  addressSession(state) {
    if (location.pathname === "/play") return;
    const address = new URLSearchParams({ session_id: String(state.session.id) });
    for (const kept of ["speed", "probe"]) {
      const value = query.get(kept);
      if (value !== null) address.set(kept, value);
    }
    history.replaceState(null, "", `/play?${address}`);
  }

  /** Return what sounded and what was shown when, against the deadlines (tests, bench). */
  timingReport() {
    if (!this.started()) return null;
    const sound = this.sound;
    const live = sound.log.filter((entry) => !entry.cancelled);
    const deadlines = new Map(live.map((entry) => [entry.index, entry.deadline]));
    const playback = this.playback;
    const now = nowSeconds();
    let due = 0;
    while (due + 1 < playback.cues.length && playback.deadline(due + 1) <= now) due += 1;
    return {
      onsets: sound.onsets.map((onset) => ({
        index: onset.index,
        heard: sound.performanceTimeAt(onset.contextTime),
        deadline: deadlines.get(onset.index) ?? null,
      })),
      shown: this.cueLog,
      current: playback.currentIndex,
      due,
      finished: playback.finished?.reason ?? null,
      cues: playback.cues.length,
    };
  }

  /** @param {unknown} error */
  problem(error) {
    $("problem-text").textContent =
      error instanceof ProblemError ? error.message : `Something went wrong: ${error}`;
    if (error instanceof NothingLeftError) this.offerNewStart();
    showStage("problem");
  }

  /** Nothing of the interrupted session fits today: offer the start screen's new session. */
  offerNewStart() {
    $("problem-title").textContent = "Your last session cannot carry on today";
    const choices = new URLSearchParams(query);
    choices.delete("session_id"); // the start screen plans anew from the same choices
    const link = elementOf("problem-new-link", HTMLAnchorElement);
    link.href = `/start${choices.size ? `?${choices}` : ""}`;
    $("problem-new").hidden = false;
  }
}

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}
const player = new Player();
Object.assign(window, { spinecoachPlayer: player }); // tests and the benchmark read its logs
player.open();
