// @ts-check
// The exercise figure in the player, drawn from compact motion data (/api/player/figure/*.json).
//
// A port of figures/frame_outlines.py and the outline helpers it uses (figures/outline.py):
// for the same data and time it gives the same path strings, character for character, and
// tests/web/player/test_figure_parity.py checks that in Chromium. Keep every arithmetic step
// in the order Python does it: the numbers then round alike.

const SVG_NS = "http://www.w3.org/2000/svg";
const ARC_FAR = 11; // corners on a limb's wide end
const ARC_NEAR = 9; // and on its narrow end
const CAP_CORNERS = 5; // corners on each round end of the trunk

/**
 * A point on the figure, in centimetres: [x, y].
 * @typedef {[number, number]} Point
 *
 * One repetition's motion data, as /api/player/figure/*.json sends it (FigureFrames in
 * figures/frames.py): how to draw it, and its samples.
 * @typedef {"left" | "right"} Side
 * @typedef {{
 *   fill: string, trunk: boolean, pieces: [number, number, number, number][],
 * }} StrokeShape capsules as (point, radius, point, radius)
 * @typedef {{start: number, draw: ["outline" | "fill" | "face", number][]}} PaintSpan
 * @typedef {{side: Side, ident: string, title: string, description: string}} OtherSide
 * @typedef {{
 *   ident: string, title: string, description: string, side: Side | null,
 *   other_side: OtherSide | null, view_box: [number, number, number, number], props: string,
 *   background: string, halo_width: number, face_colour: string, face_width: number,
 *   point_scale: number, trunk_scale: number, points: string[], trunk_slices: number,
 *   strokes: StrokeShape[], spans: PaintSpan[], times: number[], rows: number[][],
 * }} FigureData
 */

/**
 * Evenly spaced numbers, computed as numpy.linspace does.
 * @param {number} start
 * @param {number} stop
 * @param {number} count
 * @param {boolean} [endpoint]
 * @returns {number[]}
 */
function linspace(start, stop, count, endpoint = true) {
  const step = (stop - start) / (endpoint ? count - 1 : count);
  const values = [];
  for (let i = 0; i < count; i += 1) values.push(i * step + start);
  if (endpoint) values[count - 1] = stop;
  return values;
}

/**
 * @param {number} x
 * @param {number} y
 * @param {Point} fallback
 * @returns {Point}
 */
function unit(x, y, fallback) {
  const length = Math.sqrt(x * x + y * y);
  return length > 1e-9 ? [x / length, y / length] : fallback;
}

/**
 * Python's float %: the remainder takes the divisor's sign.
 * @param {number} value
 * @param {number} divisor
 * @returns {number}
 */
function pythonMod(value, divisor) {
  const rest = value % divisor;
  if (rest === 0) return 0;
  return rest < 0 !== divisor < 0 ? rest + divisor : rest;
}

/**
 * @param {Point} centre
 * @param {number} radius
 * @param {number[]} angles
 * @returns {Point[]}
 */
function circle(centre, radius, angles) {
  return angles.map((t) => [centre[0] + radius * Math.cos(t), centre[1] + radius * Math.sin(t)]);
}

/**
 * The outline of two discs and the tangents joining them (outline.capsule).
 * @param {Point} a
 * @param {number} ra
 * @param {Point} b
 * @param {number} rb
 * @returns {Point[]}
 */
function capsule(a, ra, b, rb) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const distance = Math.sqrt(dx * dx + dy * dy);
  const base = distance > 1e-9 ? Math.atan2(dy, dx) : 0.0;
  if (distance <= Math.abs(ra - rb) + 1e-9) {
    // One disc holds the other: draw the larger as a disc with the same corner count.
    /** @type {[Point, number]} */
    const [centre, radius] = ra >= rb ? [a, ra] : [b, rb];
    return circle(centre, radius, linspace(0.0, 2 * Math.PI, ARC_FAR + ARC_NEAR, false));
  }
  const phi = Math.acos(Math.max(-1.0, Math.min(1.0, (ra - rb) / distance)));
  const far = linspace(base + phi, base + 2 * Math.PI - phi, ARC_FAR);
  const near = linspace(base - phi, base + phi, ARC_NEAR);
  return [...circle(a, ra, far), ...circle(b, rb, near)];
}

/**
 * @param {Point[]} centres
 * @returns {[Point, Point[]]} the direction along the trunk, and across it at each centre
 */
function normals(centres) {
  const last = centres.length - 1;
  const [first, end] = [centres[0], centres[last]];
  const along = unit(end[0] - first[0], end[1] - first[1], [0.0, -1.0]);
  const across = centres.map(/** @returns {Point} */ (_, index) => {
    const after = centres[Math.min(index + 1, last)];
    const before = centres[Math.max(index - 1, 0)];
    const tangent = unit(after[0] - before[0], after[1] - before[1], along);
    return [-tangent[1], tangent[0]];
  });
  return [along, across];
}

