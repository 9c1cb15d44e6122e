// @ts-check
// Draw the landmarks the pose model found over the camera preview: dots and the body's lines.
//
// Only draws, on this page's own canvas; what it draws is never read back or sent anywhere.

// MediaPipe Pose's landmark order (the Frame's `image` list), as in poses/_landmarks.yaml.
const BONES = [
  [11, 12], [11, 13], [13, 15], [12, 14], [14, 16], // shoulders and arms
  [11, 23], [12, 24], [23, 24], // trunk
  [23, 25], [25, 27], [27, 29], [27, 31], [24, 26], [26, 28], [28, 30], [28, 32], // legs
  [0, 11], [0, 12], // head to shoulders
];
const MIN_VISIBILITY = 0.5;
/** @type {Record<string, string>} */
const COLOURS = { pass: "#2e9d5b", fix: "#f2a900", unseen: "#9aa0a6" };

/**
 * Clear the overlay; with a frame, draw its landmarks coloured by the form verdict.
 * @param {HTMLCanvasElement} canvas
 * @param {import("./pose.js").Frame | null} frame
 * @param {string | null | undefined} verdict
 * @param {boolean} [mirrored]
 */
export function drawOverlay(canvas, frame, verdict, mirrored = true) {
  const context = canvas.getContext("2d");
  if (!context) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (!frame?.image?.length) return;
  /** @typedef {import("./pose.js").Frame["image"][number]} ImagePoint */
  /** @type {(point: ImagePoint) => boolean} */
  const seen = (point) => point && (point.visibility ?? 1) >= MIN_VISIBILITY;
  // The preview is shown mirrored, as people expect of a camera facing them.
  /** @type {(point: ImagePoint) => number} */
  const x = (point) => (mirrored ? 1 - point.x : point.x) * canvas.width;
  /** @type {(point: ImagePoint) => number} */
  const y = (point) => point.y * canvas.height;
  context.lineWidth = Math.max(2, canvas.width / 160);
  context.strokeStyle = context.fillStyle = COLOURS[verdict ?? "unseen"] ?? COLOURS.unseen;
  context.beginPath();
  for (const [a, b] of BONES) {
    const p = frame.image[a];
    const q = frame.image[b];
    if (!seen(p) || !seen(q)) continue;
    context.moveTo(x(p), y(p));
    context.lineTo(x(q), y(q));
  }
  context.stroke();
  const radius = Math.max(3, canvas.width / 120);
  for (const point of frame.image) {
    if (!seen(point)) continue;
    context.beginPath();
    context.arc(x(point), y(point), radius, 0, 2 * Math.PI);
    context.fill();
  }
}
