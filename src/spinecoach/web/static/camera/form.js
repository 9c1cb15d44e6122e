// @ts-check
// Judge a body seen by the camera against an exercise's form rules: a port of figures/form.py.
//
// checkForm(formData, exerciseId, landmarks, { side, pose }) returns exactly the JSON of
// Python's report_to_dict(check_form(exerciseId, parse_landmarks(landmarks), side, pose)),
// with formData from GET /api/form/{exerciseId}. The steps are those at the top of form.py;
// tests/camera/test_form_parity.py runs both on the same corpus of joint files.

import {
  Coincide,
  UNITS,
  clean,
  compute,
  derive,
  extraPoints,
  handedness,
  swapSides,
} from "./measures.js";

/**
 * What GET /api/form/{exerciseId} sends (FormData in web/routes/api_form.py).
 * @typedef {{
 *   min_visibility: number, landmarks: string[], derived: import("./measures.js").Derived[],
 *   parts: Record<string, string>,
 * }} LandmarkFile
 * @typedef {{
 *   id: string, check: string, measure: string, points: string[], toward?: string | null,
 *   at_least: number | null, at_most: number | null, too_low: string | null,
 *   too_high: string | null,
 * }} Rule
 * @typedef {{pose: string, rules: Rule[]}} FormCheck
 * @typedef {{rule: string, from: number, to: number}} MovementRule
 * @typedef {{from_pose: string, to_pose: string, rules: MovementRule[]}} Movement the rules
 *   that change between a repetition's two key poses, with their values in each
 * @typedef {{
 *   exercise: string, drawn_side: "left" | "right" | null,
 *   view: {azimuth: number, elevation: number, why: string, placement: string},
 *   landmarks: LandmarkFile, form: FormCheck[], movement: Movement,
 * }} ExerciseForm
 *
 * The report, as Python's report_to_dict writes it.
 * @typedef {"pass" | "too-low" | "too-high" | "unseen"} RuleResult
 * @typedef {{
 *   rule: string, check: string, measure: string, value: number | null, unit: string,
 *   at_least: number | null, at_most: number | null, result: RuleResult,
 *   correction: string | null,
 * }} RuleReport
 * @typedef {{
 *   exercise: string, pose: string, side: string | null, verdict: "pass" | "fix" | "unseen",
 *   mirrored: boolean, unseen: string[], correction: string | null, rules: RuleReport[],
 * }} Report
 *
 * A landmark the camera saw, in metres, with how sure the model is that it is visible.
 * @typedef {{x: number, y: number, z: number, visibility: number}} Landmark
 * @typedef {import("./measures.js").Points} Points
 */

const SIDES = ["left", "right"];
const SHAPES = "[x, y, z], [x, y, z, visibility] or {x, y, z, visibility}";

/** Bad input, with the same message as Python's InvalidInputError. */
export class FormInputError extends Error {}

/**
 * @param {unknown} value
 * @returns {number | null}
 */
function number(value) {
  if (typeof value !== "number") throw new TypeError();
  return Number.isFinite(value) ? value : null;
}

/**
 * @param {string} name
 * @param {unknown} value
 * @returns {Landmark | null}
 */
function landmark(name, value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && !Array.isArray(value)) {
    /** @typedef {{x?: unknown, y?: unknown, z?: unknown, visibility?: unknown}} GivenLandmark */
    const mark = /** @type {GivenLandmark} */ (value);
    const visibility = "visibility" in mark ? mark.visibility : 1.0;
    value = [mark.x, mark.y, mark.z, visibility];
  }
  if (!Array.isArray(value) || (value.length !== 3 && value.length !== 4)) {
    throw new FormInputError(`joints.${name}: expected ${SHAPES}`);
  }
  let numbers;
  try {
    numbers = value.map(number);
  } catch {
    throw new FormInputError(`joints.${name}: expected ${SHAPES} with numbers`);
  }
  const visibility = numbers.length === 4 ? numbers[3] : 1.0;
  if (visibility === null || !(visibility >= 0.0 && visibility <= 1.0)) {
    throw new FormInputError(`joints.${name}: visibility must be between 0 and 1`);
  }
  const [x, y, z] = numbers;
  if (x === null || y === null || z === null) return null;
  return { x, y, z, visibility };
}

