"""Test stand-ins for the camera coach's model and coach, served in place of the real modules.

The player imports static/camera/pose.js (loadPoseModel) and static/camera/coach.js
(FormCoach), which other branches build. These stand-ins keep to the same interfaces
(CAMERA-CONTRACT.md): the model really reads the fake camera's pixels and reports a body whose
numbers carry a marker (so a leak would be found), and the coach's verdict is set by the test
through `standIn.form`. GET /api/form/{id} answers with the exercise's real view from its
poses file. The page offers the switch without model files only with ?camera-stand-in=1.
"""

import json

from playwright.sync_api import Page, Route

from spinecoach.figures.landmarks import landmark_file
from spinecoach.figures.library import pose_file

# Digits no request may ever contain: every landmark coordinate the stand-in model reports
# starts with them.
MARKER = "7316529"
LANDMARK_NAMES: list[str] = list(landmark_file().landmarks)

POSE_JS = """
const NAMES = NAMES_JSON;
const MARK = 0.MARKER_DIGITS;
export async function loadPoseModel() {
  const canvas = new OffscreenCanvas(64, 48);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return {
    async detect(source, timestampMs) {
      context.drawImage(source, 0, 0, 64, 48);
      const pixels = context.getImageData(0, 0, 64, 48).data;
      let sum = 0;
      for (let i = 1; i < pixels.length; i += 4) sum += pixels[i];
      standIn.detections += 1;
      standIn.pixelSum += sum;
      if (standIn.form === "nobody") return null;
      const landmarks = {};
      const image = NAMES.map((name, i) => {
        landmarks[name] = [MARK + i / 1e9, MARK + 1, -MARK, 0.97];
        return { x: 0.3 + 0.4 * ((i * 7) % 33) / 33, y: 0.1 + 0.8 * i / 33, visibility: 0.97 };
      });
      return { landmarks, image, timestampMs };
    },
    close() { standIn.closed += 1; },
  };
}
"""

COACH_JS = """
const VERDICTS = { good: "pass", bad: "fix", nobody: "unseen" };
const CORRECTIONS = { good: null, bad: "Sit up tall.", nobody: "I can't see your knees." };
export class FormCoach {
  constructor(formData, dose) {
    this.exercise = formData.exercise;
    this.dose = dose;
    this.reps = 0;
    this.good = 0;
    this.said = [];
    this.lastSay = -Infinity;
    this.last = null;
    this.lastT = null;
    standIn.coaches.push({ exercise: this.exercise, side: dose.side, reps: dose.repetitions });
  }
  frame(landmarks, t, { quietUntil, holding = true }) {
    const form = landmarks ? standIn.form : "nobody";
    const good = form === "good";
    if (good && holding && this.lastT !== null) this.good += t - this.lastT;
    if (good && this.last === "bad") this.reps += 1;
    this.last = form;
    this.lastT = t;
    const correction = CORRECTIONS[form];
    let say = null;
    if (correction && t >= quietUntil && t - this.lastSay >= 3 && this.said.at(-1) !== correction) {
      say = correction;
      this.said.push(say);
      this.lastSay = t;
    }
    standIn.frames.push({ t, quietUntil, say, landmarks: landmarks !== null, form, holding });
    const report = { exercise: this.exercise, verdict: VERDICTS[form], correction, unseen: [] };
    return { report, reps: this.reps, goodFormSeconds: this.good, inGoodForm: good, say };
  }
  summary() {
    const counts = {
      reps_seen: this.reps, good_form_seconds: this.good, corrections: [...this.said],
    };
    standIn.summaries.push({ exercise: this.exercise, ...counts });
    return counts;
  }
}
"""

STATE_JS = """
window.standIn = { form: "good", detections: 0, pixelSum: 0, closed: 0, coaches: [],
  frames: [], summaries: [], cameraAsked: 0 };
if (navigator.mediaDevices?.getUserMedia) {
  const ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => {
    standIn.cameraAsked += 1;
    return ask(constraints);
  };
}
"""


def form_data(exercise_id: str) -> dict[str, object]:
    """Return the part of GET /api/form/{id} the player reads: the exercise and its view."""
    view = pose_file(exercise_id).view
    return {"exercise": exercise_id, "view": {"placement": view.placement}}


def install_stand_ins(page: Page) -> None:
    """Serve the stand-in model and coach and the form data to this page, and count frames."""
    names = json.dumps(LANDMARK_NAMES)
    pose = POSE_JS.replace("NAMES_JSON", names).replace("MARKER_DIGITS", MARKER)

    def javascript(body: str) -> dict[str, object]:
        return {"status": 200, "content_type": "text/javascript", "body": body}

    page.add_init_script(STATE_JS)
    page.route("**/static/camera/pose.js", lambda route: route.fulfill(**javascript(pose)))
    page.route("**/static/camera/coach.js", lambda route: route.fulfill(**javascript(COACH_JS)))

    def form(route: Route) -> None:
        exercise = route.request.url.rsplit("/", 1)[-1].split("?")[0]
        route.fulfill(status=200, json=form_data(exercise))

    page.route("**/api/form/*", form)