/**
 * A half disc from `start` round through `outward` to the far side (outline._cap).
 * @param {Point} centre
 * @param {Point} start
 * @param {number} radius
 * @param {Point} outward
 * @returns {Point[]}
 */
function cap(centre, start, radius, outward) {
  const begin = Math.atan2(start[1] - centre[1], start[0] - centre[0]);
  const middle = Math.atan2(outward[1], outward[0]);
  const sweep = pythonMod(middle - begin + Math.PI, 2 * Math.PI) - Math.PI;
  const angles = [];
  for (let i = 0; i < CAP_CORNERS; i += 1) {
    angles.push(begin + (2 * sweep * (i + 1)) / (CAP_CORNERS + 1));
  }
  return circle(centre, radius, angles);
}

/**
 * The trunk's outline from its slices on screen (outline.trunk_outline).
 * @param {Point[]} centres
 * @param {number[]} extents
 * @returns {Point[]}
 */
function trunkOutline(centres, extents) {
  const [along, across] = normals(centres);
  /** @type {Point[]} */
  const left = [];
  /** @type {Point[]} */
  const right = [];
  centres.forEach(([x, y], i) => {
    const [nx, ny] = across[i];
    left.push([x + nx * extents[i], y + ny * extents[i]]);
    right.push([x - nx * extents[i], y - ny * extents[i]]);
  });
  const last = centres.length - 1;
  return [
    ...left,
    ...cap(centres[last], left[last], extents[last], along),
    ...right.slice().reverse(),
    ...cap(centres[0], right[0], extents[0], [-along[0], -along[1]]),
  ];
}

/**
 * A coordinate with one decimal, as Python's f"{value:.1f}" writes it, and no negative zero.
 * @param {number} value
 * @returns {string}
 */
export function number(value) {
  let text = value.toFixed(1);
  // An exact tie (x.25, x.75) goes to the even digit in Python; toFixed goes away from zero.
  if (Number.isInteger(value * 4) && !Number.isInteger(value * 2)) {
    const low = Math.floor(value * 10);
    text = ((low % 2 === 0 ? low : low + 1) / 10).toFixed(1);
  }
  return text === "-0.0" ? "0.0" : text;
}

/**
 * @param {Point[]} points
 * @returns {string}
 */
