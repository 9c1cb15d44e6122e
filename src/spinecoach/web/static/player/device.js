// @ts-check
// The phone around the player: screen kept awake, lock-screen controls, keyboard keys.

/**
 * The player's controls, as buttons, keys and the lock screen offer them.
 * @typedef {Record<"toggle" | "pause" | "resume" | "skip" | "repeat" | "pain", () => void>}
 *   Actions
 */

export class ScreenAwake {
  constructor() {
    /** @type {WakeLockSentinel | null} */
    this.lock = null;
    this.wanted = false;
    document.addEventListener("visibilitychange", () => {
      // The browser drops the lock when the page is hidden; take it again on return.
      if (this.wanted && document.visibilityState === "visible") this._request();
    });
  }

  async keep() {
    this.wanted = true;
    await this._request();
  }

  async _request() {
    if (!("wakeLock" in navigator) || this.lock) return;
    try {
      this.lock = await navigator.wakeLock.request("screen");
      this.lock.addEventListener("release", () => (this.lock = null));
    } catch {
      // not allowed here (battery saver, not a secure address): the session plays anyway
    }
  }

  release() {
    this.wanted = false;
    this.lock?.release();
    this.lock = null;
  }
}

/** Return a blob URL of one second of silence as an 8-bit mono WAV, made here, not fetched. */
export function silenceUrl(seconds = 1, rate = 8000) {
  const samples = Math.round(seconds * rate);
  const bytes = new Uint8Array(44 + samples).fill(0x80, 44); // 8-bit WAV is unsigned: 128 is quiet
  const header = new DataView(bytes.buffer);
  const words = { 0: "RIFF", 8: "WAVE", 12: "fmt ", 36: "data" };
  for (const [at, word] of Object.entries(words)) {
    [...word].forEach((letter, i) => header.setUint8(Number(at) + i, letter.charCodeAt(0)));
  }
  header.setUint32(4, 36 + samples, true);
  header.setUint32(16, 16, true); // the format chunk's size
  header.setUint16(20, 1, true); // PCM
  header.setUint16(22, 1, true); // mono
  header.setUint32(24, rate, true);
  header.setUint32(28, rate, true); // bytes a second
  header.setUint16(32, 1, true); // bytes a frame
  header.setUint16(34, 8, true); // bits a sample
  header.setUint32(40, samples, true);
  return URL.createObjectURL(new Blob([bytes], { type: "audio/wav" }));
}

/**
 * Offer play, pause, next and previous on the lock screen and headset buttons.
 * @param {Actions} actions
 * @param {HTMLMediaElement} keepAlive
 * @returns {{show: (title: string, album: string) => void, state: (playing: boolean) => void}}
 */
export function lockScreenControls(actions, keepAlive) {
  if (!("mediaSession" in navigator)) return { show() {}, state() {} };
  const session = navigator.mediaSession;
  /** @type {[MediaSessionAction, () => void][]} */
  const handlers = [
    ["play", actions.resume],
    ["pause", actions.pause],
    ["nexttrack", actions.skip],
    ["previoustrack", actions.repeat],
  ];
  for (const [action, handler] of handlers) {
    try {
      session.setActionHandler(action, handler);
    } catch {
      // this browser does not offer that button
    }
  }
  return {
    show(title, album) {
      session.metadata = new MediaMetadata({ title, artist: "spinecoach", album });
    },
    state(playing) {
      session.playbackState = playing ? "playing" : "paused";
      // Lock screens show media controls only while a media element plays.
      if (playing) keepAlive.play().catch(() => {});
      else keepAlive.pause();
    },
  };
}

const SKIP_TARGETS = new Set(["INPUT", "SELECT", "TEXTAREA"]);

/**
 * Space pauses, arrows skip and repeat, P stops for pain, while the session plays.
 * @param {Actions} actions
 * @param {() => boolean} isPlaying
 */
export function bindKeys(actions, isPlaying) {
  document.addEventListener("keydown", (event) => {
    if (!isPlaying() || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof Element && (SKIP_TARGETS.has(target.tagName) || target.closest("dialog"))) {
      return;
    }
    /** @type {Record<string, () => void>} */
    const keys = {
      " ": actions.toggle,
      ArrowRight: actions.skip,
      ArrowLeft: actions.repeat,
      p: actions.pain,
      P: actions.pain,
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault(); // Space must not also press the focused button
    action();
  });
}
