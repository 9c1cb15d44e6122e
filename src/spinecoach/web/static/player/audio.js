// @ts-check
// The session's sound on the audio clock: voice clips and beeps scheduled ahead of their cues.
//
// Browsers throttle a hidden page's timers (to once a second, or once a minute) and freeze
// pages in the background, but the audio clock keeps running on its own thread: a cue's sound
// scheduled here ahead of its deadline plays on time whatever the page's main thread does.

const BEEP_HZ = 880;
const BEEP_SECONDS = 0.12;
const BEEP_GAP_SECONDS = 0.08;
const BEEP_LEVEL = 0.25;
const MARKER_SECONDS = 0.004;
const CLOCK_SAMPLES = 31;
const REMAP_MS = 1.0;

/**
 * What a cue sounds: beeps (a hold just ended), then its spoken clip if there is one; `spoken`
 * says the clip is the cue's words (so the browser's voice need not say them).
 * @typedef {{clip?: AudioBuffer | null, beeps?: number, spoken?: boolean}} Sounds
 * @typedef {{nodes: AudioScheduledSourceNode[], at: number, offset: number, deadline: number,
 *   sounds: Sounds}} Scheduled
 * @typedef {{index: number, deadline: number, at: number, offset: number, voiced: boolean,
 *   cancelled?: boolean}} Logged
 * @typedef {{index: number, contextTime: number}} Onset
 */

export class SoundScheduler {
  /** @param {{probe?: boolean}} [options] probe: report each cue's onset from the audio thread */
  constructor({ probe = false } = {}) {
    // Created before any gesture so clips can be decoded early; resumed by the Start click.
    this.ctx = new AudioContext({ latencyHint: "interactive" });
    this.output = this.ctx.createGain();
    this.output.connect(this.ctx.destination);
    this.probe = probe;
    /** @type {AudioWorkletNode | null} */
    this.probeNode = null;
    /** @type {Map<number, Scheduled>} */
    this.scheduled = new Map(); // cue index -> {nodes, at}
    /** @type {Logged[]} */
    this.log = []; // what was scheduled: {index, deadline (ms), at (context s), voiced}
    /** @type {Onset[]} */
    this.onsets = []; // what the audio thread saw start: {index, contextTime}
    /** @type {[number, number][]} */
    this.clockPairs = []; // recent [contextTime, performance ms] output timestamps
    /** @type {[number, number][]} */
    this.offsets = []; // [contextTime, offset then]: to read onsets back in performance time
    this.guessed = false; // the clock pairs are guesses from the output latency
  }

  async open() {
    if (this.probe && !this.probeNode) {
      await this.ctx.audioWorklet.addModule("/static/player/probe-worklet.js");
      this.probeNode = new AudioWorkletNode(this.ctx, "cue-probe");
      this.probeNode.port.onmessage = (message) => this.onsets.push(message.data);
      // A worklet only runs while something pulls on it: feed the output at zero volume.
      const mute = this.ctx.createGain();
      mute.gain.value = 0;
      this.probeNode.connect(mute).connect(this.ctx.destination);
    }
    if (this.ctx.state !== "running") await this.ctx.resume();
  }

  /** @param {number} value */
  set volume(value) {
    this.output.gain.value = value;
  }

  /** Sample how the audio clock maps onto performance time (what is heard when). */
  sampleClock() {
    const { contextTime, performanceTime } = this.ctx.getOutputTimestamp();
    /** @type {[number, number]} */
    let pair;
    if (performanceTime !== undefined && performanceTime > 0 && contextTime !== undefined) {
      if (this.guessed) this.clockPairs = []; // real timestamps replace the first guesses
      this.guessed = false;
      pair = [contextTime, performanceTime];
    } else {
      // No output timestamp yet (the device is starting): assume the output latency.
      this.guessed = true;
      const latency = this.ctx.outputLatency || this.ctx.baseLatency || 0;
      pair = [this.ctx.currentTime - latency, performance.now()];
    }
    const last = this.clockPairs[this.clockPairs.length - 1];
    if (last && last[0] === pair[0]) return; // the device has not asked for sound since
    this.clockPairs.push(pair);
    if (this.clockPairs.length > CLOCK_SAMPLES) this.clockPairs.shift();
    this.offsets.push([pair[0], this._median()]);
    if (this.offsets.length > 20000) this.offsets.splice(0, 10000);
  }

  _median() {
    const values = this.clockPairs.map(([context, ms]) => ms - context * 1000).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  }

  /**
   * Return performance ms minus audio seconds * 1000: the median of recent samples, since a
   * timestamp taken while the device starts or stutters reads a few milliseconds off.
   */
  clockOffset() {
    this.sampleClock();
    return this._median();
  }

