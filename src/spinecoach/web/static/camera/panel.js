// @ts-check
// What the person sees of the camera coach: the switch, the preview, the placement guide,
// the form verdict, the correction and the counts. Only draws; CameraCoach decides.

import { $, elementOf } from "../player/dom.js";

const SHOWN_SECONDS = 8; // a said correction stays on screen this long
/** @type {Record<string, string>} */
const VERDICT_WORDS = { pass: "Form: good", fix: "Form: needs a change", unseen: "Form: not fully seen" };

export class CameraPanel {
  constructor() {
    this.panel = $("camera-panel");
    this.video = elementOf("camera-video", HTMLVideoElement);
    this.overlay = elementOf("camera-overlay", HTMLCanvasElement);
    /** @type {string | null} */
    this.saidText = null;
    this.saidAt = -Infinity;
  }

  /** Say whether the server has the pose model's files to serve. */
  get modelServed() {
    return this.panel?.dataset.model === "served";
  }

  get switchedOn() {
    return elementOf("camera-switch", HTMLInputElement).checked;
  }

  get previewShown() {
    return elementOf("camera-preview", HTMLInputElement).checked;
  }

  /**
   * Tell the coach when the person turns the camera or the hold gate on or off.
   * @param {{toggle: (wanted: boolean) => void, holdGate: (wanted: boolean) => void}} handlers
   */
  bind({ toggle, holdGate }) {
    const cameraSwitch = elementOf("camera-switch", HTMLInputElement);
    const gateSwitch = elementOf("camera-hold-gate", HTMLInputElement);
    cameraSwitch.addEventListener("change", () => toggle(cameraSwitch.checked));
    gateSwitch.addEventListener("change", () => holdGate(gateSwitch.checked));
    $("camera-preview").addEventListener("change", () => this.showPreview());
  }

  /** @param {boolean} on */
  showHoldGate(on) {
    elementOf("camera-hold-gate", HTMLInputElement).checked = on;
  }

  showPreview() {
    $("camera-view").hidden = !this.previewShown || this.panel.dataset.state !== "on";
  }

  /**
   * Hide the switch and say in one sentence why there is none.
   * @param {string} reason
   */
  unavailable(reason) {
    $("camera-controls").hidden = true;
    $("camera-live").hidden = true;
    const note = $("camera-unavailable");
    note.textContent = reason;
    note.hidden = false;
    this.panel.dataset.state = "unavailable";
  }

  available() {
    $("camera-unavailable").hidden = true;
    $("camera-controls").hidden = false;
    this.panel.dataset.state = "off";
  }

  starting() {
    this.status("Starting the camera. Your browser may ask whether this page may use it.");
    this.panel.dataset.state = "starting";
  }

  live() {
    $("camera-live").hidden = false;
    this.panel.dataset.state = "on";
    this.showPreview();
    this.status("Move until the figure drawn on you covers your whole body.");
    const { videoWidth, videoHeight } = this.video;
    this.overlay.width = videoWidth || 640;
    this.overlay.height = videoHeight || 480;
  }

  off() {
    elementOf("camera-switch", HTMLInputElement).checked = false;
    $("camera-live").hidden = true;
    $("camera-view").hidden = true;
    $("camera-correction").textContent = "";
    this.status("");
    this.panel.dataset.state = "off";
  }

  /** @param {string} message */
  failed(message) {
    this.off();
    this.status(message);
  }

  /** @param {string} text */
  status(text) {
    $("camera-status").textContent = text;
  }

  /**
   * Show where to put the device for this exercise (its poses file's view, in words).
   * @param {string | null} why
   */
  guide(why) {
    const guide = $("camera-guide");
    guide.hidden = !why;
    $("camera-guide-text").textContent = why ?? "";
  }

  /**
   * @param {string} text
   * @param {number} t
   */
  said(text, t) {
    this.saidText = text;
    this.saidAt = t;
    $("camera-correction").textContent = text;
  }

  /**
   * Show one frame's verdict, the correction to work on and the counts so far.
   * @param {import("./coach.js").FrameResult} result
   * @param {boolean} seen
   * @param {number} t
   */
  coaching(result, seen, t) {
    const report = result.report ?? null;
    const verdict = seen ? report?.verdict ?? "unseen" : "unseen";
    this.panel.dataset.verdict = verdict;
    this.status(seen ? VERDICT_WORDS[verdict] ?? "" : "I can't see you. Move so your whole body is in the picture.");
    if (t - this.saidAt > SHOWN_SECONDS) {
      // Nothing said lately (it may be too busy with cues to speak): show the live correction.
      $("camera-correction").textContent = verdict === "pass" ? "" : report?.correction ?? "";
    }
    const seconds = Math.floor(Number(result.goodFormSeconds) || 0);
    $("camera-counts").textContent = `Repetitions seen: ${result.reps ?? 0} · in good form: ${seconds} s`;
  }

  /**
   * Say that the hold waits for good form (the correction line says what to change).
   * @param {boolean} waiting
   */
  gateWaiting(waiting) {
    $("camera-gate-note").hidden = !waiting;
    $("camera-gate-note").textContent = waiting ? "The hold waits until your form is right." : "";
  }
}
