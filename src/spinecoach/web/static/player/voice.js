// Voice settings (kept in this browser) and the two ways of speaking a cue.
//
// The browser's own speech (Web Speech API) is used while the page is visible and the browser
// has a voice; otherwise each cue's words come from the server (espeak-ng) as a clip that the
// SoundScheduler plays on the audio clock, which also keeps coaching while the page is hidden.

export const SETTINGS_KEY = "spinecoach.sound";
const DEFAULTS = { voice: "auto", voiceName: "", rate: 1.0, volume: 0.9, beeps: true };
const SERVER_WORDS_PER_MINUTE = 150;
// Ogg Vorbis is a ninth of the WAV; a browser that cannot decode it gets WAV.
const CLIP_FORMAT = document.createElement("audio").canPlayType('audio/ogg; codecs="vorbis"')
  ? "ogg"
  : "wav";

/** Return the sound settings stored in this browser, with defaults for anything missing. */
export function loadSettings() {
  try {
    const stored = JSON.parse(localStorage.getItem(SETTINGS_KEY) || "{}");
    return { ...DEFAULTS, ...stored };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Store the sound settings in this browser. */
export function saveSettings(settings) {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/** Return the browser's speech voices, waiting briefly for them to load. */
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
  constructor(settings, voices) {
    this.settings = settings;
    this.voices = voices;
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

  clipUrl(text) {
    const rate = Math.round(SERVER_WORDS_PER_MINUTE * this.settings.rate);
    return `/api/speech?${new URLSearchParams({ text, rate: String(rate), format: CLIP_FORMAT })}`;
  }

  /** Fetch and decode the server's clip of every distinct cue text; missing clips stay silent. */
  async loadClips(texts, audioContext, onProgress = () => {}) {
    if (this.off) return;
    const distinct = Array.from(new Set(texts)).filter((t) => !this.clips.has(t));
    let done = 0;
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
      while (queue.length) await fetchOne(queue.shift());
    });
    await Promise.all(workers);
  }

  clipFor(text) {
    return this.off ? null : this.clips.get(text) ?? null;
  }
}