  /**
   * Return the audio-clock time at which a sound is heard at performance time `ms`.
   * @param {number} ms
   * @returns {number}
   */
  contextTimeAt(ms) {
    return (ms - this.clockOffset()) / 1000;
  }

  /**
   * Return the performance time at which audio-clock time `t` was heard (mapping of then).
   * @param {number} t
   * @returns {number}
   */
  performanceTimeAt(t) {
    this.sampleClock();
    let best = this.offsets[0];
    for (const entry of this.offsets) {
      if (Math.abs(entry[0] - t) < Math.abs(best[0] - t)) best = entry;
    }
    return t * 1000 + best[1];
  }

  /** Move sounds not yet started onto the clock mapping of now (the device may have settled). */
  remap() {
    const offset = this.clockOffset();
    const soon = this.ctx.currentTime + 0.05;
    for (const [index, entry] of Array.from(this.scheduled)) {
      if (entry.at > soon && Math.abs(entry.offset - offset) > REMAP_MS) {
        this.scheduleCue(index, entry.deadline, entry.sounds);
      }
    }
  }

  /**
   * Schedule a cue's sound: beeps first (a hold just ended), then the spoken clip.
   * @param {number} index
   * @param {number} deadlineMs
   * @param {Sounds} [sounds]
   */
  scheduleCue(index, deadlineMs, sounds = {}) {
    const { clip = null, beeps = 0 } = sounds;
    this.cancelCue(index);
    const offset = this.clockOffset();
    const wanted = (deadlineMs - offset) / 1000;
    const at = Math.max(wanted, this.ctx.currentTime);
    /** @type {AudioScheduledSourceNode[]} */
    const nodes = [];
    let t = at;
    for (let n = 0; n < beeps; n += 1) {
      nodes.push(this._beep(t));
      t += BEEP_SECONDS + BEEP_GAP_SECONDS;
    }
    if (clip) {
      const source = this.ctx.createBufferSource();
      source.buffer = clip;
      source.connect(this.output);
      source.start(t);
      nodes.push(source);
    }
    if (this.probeNode && nodes.length) {
      const marker = this.ctx.createConstantSource();
      marker.offset.value = index + 1;
      marker.connect(this.probeNode);
      marker.start(at);
      // A marker whose whole span is already past would never sound: keep it audible.
      marker.stop(Math.max(at, this.ctx.currentTime + 0.05) + MARKER_SECONDS);
      nodes.push(marker);
    }
    this.scheduled.set(index, { nodes, at, offset, deadline: deadlineMs, sounds });
    this.log.push({ index, deadline: deadlineMs, at, offset, voiced: Boolean(clip) });
  }

  /** @param {number} t */
  _beep(t) {
    const tone = this.ctx.createOscillator();
    const envelope = this.ctx.createGain();
    tone.frequency.value = BEEP_HZ;
    // A short ramp in and out avoids clicks.
    envelope.gain.setValueAtTime(0, t);
    envelope.gain.linearRampToValueAtTime(BEEP_LEVEL, t + 0.01);
    envelope.gain.setValueAtTime(BEEP_LEVEL, t + BEEP_SECONDS - 0.02);
    envelope.gain.linearRampToValueAtTime(0, t + BEEP_SECONDS);
    tone.connect(envelope).connect(this.output);
    tone.start(t);
    tone.stop(t + BEEP_SECONDS);
    return tone;
  }

  /** @param {number} index */
  isScheduled(index) {
    return this.scheduled.has(index);
  }

  /** @param {number} index */
  cancelCue(index) {
    const entry = this.scheduled.get(index);
    if (!entry) return;
    for (const node of entry.nodes) {
      try {
        node.stop();
      } catch {
        // a node that never started cannot be stopped twice; nothing to silence
      }
      node.disconnect();
    }
    this.scheduled.delete(index);
    const logged = this.log.findLast((e) => e.index === index);
    if (logged && logged.at > this.ctx.currentTime) logged.cancelled = true;
  }

  /** Silence everything now and forget what was scheduled (pause, skip, repeat, stop). */
  cancelAll() {
    for (const index of Array.from(this.scheduled.keys())) this.cancelCue(index);
  }

  /** Cancel the sounds that have not started yet. */
  cancelFuture() {
    const now = this.ctx.currentTime;
    for (const [index, entry] of Array.from(this.scheduled)) {
      if (entry.at > now) this.cancelCue(index);
    }
  }

  /**
   * Forget cues whose sound has finished, keeping the map small.
   * @param {number} index
   */
  forgetBefore(index) {
    for (const key of Array.from(this.scheduled.keys())) {
      if (key < index) this.scheduled.delete(key);
    }
  }
}
