// @ts-check
// Voice settings (kept in this browser) and the two ways of speaking a cue.
//
// The browser's own speech (Web Speech API) is used while the page is visible and the browser
// has a voice; otherwise each cue's words come from the server (espeak-ng) as a clip that the
// SoundScheduler plays on the audio clock, which also keeps coaching while the page is hidden.

import { control } from "./dom.js";

/**
 * @typedef {{voice: string, voiceName: string, rate: number, volume: number, beeps: boolean}}
 *   SoundSettings voice: "auto" (the browser's if it has one), "server" or "off"
 */

export const SETTINGS_KEY = "spinecoach.sound";
/** @type {SoundSettings} */
const DEFAULTS = { voice: "auto", voiceName: "", rate: 1.0, volume: 0.9, beeps: true };
const SERVER_WORDS_PER_MINUTE = 150;
// Ogg Vorbis is a ninth of the WAV; a browser that cannot decode it gets WAV.
const CLIP_FORMAT = document.createElement("audio").canPlayType('audio/ogg; codecs="vorbis"')
  ? "ogg"
  : "wav";

/**
 * Return the sound settings stored in this browser, with defaults for anything missing.
 * @returns {SoundSettings}
 */
export function loadSettings() {
  try {
    const stored = JSON.parse(localStorage.getItem(SETTINGS_KEY) || "{}");
    return { ...DEFAULTS, ...stored };
  } catch {
    return { ...DEFAULTS };
  }
}

/**
 * Store the sound settings in this browser.
 * @param {SoundSettings} settings
 */
export function saveSettings(settings) {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/**
 * Return the sound fields (templates/_sound_fields.html) of the Sound dialog or Settings form.
 * @param {HTMLFormElement} form
 */
export function soundFields(form) {
  return {
    voice: control(form, "voice", RadioNodeList),
    voiceName: control(form, "voiceName", HTMLSelectElement),
    rate: control(form, "rate", HTMLInputElement),
    volume: control(form, "volume", HTMLInputElement),
    beeps: control(form, "beeps", HTMLInputElement),
  };
}

/**
 * Return the browser's speech voices, waiting briefly for them to load.
 * @returns {Promise<SpeechSynthesisVoice[]>}
 */
export async function browserVoices() {
  if (!("speechSynthesis" in window)) return [];
  let voices = speechSynthesis.getVoices();
  if (voices.length) return voices;
  await new Promise((resolve) => {
    speechSynthesis.addEventListener("voiceschanged", resolve, { once: true });
    setTimeout(resolve, 600);
  });
  voices = speechSynthesis.getVoices();
  return voices;
}

export class Voice {
  /**
   * @param {SoundSettings} settings
   * @param {SpeechSynthesisVoice[]} voices
   */
  constructor(settings, voices) {
    this.settings = settings;
    this.voices = voices;
    /** @type {Map<string, AudioBuffer>} */
    this.clips = new Map(); // text -> AudioBuffer
  }

  get off() {
    return this.settings.voice === "off";
  }

  /** Return whether the browser speaks this cue now (else the server clip does, or nobody). */
  browserSpeaksNow() {
    if (this.off || this.settings.voice === "server" || !this.voices.length) return false;
    return document.visibilityState === "visible";
  }

  /** @param {string} text */
  speak(text) {
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = this.settings.rate;
    utterance.volume = this.settings.volume;
    const chosen = this.voices.find((v) => v.name === this.settings.voiceName);
    if (chosen) utterance.voice = chosen;
    speechSynthesis.speak(utterance);
  }

  silence() {
    if ("speechSynthesis" in window) speechSynthesis.cancel();
  }

  /** @param {string} text */
  clipUrl(text) {
    const rate = Math.round(SERVER_WORDS_PER_MINUTE * this.settings.rate);
    return `/api/speech?${new URLSearchParams({ text, rate: String(rate), format: CLIP_FORMAT })}`;
  }

  /**
   * Fetch and decode the server's clip of every distinct cue text; missing clips stay silent.
   * @param {string[]} texts
   * @param {BaseAudioContext} audioContext
   * @param {(done: number, all: number) => void} [onProgress]
   */
  async loadClips(texts, audioContext, onProgress = () => {}) {
    if (this.off) return;
    const distinct = Array.from(new Set(texts)).filter((t) => !this.clips.has(t));
    let done = 0;
    /** @param {string} text */
    const fetchOne = async (text) => {
      try {
        const response = await fetch(this.clipUrl(text));
        if (response.ok) {
          const buffer = await audioContext.decodeAudioData(await response.arrayBuffer());
          this.clips.set(text, buffer);
        }
      } catch {
        // offline and not cached: this cue is shown and beeped but not spoken
      }
      done += 1;
      onProgress(done, distinct.length);
    };
    // A few at a time: the server makes each clip with its own espeak-ng process.
    const queue = distinct.slice();
    const workers = Array.from({ length: 4 }, async () => {
      let text;
      while ((text = queue.shift()) !== undefined) await fetchOne(text);
    });
    await Promise.all(workers);
  }

  /**
   * @param {string} text
   * @returns {AudioBuffer | null}
   */
  clipFor(text) {
    return this.off ? null : this.clips.get(text) ?? null;
  }
}