/**
 * Return {name: landmark} of known names; unseen ones dropped; throw if malformed.
 * @param {ExerciseForm} formData
 * @param {unknown} data
 * @returns {Map<string, Landmark>}
 */
export function parseLandmarks(formData, data) {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new FormInputError("joints: expected a mapping of landmark name to [x, y, z]");
  }
  const known = new Set(formData.landmarks.landmarks);
  // Every value is checked, in order, before any is dropped: the first malformed one throws.
  const parsed = Object.entries(data).map(([name, value]) => ({ name, mark: landmark(name, value) }));
  /** @type {Map<string, Landmark>} */
  const kept = new Map();
  for (const { name, mark } of parsed) if (mark !== null && known.has(name)) kept.set(name, mark);
  return kept;
}

/**
 * @param {ExerciseForm} formData
 * @param {Map<string, Landmark>} parsed
 * @returns {Points}
 */
function seenPoints(formData, parsed) {
  /** @type {Points} */
  const seen = new Map();
  for (const [name, mark] of parsed) {
    if (mark.visibility >= formData.landmarks.min_visibility) {
      seen.set(name, [mark.x, mark.y, mark.z]);
    }
  }
  return seen;
}

/**
 * @param {ExerciseForm} formData
 * @param {string} name
 * @returns {Set<string>}
 */
function sources(formData, name) {
  const by = formData.landmarks.derived.find((point) => point.name === name);
  if (by === undefined) return new Set([name]);
  return new Set(by.mean.flatMap((part) => [...sources(formData, part)]));
}

/**
 * Return the landmark's name without its side: left_knee -> knee, mouth_left -> mouth.
 * @param {string} name
 */
function bodyPart(name) {
  for (const side of SIDES) {
    if (name.startsWith(`${side}_`)) name = name.slice(side.length + 1);
    if (name.endsWith(`_${side}`)) name = name.slice(0, -(side.length + 1));
  }
  return name;
}

/**
 * Fill {side} and {other} in a rule point, check or correction.
 * @param {string} text
 * @param {string | null} side
 */
export function sideWords(text, side) {
  if (side === null) return text;
  const other = side === "left" ? "right" : "left";
  return text.replaceAll("{side}", side).replaceAll("{other}", other);
}

/**
 * @param {ExerciseForm} formData
 * @param {Rule} rule
 * @param {Points} points
 * @param {string | null} side
 * @returns {RuleReport}
 */
function judge(formData, rule, points, side) {
  const names = rule.points.map((name) => sideWords(name, side));
  const needed = new Set([
    ...names.flatMap((name) => [...sources(formData, name)]),
    ...extraPoints(rule.measure),
  ]);
  let value = null;
  if ([...needed].every((name) => points.has(name))) {
    try {
      const named = names.map((name) => points.get(name));
      if (named.every((point) => point !== undefined)) value = compute(rule.measure, named, points);
    } catch (error) {
      if (!(error instanceof Coincide)) throw error;
    }
  }
  if (value !== null && rule.measure === "turn" && sideWords(rule.toward ?? "", side) === "right") {
    value = -value;
  }
  /** @type {RuleResult} */
  let result = "unseen";
  /** @type {string | null} */
  let correction = null;
  if (value !== null) {
    result = "pass";
    if (rule.at_least !== null && value < rule.at_least) {
      [result, correction] = ["too-low", rule.too_low];
    } else if (rule.at_most !== null && value > rule.at_most) {
      [result, correction] = ["too-high", rule.too_high];
    }
  }
  return {
    rule: rule.id,
    check: sideWords(rule.check, side),
    measure: rule.measure,
    value: value === null ? null : clean(value, rule.measure),
    unit: UNITS[rule.measure] ?? "degrees",
    at_least: rule.at_least,
    at_most: rule.at_most,
    result,
    correction: correction === null ? null : sideWords(correction, side),
  };
}

/**
 * @param {ExerciseForm} formData
 * @param {Rule[]} rules
 * @param {RuleReport[]} results
 * @param {Points} seen
 * @param {string | null} side
 * @returns {string[]}
 */
