// @ts-check
// The camera coach as the player first loads it: the switch, or one sentence on why there is
// none. The coach itself (camera.js, its overlay and its quiet rules) is imported only when the
// person turns the switch on, so a session without the camera never downloads it.

import { cameraUnavailable } from "./device.js";
import { CameraPanel } from "./panel.js";

const HOLD_GATE_KEY = "spinecoach.camera.holdGate";
const NO_COUNTS = { reps_seen: null, good_form_seconds: null, corrections: null };
const query = new URLSearchParams(location.search);

export class CameraSwitch {
  /**
   * Show the switch (or why there is none) and load the coach when it is turned on.
   * @param {import("./camera.js").CoachedPlayer} player
   */
  constructor(player) {
    this.player = player;
    this.view = new CameraPanel();
    /** @type {import("./camera.js").CameraCoach | null} */
    this.coach = null; // the CameraCoach, from the first time the switch is turned on
    /** @type {Promise<import("./camera.js").CameraCoach> | null} */
    this.loading = null;
    this.holdGate = localStorage.getItem(HOLD_GATE_KEY) === "on";
    this.view.bind({
      toggle: (wanted) => (wanted ? this.switchOn() : this.coach?.switchOff()),
      holdGate: (wanted) => this.setHoldGate(wanted),
    });
    this.view.showHoldGate(this.holdGate);
    this.ready = this.checkAvailable();
  }

  async checkAvailable() {
    const modelServed = this.view.modelServed || query.has("camera-stand-in");
    const reason = await cameraUnavailable({ modelServed });
    if (reason) this.view.unavailable(reason);
    else this.view.available();
  }

  /** @param {boolean} wanted */
  setHoldGate(wanted) {
    this.holdGate = wanted;
    localStorage.setItem(HOLD_GATE_KEY, wanted ? "on" : "off");
    this.coach?.setHoldGate(wanted);
  }

  async switchOn() {
    this.view.starting();
    this.loading ??= import("./camera.js").then(
      ({ CameraCoach }) => new CameraCoach(this.player, this.view, this.holdGate),
    );
    try {
      this.coach = await this.loading;
    } catch {
      // Offline before the coach was ever kept: the session plays on without it.
      this.loading = null;
      this.view.failed("The camera coach could not be loaded. Check the connection and try again.");
      return;
    }
    if (this.view.switchedOn) this.coach.switchOn();
    else this.coach.switchOff(); // turned off again while it was loading
  }

  /** The coach's log of verdicts (tests and the benchmark read it); empty until loaded. */
  get log() {
    return this.coach?.log ?? [];
  }

  cueStarted() {
    this.coach?.cueStarted();
  }

  /**
   * Return the camera's counts for an ended exercise, or all three null when it was off.
   * @param {number} position
   */
  takeCounts(position) {
    return this.coach?.takeCounts(position) ?? { ...NO_COUNTS };
  }

  stop() {
    this.coach?.stop();
  }
}
