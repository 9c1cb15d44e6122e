// The phone around the player: screen kept awake, lock-screen controls, keyboard keys.

export class ScreenAwake {
  constructor() {
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

/** Offer play, pause, next and previous on the lock screen and headset buttons. */
export function lockScreenControls(actions, keepAlive) {
  if (!("mediaSession" in navigator)) return { show() {}, state() {} };
  const session = navigator.mediaSession;
  const handlers = {
    play: actions.resume,
    pause: actions.pause,
    nexttrack: actions.skip,
    previoustrack: actions.repeat,
  };
  for (const [action, handler] of Object.entries(handlers)) {
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

/** Space pauses, arrows skip and repeat, P stops for pain, while the session plays. */
export function bindKeys(actions, isPlaying) {
  document.addEventListener("keydown", (event) => {
    if (!isPlaying() || event.altKey || event.ctrlKey || event.metaKey) return;
    if (SKIP_TARGETS.has(event.target.tagName) || event.target.closest("dialog")) return;
    const action = {
      " ": actions.toggle,
      ArrowRight: actions.skip,
      ArrowLeft: actions.repeat,
      p: actions.pain,
      P: actions.pain,
    }[event.key];
    if (!action) return;
    event.preventDefault(); // Space must not also press the focused button
    action();
  });
}