function unseenLandmarks(formData, rules, results, seen, side) {
  /** @type {string[]} */
  const missing = [];
  rules.forEach((rule, index) => {
    const needed = rule.points
      .map((point) => sideWords(point, side))
      .flatMap((name) => [...[...sources(formData, name)].sort(), ...extraPoints(rule.measure)]);
    // Seen, but all in one place, so nothing can be measured: as good as not seen.
    const blurred = results[index].result === "unseen" && needed.every((mark) => seen.has(mark));
    for (const mark of needed) {
      if ((blurred || !seen.has(mark)) && !missing.includes(mark)) missing.push(mark);
    }
  });
  return missing;
}

/**
 * Return "I can't see your knees." (or "... your knees and hands.") for unseen landmarks.
 * @param {ExerciseForm} formData
 * @param {string[]} landmarks
 */
export function cannotSee(formData, landmarks) {
  /** @type {string[]} */
  const words = [];
  for (const name of landmarks) {
    const word = formData.landmarks.parts[bodyPart(name)];
    if (!words.includes(word)) words.push(word);
  }
  const listed =
    words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
  return `I can't see your ${listed}.`;
}

/**
 * @param {ExerciseForm} formData
 * @param {string | null} side
 * @returns {(string | null)[]}
 */
function sidesToTry(formData, side) {
  if (side === null) return formData.drawn_side === null ? [null] : SIDES;
  if (formData.drawn_side === null) {
    throw new FormInputError(`${formData.exercise} is done on both sides at once; no side`);
  }
  if (!SIDES.includes(side)) throw new FormInputError(`side must be left or right, got '${side}'`);
  return [side];
}

/** @type {(report: Report) => [number, number]} */
const score = (report) => [
  report.rules.filter((r) => r.result === "pass").length,
  -report.rules.filter((r) => r.result === "unseen").length,
];

/**
 * Judge landmarks against the exercise's form rules; without a pose or side, the best fit.
 * @param {ExerciseForm} formData
 * @param {string} exerciseId
 * @param {unknown} landmarks {name: [x, y, z] or [x, y, z, visibility] or {x, y, z, visibility}}
 * @param {{side?: string | null, pose?: string | null}} [options]
 * @returns {Report}
 */
export function checkForm(formData, exerciseId, landmarks, { side = null, pose = null } = {}) {
  if (exerciseId !== formData.exercise) {
    throw new FormInputError(`form data is for ${formData.exercise}, not ${exerciseId}`);
  }
  const sides = sidesToTry(formData, side);
  const checks = formData.form.filter((check) => pose === null || check.pose === pose);
  if (checks.length === 0) {
    const known = formData.form.map((check) => check.pose).join(", ");
    throw new FormInputError(`${exerciseId} has no form rules for '${pose}'; known: ${known}`);
  }
  let seen = seenPoints(formData, parseLandmarks(formData, landmarks));
  const mirrored = handedness(derive(seen, formData.landmarks.derived)) < 0;
  if (mirrored) seen = swapSides(seen);
  const points = derive(seen, formData.landmarks.derived);
  /** @type {Report | null} */
  let best = null;
  /** @type {[number, number] | null} */
  let bestScore = null;
  for (const check of checks) {
    for (const which of sides) {
      const rules = check.rules.map((rule) => judge(formData, rule, points, which));
      const unseen = unseenLandmarks(formData, check.rules, rules, seen, which);
      const failed = rules.filter((r) => r.result === "too-low" || r.result === "too-high");
      const verdict = unseen.length ? "unseen" : failed.length ? "fix" : "pass";
      let correction = failed.length ? failed[0].correction : null;
      if (unseen.length) correction = cannotSee(formData, unseen);
      /** @type {Report} */
      const report = {
        exercise: exerciseId,
        pose: check.pose,
        side: which,
        verdict,
        mirrored,
        unseen,
        correction,
        rules,
      };
      const mine = score(report);
      // Only a strictly better score replaces the best, so file order breaks ties as in Python.
      const better = bestScore === null || mine[0] > bestScore[0];
      if (better || (mine[0] === bestScore?.[0] && mine[1] > bestScore[1])) {
        [best, bestScore] = [report, mine];
      }
    }
  }
  // Never: sidesToTry gives at least one side, and there is at least one check.
  if (best === null) throw new FormInputError(`${exerciseId}: nothing to judge`);
  return best;
}
