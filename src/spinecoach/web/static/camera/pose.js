// @ts-check
// The pose model on the device: MediaPipe Pose (npm @mediapipe/pose 0.5, Apache-2.0) from files
// this server serves under /static/vendor/pose/ (`make install` copies them there). Frames go
// into the model inside this page and nothing about them leaves it.
//
// Chosen over @mediapipe/tasks-vision, whose npm package ships the runtime but no .task model:
// @mediapipe/pose is the one package that ships both. Its graph draws frames through WebGL; on a
// machine without a GPU Chromium runs that on SwiftShader (slow, but it works).

/**
 * @typedef {import("@mediapipe/pose").Pose} Pose
 * @typedef {import("@mediapipe/pose").Results} Results
 * @typedef {import("@mediapipe/pose").InputImage} InputImage
 *
 * One camera frame's body: world landmarks by name, [x, y, z, visibility] in metres with y up
 * (what FormCoach judges), and the image landmarks in MediaPipe's order (what the overlay draws).
 * @typedef {{
 *   landmarks: Record<string, [number, number, number, number]>,
 *   image: {x: number, y: number, visibility: number}[], timestampMs: number,
 * }} Frame
 * @typedef {{
 *   baseUrl: string, modelComplexity: 0 | 1 | 2, smoothLandmarks: boolean,
 *   minDetectionConfidence: number, minTrackingConfidence: number, warmUp: boolean,
 * }} PoseOptions
 */

export const POSE_BASE_URL = "/static/vendor/pose/";

// MediaPipe Pose's landmark order, named as catalog/data/poses/_landmarks.yaml names them.
export const POSE_LANDMARK_NAMES = [
  "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
  "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
  "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
  "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip",
  "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
  "right_heel", "left_foot_index", "right_foot_index",
];

// 0 lite (the default: fastest on a CPU), 1 full; heavy (2) is not installed (28 MB).
/** @type {Record<number, string>} */
const LANDMARK_MODELS = { 0: "pose_landmark_lite.tflite", 1: "pose_landmark_full.tflite" };
const RUNTIME_FILES = [
  "pose.js", "pose_web.binarypb", "pose_solution_packed_assets_loader.js",
  "pose_solution_packed_assets.data", "pose_solution_simd_wasm_bin.js",
  "pose_solution_simd_wasm_bin.wasm", "pose_solution_wasm_bin.js", "pose_solution_wasm_bin.wasm",
];
/** @type {PoseOptions} */
const DEFAULTS = {
  baseUrl: POSE_BASE_URL,
  modelComplexity: 0,
  smoothLandmarks: true,
  minDetectionConfidence: 0.5,
  minTrackingConfidence: 0.5,
  warmUp: true,
};

/** @type {Map<string, Promise<void>>} */
const scriptsLoaded = new Map();

/**
 * Tell whether this server serves every file the model needs (HEAD requests to our origin).
 * @param {Partial<PoseOptions>} [options]
 * @returns {Promise<boolean>}
 */
export async function poseModelServed(options = {}) {
  const { baseUrl, modelComplexity } = { ...DEFAULTS, ...options };
  const model = LANDMARK_MODELS[modelComplexity];
  if (!model) return false;
  const answers = await Promise.all(
    [...RUNTIME_FILES, model].map((file) =>
      fetch(baseUrl + file, { method: "HEAD", cache: "no-store" }).then(
        (response) => response.ok,
        () => false,
      ),
    ),
  );
  return answers.every(Boolean);
}

/**
 * @param {string} url
 * @returns {Promise<void>}
 */
function loadScript(url) {
  // pose.js is a classic script that defines window.Pose, not a module: add it once.
  let loading = scriptsLoaded.get(url);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve();
      script.onerror = () => {
        scriptsLoaded.delete(url);
        reject(new Error(`could not load ${url}`));
      };
      document.head.append(script);
    });
    scriptsLoaded.set(url, loading);
  }
  return loading;
}

function webgl2Available() {
  // The model's graph runs on WebGL 2; without it MediaPipe fails with an unreadable error.
  const context = document.createElement("canvas").getContext("webgl2");
  context?.getExtension("WEBGL_lose_context")?.loseContext();
  return Boolean(context);
}