function pathData(points) {
  return points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${number(x)} ${number(y)}`).join("");
}

/**
 * @param {Point[][]} polygons
 * @returns {string}
 */
function polygonsPath(polygons) {
  return polygons.map((polygon) => `${pathData(polygon)}Z`).join("");
}

/**
 * Every sample's numbers in centimetres; the last, the face flag, stays 0 or 1.
 * @param {FigureData} data
 * @returns {number[][]}
 */
export function decode(data) {
  const points = 2 * data.points.length;
  const slices = 3 * data.trunk_slices;
  const scales = data.rows[0].map((_, column) => {
    if (column === data.rows[0].length - 1) return 1;
    return column >= points && column < points + slices ? data.trunk_scale : data.point_scale;
  });
  // Rows after the second hold the change in the change: add up twice.
  let position = data.rows[0].slice();
  let change = scales.map(() => 0);
  return data.rows.map((row, index) => {
    if (index > 0) {
      change = change.map((c, column) => c + row[column]);
      position = position.map((p, column) => p + change[column]);
    }
    return position.map((q, column) => q / scales[column]);
  });
}

/**
 * The index of the last of the sorted numbers at or before `value`, -1 if none.
 * @param {number[]} sorted
 * @param {number} value
 * @returns {number}
 */
function lastAtOrBefore(sorted, value) {
  let index = sorted.length - 1;
  while (index >= 0 && sorted[index] > value) index -= 1;
  return index;
}

/**
 * @param {FigureData} data
 * @param {number[][]} samples
 * @param {number} seconds
 * @returns {number[]}
 */
function valuesAt(data, samples, seconds) {
  const times = data.times;
  if (seconds <= times[0]) return samples[0];
  if (seconds >= times[times.length - 1]) return samples[samples.length - 1];
  const index = lastAtOrBefore(times, seconds);
  const fraction = (seconds - times[index]) / (times[index + 1] - times[index]);
  const before = samples[index];
  const after = samples[index + 1];
  return before.map((a, column) => a + (after[column] - a) * fraction);
}

/**
 * What the figure shows at `seconds`: paint span, each stroke's path data and the face.
 * @param {FigureData} data
 * @param {number} seconds
 * @param {number[][]} [samples]
 * @returns {{span: number, paths: string[], face: string, faceShown: boolean}}
 */
export function outlinesAt(data, seconds, samples = decode(data)) {
  const values = valuesAt(data, samples, seconds);
  const count = data.points.length;
  const slices = data.trunk_slices;
  /** @type {Point[]} */
  const flat = [];
  for (let i = 0; i < count; i += 1) flat.push([values[2 * i], values[2 * i + 1]]);
  const start = 2 * count;
  /** @type {Point[]} */
  const centres = [];
  for (let i = 0; i < slices; i += 1) {
    centres.push([values[start + 2 * i], values[start + 2 * i + 1]]);
  }
  const extents = values.slice(start + 2 * slices, start + 3 * slices);
  /** @type {Point} */
  const face = [values[start + 3 * slices], values[start + 3 * slices + 1]];
  const paths = data.strokes.map((stroke) =>
    stroke.trunk
      ? polygonsPath([trunkOutline(centres, extents)])
      : polygonsPath(stroke.pieces.map(([a, ra, b, rb]) => capsule(flat[a], ra, flat[b], rb))),
  );
  const reached = Math.max(0, lastAtOrBefore(data.times, seconds));
  return {
    span: Math.max(0, lastAtOrBefore(data.spans.map((s) => s.start), seconds)),
    paths,
    face: pathData([face, face]),
    faceShown: samples[reached][samples[reached].length - 1] === 1,
  };
}

/**
 * @param {string} name
 * @param {Record<string, string>} [attributes]
 * @returns {SVGElement}
 */
function element(name, attributes = {}) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

/**
 * One exercise's figure: its SVG is built once, `draw` moves the body to a moment.
 * Asked for the other side of a one-sided stretch, it draws the data flipped left to right:
 * the server mirrors the whole scene for that side, so the flip is that side's exact picture
 * and one download serves both.
 */
export class Figure {
  /**
   * @param {FigureData} data
   * @param {Side | null} [side]
   */
  constructor(data, side = data.side) {
    this.data = data;
    this.samples = decode(data);
    const flipped = side !== data.side && data.other_side?.side === side;
    const words = flipped && data.other_side ? data.other_side : data;
    const id = words.ident;
    const [x, y, width, height] = data.view_box;
    // Flipped about x = 0, as the server's mirrored scene is, so the box moves with it.
    const shown = flipped ? [-(x + width), y, width, height] : data.view_box;
    const svg = element("svg", {
      viewBox: shown.map(number).join(" "),
      role: "img",
      "aria-labelledby": `${id}-title ${id}-desc`,
    });
    const title = element("title", { id: `${id}-title` });
    title.textContent = words.title;
    const desc = element("desc", { id: `${id}-desc` });
    desc.textContent = words.description;
    svg.append(title, desc);
    const scene = flipped ? element("g", { transform: "scale(-1 1)" }) : svg;
    const box = { x: number(x), y: number(y), width: number(width), height: number(height) };
    scene.append(element("rect", { ...box, fill: data.background }));
    scene.insertAdjacentHTML("beforeend", data.props);
    const defs = element("defs");
    this.paths = data.strokes.map((_, i) => element("path", { id: `${id}-s${i}` }));
    this.face = element("path", {
      id: `${id}-face`,
      stroke: data.face_colour,
      "stroke-linecap": "round",
      "stroke-width": number(data.face_width),
    });
    defs.append(...this.paths, this.face);
    const body = element("g", { "stroke-linejoin": "round" });
    const halo = {
      fill: data.background,
      stroke: data.background,
      "stroke-width": number(data.halo_width),
    };
    /** @type {Record<PaintSpan["draw"][number][0], (stroke: number) => Record<string, string>>} */
    const paints = {
      outline: () => halo,
      fill: (stroke) => ({ fill: data.strokes[stroke].fill }),
      face: () => ({}),
    };
    this.spans = data.spans.map((span) => {
      const group = element("g", { visibility: "hidden" });
      for (const [layer, stroke] of span.draw) {
        const target = layer === "face" ? `#${id}-face` : `#${id}-s${stroke}`;
        group.append(element("use", { href: target, ...paints[layer](stroke) }));
      }
      body.append(group);
      return group;
    });
    scene.append(defs, body);
    if (flipped) svg.append(scene);
    this.svg = svg;
    /** @type {number | null} */
    this.shownSpan = null;
    this.draw(0);
  }

  /**
   * Move the body to `seconds` into the figure's phases.
   * @param {number} seconds
   */
  draw(seconds) {
    const drawing = outlinesAt(this.data, seconds, this.samples);
    drawing.paths.forEach((d, i) => {
      if (this.paths[i].getAttribute("d") !== d) this.paths[i].setAttribute("d", d);
    });
    this.face.setAttribute("d", drawing.face);
    this.face.setAttribute("opacity", drawing.faceShown ? "1" : "0");
    if (drawing.span !== this.shownSpan) {
      this.spans.forEach((group, i) => {
        group.setAttribute("visibility", i === drawing.span ? "visible" : "hidden");
      });
      this.shownSpan = drawing.span;
    }
    this.svg.dataset.seconds = seconds.toFixed(3);
  }
}
