// @ts-check
// Measures of a body seen by a camera: a line-by-line port of figures/measures.py.
//
// Points are [x, y, z] in metres, y up. The arithmetic is done in the same order as in Python
// (which spells out its dot and cross products for this reason), so both round the same way;
// tests/camera/test_form_parity.py checks it on a corpus of joint files.

/**
 * A point or a direction in metres, y up: [x, y, z].
 * @typedef {[number, number, number]} Vec3
 * @typedef {Map<string, Vec3>} Points named points of a body
 * @typedef {{name: string, mean: string[]}} Derived a point that is the mean of others
 */

/** @type {Record<string, string>} */
export const UNITS = { distance: "leg lengths", height: "leg lengths" };
/** @type {Vec3} */
const UP = [0, 1, 0];
const LEG_POINTS = ["left", "right"].flatMap((side) =>
  ["hip", "knee", "ankle"].map((name) => `${side}_${name}`),
);
// Python's math.degrees multiplies by this constant.
const RADIANS_TO_DEGREES = 180 / Math.PI;

/** The points of a measure coincide, so no direction can be found. */
export class Coincide extends Error {}

/** @type {(a: Vec3, b: Vec3) => Vec3} */
export const minus = (a, b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
/** @type {(a: Vec3, b: Vec3) => Vec3} */
const plus = (a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
/** @type {(a: Vec3, k: number) => Vec3} */
const times = (a, k) => [a[0] * k, a[1] * k, a[2] * k];
/** @type {(a: Vec3, k: number) => Vec3} */
const over = (a, k) => [a[0] / k, a[1] / k, a[2] / k];
/** @type {(u: Vec3, v: Vec3) => number} */
const dot = (u, v) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
/** @type {(u: Vec3, v: Vec3) => Vec3} */
const cross = (u, v) => [
  u[1] * v[2] - u[2] * v[1],
  u[2] * v[0] - u[0] * v[2],
  u[0] * v[1] - u[1] * v[0],
];
/** @type {(v: Vec3) => number} */
const norm = (v) => Math.sqrt(dot(v, v));

/**
 * Return the named point, which the caller has made sure is there.
 * @param {Points} points
 * @param {string} name
 * @returns {Vec3}
 */
function pointOf(points, name) {
  const found = points.get(name);
  if (found === undefined) throw new Error(`no point named ${name}`);
  return found;
}

/**
 * Return the points plus every derived point whose sources are all present.
 * @param {Points} points
 * @param {Derived[]} derived
 * @returns {Points}
 */
export function derive(points, derived) {
  const known = new Map(points);
  for (const point of derived) {
    if (point.mean.every((name) => known.has(name))) {
      // numpy's mean: add in order, then divide by the count.
      let total = pointOf(known, point.mean[0]);
      for (const name of point.mean.slice(1)) total = plus(total, pointOf(known, name));
      known.set(point.name, over(total, point.mean.length));
    }
  }
  return known;
}

/**
 * @param {Points} points
 * @returns {number}
 */
function legLength(points) {
  let total = 0.0;
  for (const side of ["left", "right"]) {
    const [hip, knee, ankle] = ["hip", "knee", "ankle"].map((n) => pointOf(points, `${side}_${n}`));
    total += norm(minus(knee, hip)) + norm(minus(ankle, knee));
  }
  if (total < 1e-9) throw new Coincide("the legs have no length");
  return total / 2;
}

/**
 * @param {Vec3} vector
 * @returns {Vec3}
 */
function unit(vector) {
  const length = norm(vector);
  if (length < 1e-9) throw new Coincide("points coincide");
  return over(vector, length);
}

/**
 * @param {Vec3} u
 * @param {Vec3} v
 * @returns {number}
 */
function angleBetween(u, v) {
  const cosine = dot(unit(u), unit(v));
  return Math.acos(Math.max(-1.0, Math.min(1.0, cosine))) * RADIANS_TO_DEGREES;
}

/**
 * @param {Vec3} u
 * @param {Vec3} v
 * @param {Vec3} axis
 * @returns {number}
 */
function signedAngle(u, v, axis) {
  axis = unit(axis);
  u = unit(minus(u, times(axis, dot(u, axis))));
  v = unit(minus(v, times(axis, dot(v, axis))));
  return Math.atan2(dot(axis, cross(u, v)), dot(u, v)) * RADIANS_TO_DEGREES;
}

/**
 * @param {Points} points
 * @returns {Vec3}
 */
function forward(points) {
  const spine = minus(pointOf(points, "mid_shoulder"), pointOf(points, "mid_hip"));
  return unit(cross(spine, minus(pointOf(points, "right_hip"), pointOf(points, "left_hip"))));
}

/**
 * Return > 0 when left and right labels fit the body, < 0 when swapped, 0 when unsure.
 * @param {Points} points
 * @returns {number}
 */
export function handedness(points) {
  const needed = ["mid_hip", "mid_shoulder", "left_hip", "right_hip"];
  if (!needed.every((name) => points.has(name))) return 0.0;
  let front;
  try {
    front = forward(points);
  } catch (error) {
    if (error instanceof Coincide) return 0.0;
    throw error;
  }
  let cues = 0.0;
  if (points.has("nose") && points.has("mid_ear")) {
    cues += dot(minus(pointOf(points, "nose"), pointOf(points, "mid_ear")), front);
  }
  for (const side of ["left", "right"]) {
    const [hip, knee, ankle] = ["hip", "knee", "ankle"].map((n) => points.get(`${side}_${n}`));
    if (hip !== undefined && knee !== undefined && ankle !== undefined) {
      cues += dot(minus(knee, over(plus(hip, ankle), 2)), front);
    }
  }
  return cues;
}

/**
 * Return the points with every left and right label exchanged.
 * @param {Points} points
 * @returns {Points}
 */
export function swapSides(points) {
  const swapped = new Map();
  for (let [name, value] of points) {
    for (const [one, other] of [
      ["left", "right"],
      ["right", "left"],
    ]) {
      if (name.startsWith(`${one}_`)) {
        name = `${other}_${name.slice(one.length + 1)}`;
        break;
      }
      if (name.endsWith(`_${one}`)) {
        name = `${name.slice(0, -(one.length + 1))}_${other}`;
        break;
      }
    }
    swapped.set(name, value);
  }
  return swapped;
}

/**
 * Return one measure of named points: degrees, or leg lengths for distance and height.
 * @param {string} measure
 * @param {Vec3[]} named the rule's points, in its order
 * @param {Points} points every point seen, for the measure's unit or axis
 * @returns {number}
 */
export function compute(measure, named, points) {
  if (measure === "angle" || measure === "bend") {
    const [a, b, c] = named;
    const angle = angleBetween(minus(a, b), minus(c, b));
    return measure === "angle" ? angle : 180.0 - angle;
  }
  if (measure === "distance") {
    const [a, b] = named;
    return norm(minus(a, b)) / legLength(points);
  }
  if (measure === "height") {
    const [a, b] = named;
    return (b[1] - a[1]) / legLength(points);
  }
  if (measure === "tilt") {
    const [a, b] = named;
    return angleBetween(minus(b, a), UP);
  }
  if (measure === "facing") {
    const [a, b, left, right] = named;
    return angleBetween(cross(minus(b, a), minus(right, left)), UP);
  }
  if (measure === "curve") {
    const [a, b, c] = named;
    const axis = minus(pointOf(points, "left_hip"), pointOf(points, "right_hip"));
    return signedAngle(minus(b, a), minus(c, b), axis);
  }
  const [a, b, c, d] = named;
  return signedAngle(minus(b, a), minus(d, c), minus(over(plus(c, d), 2), over(plus(a, b), 2)));
}

/**
 * Return the landmarks a measure needs besides its own points (its unit or its axis).
 * @param {string} measure
 * @returns {string[]}
 */
export function extraPoints(measure) {
  if (measure === "distance" || measure === "height") return LEG_POINTS;
  if (measure === "curve") return ["left_hip", "right_hip"];
  return [];
}

/**
 * Return Python's round(x, digits): the exact binary value rounded, ties to even.
 * @param {number} x
 * @param {number} digits
 * @returns {number}
 */
export function pythonRound(x, digits) {
  // A float is exactly halfway between two decimals only when x * 2^(digits + 1) is an odd
  // integer; toFixed would round those away from zero, Python to the even neighbour.
  const twice = x * 2 ** (digits + 1);
  if (Number.isInteger(twice) && Math.abs(twice % 2) === 1) {
    const below = Math.floor(x * 10 ** digits);
    return (below % 2 === 0 ? below : below + 1) / 10 ** digits;
  }
  return Number(x.toFixed(digits));
}

/**
 * Round degrees to 0.1 and leg lengths to 0.01, never to "-0", as Python's clean().
 * @param {number} value
 * @param {string} measure
 * @returns {number}
 */
export function clean(value, measure) {
  const rounded = pythonRound(value, measure in UNITS ? 2 : 1);
  return rounded === 0 ? 0 : rounded;
}