/**
 * @param {Results} results
 * @param {number} timestampMs
 * @returns {Frame | null}
 */
function toFrame(results, timestampMs) {
  const world = results.poseWorldLandmarks;
  const image = results.poseLandmarks;
  if (!world || !image || world.length < POSE_LANDMARK_NAMES.length) return null;
  /** @type {Frame["landmarks"]} */
  const landmarks = {};
  POSE_LANDMARK_NAMES.forEach((name, index) => {
    const point = world[index];
    // MediaPipe's world landmarks have y down and z away from the camera; ours have y up.
    landmarks[name] = [point.x, -point.y, -point.z, point.visibility ?? 1];
  });
  return {
    landmarks,
    image: image.map((point) => ({ x: point.x, y: point.y, visibility: point.visibility ?? 1 })),
    timestampMs,
  };
}

/** A loaded model: detect(source, timestampMs) resolves to a Frame, or null when nobody is seen. */
export class PoseModel {
  /** @param {Pose} pose */
  constructor(pose) {
    this.pose = pose;
    /** @type {Results | null} */
    this.results = null;
    this.lastTimestampMs = -Infinity;
    /** @type {Promise<unknown>} */
    this.queue = Promise.resolve();
    this.closed = false;
    pose.onResults((results) => {
      this.results = results;
    });
  }

  /**
   * @param {InputImage} source
   * @param {number} [timestampMs]
   * @returns {Promise<Frame | null>}
   */
  detect(source, timestampMs = performance.now()) {
    /** @returns {Promise<Frame | null>} */
    const run = async () => {
      if (this.closed) throw new Error("the pose model is closed");
      // A timestamp that does not move forward (a repeated video frame) aborts the wasm graph.
      const at = Math.max(timestampMs, this.lastTimestampMs + 1);
      this.lastTimestampMs = at;
      this.results = null;
      await this.pose.send({ image: source }, at);
      return this.results ? toFrame(this.results, timestampMs) : null;
    };
    // One frame at a time: the graph holds one set of results.
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.pose.close();
  }
}

/**
 * Load the pose model from this server; rejects with a plain message when it is not installed.
 *
 * options: baseUrl (default /static/vendor/pose/), modelComplexity (0 lite, 1 full),
 * smoothLandmarks, minDetectionConfidence, minTrackingConfidence, warmUp (default true: run one
 * blank frame first, so the graph's few seconds of set-up are not paid on the first camera frame).
 * @param {Partial<PoseOptions>} [options]
 * @returns {Promise<PoseModel>}
 */
export async function loadPoseModel(options = {}) {
  const settings = { ...DEFAULTS, ...options };
  if (!LANDMARK_MODELS[settings.modelComplexity]) {
    throw new Error(`modelComplexity must be 0 (lite) or 1 (full), not ${settings.modelComplexity}`);
  }
  if (!(await poseModelServed(settings))) {
    throw new Error(
      `The pose model is not installed on this server (make install puts it in ${settings.baseUrl}).`,
    );
  }
  if (!webgl2Available()) {
    throw new Error("This browser cannot run the pose model: it offers no WebGL 2 graphics.");
  }
  await loadScript(settings.baseUrl + "pose.js");
  const pose = new window.Pose({ locateFile: (file) => settings.baseUrl + file });
  pose.setOptions({
    selfieMode: false,
    modelComplexity: settings.modelComplexity,
    smoothLandmarks: settings.smoothLandmarks,
    enableSegmentation: false,
    minDetectionConfidence: settings.minDetectionConfidence,
    minTrackingConfidence: settings.minTrackingConfidence,
  });
  try {
    await pose.initialize();
  } catch (error) {
    throw new Error(`The pose model could not start in this browser (${error}).`, { cause: error });
  }
  const model = new PoseModel(pose);
  if (settings.warmUp) {
    const blank = document.createElement("canvas");
    blank.width = 640;
    blank.height = 480;
    blank.getContext("2d")?.fillRect(0, 0, blank.width, blank.height);
    await model.detect(blank, 0);
  }
  return model;
}
