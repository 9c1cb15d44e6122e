"""Outlines with volume: tapered limbs and a trunk whose width shows which way it is turned.

Each body stroke becomes closed polygons on screen with a fixed number of corners, so an
animation can move them frame to frame. Limbs are the outline of two discs of different size
joined by their tangents; the trunk is swept through elliptical slices (hips, waist, chest,
shoulders) whose screen width comes from their 3-D width and depth, so a chest turned against
the hips looks narrower than them.
"""

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise

import numpy as np
from scipy.spatial.transform import Rotation

from spinecoach.figures.occlusion import Stroke
from spinecoach.figures.skeleton import Vector

Flat = tuple[float, float]
CM = 100.0
ARC_FAR, ARC_NEAR = 11, 9  # corners on a limb's wide end and narrow end
# Radius of the drawn limb at each joint, in metres: thighs and upper arms taper to the hands
# and feet, as in a handout drawing.
LIMB_RADIUS = {
    "hip": 0.072,
    "knee": 0.05,
    "ankle": 0.036,
    "heel": 0.03,
    "foot_index": 0.022,
    "shoulder": 0.052,
    "elbow": 0.04,
    "wrist": 0.03,
    "index": 0.026,
}
NECK_RADIUS = 0.045
# Trunk slices from the hips (0) to the shoulders (1): (where, half width, half depth), metres.
SLICES = ((0.0, 0.165, 0.10), (0.4, 0.135, 0.085), (0.75, 0.16, 0.105), (1.0, 0.175, 0.07))
SAMPLES_PER_SEGMENT = 3
TRUNK_CENTRES = 3 * SAMPLES_PER_SEGMENT + 1  # the spine curve has three segments
CAP_CORNERS = 5
FORWARD_SHIFT = 0.035  # the spine is at the back of the trunk: the slices sit in front of it


def radius_of(point: str) -> float:
    """Return the drawn radius of a limb at a named point (left_knee -> knee)."""
    return LIMB_RADIUS[point.removeprefix("left_").removeprefix("right_")]


def linspace(start: float, stop: float, count: int, endpoint: bool = True) -> list[float]:
    """Return evenly spaced numbers as numpy.linspace computes them, step by step."""
    # Written out so the browser's port (static/player/figure.js) can repeat it bit for bit.
    step = (stop - start) / (count - 1 if endpoint else count)
    values = [i * step + start for i in range(count)]
    if endpoint:
        values[-1] = stop
    return values


def unit(x: float, y: float, fallback: Flat) -> Flat:
    """Return the direction of (x, y), or the fallback for a vector too short to have one."""
    # sqrt of the sum of squares, not hypot: both languages round these operations alike.
    length = math.sqrt(x * x + y * y)
    return (x / length, y / length) if length > 1e-9 else fallback


def capsule(a: Flat, ra: float, b: Flat, rb: float) -> list[Flat]:
    """Return the outline of two discs and the tangents joining them, a fixed corner count."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    distance = math.sqrt(dx * dx + dy * dy)
    base = math.atan2(dy, dx) if distance > 1e-9 else 0.0
    if distance <= abs(ra - rb) + 1e-9:
        # One disc holds the other: draw the larger as a disc with the same corner count.
        centre, radius = (a, ra) if ra >= rb else (b, rb)
        count = ARC_FAR + ARC_NEAR
        return [
            (centre[0] + radius * math.cos(t), centre[1] + radius * math.sin(t))
            for t in linspace(0.0, 2 * math.pi, count, endpoint=False)
        ]
    phi = math.acos(max(-1.0, min(1.0, (ra - rb) / distance)))
    far = linspace(base + phi, base + 2 * math.pi - phi, ARC_FAR)
    near = linspace(base - phi, base + phi, ARC_NEAR)
    return [(a[0] + ra * math.cos(t), a[1] + ra * math.sin(t)) for t in far] + [
        (b[0] + rb * math.cos(t), b[1] + rb * math.sin(t)) for t in near
    ]


def _screen(vectors: np.ndarray, camera: Rotation) -> np.ndarray:
    turned = camera.apply(vectors)
    flat: np.ndarray = np.stack([turned[..., 0] * CM, -turned[..., 1] * CM], axis=-1)
    return flat


def _unit(vector: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    length = float(np.linalg.norm(vector))
    unit: np.ndarray = vector / length if length > 1e-9 else fallback
    return unit


def _spine_curve(points: Mapping[str, Vector]) -> tuple[np.ndarray, np.ndarray]:
    """Return points along a smooth curve from the hips to the shoulders and their fractions."""
    pelvis, sacrum, middle, neck = (
        np.array(points[name]) for name in ("pelvis", "sacrum", "mid_spine", "neck_base")
    )
    shoulders = (np.array(points["left_shoulder"]) + np.array(points["right_shoulder"])) / 2
    top = neck + 0.6 * (shoulders - neck)
    controls = [pelvis, sacrum, middle, top]
    padded = [2 * controls[0] - controls[1], *controls, 2 * controls[-1] - controls[-2]]
    samples = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        for t in np.linspace(0.0, 1.0, SAMPLES_PER_SEGMENT, endpoint=False):
            # Catmull-Rom: a smooth curve through the spine joints, so a rounded back looks round.
            samples.append(
                0.5
                * (
                    2 * p1
                    + (p2 - p0) * t
                    + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
                    + (3 * p1 - p0 - 3 * p2 + p3) * t**3
                )
            )
    samples.append(controls[-1])
    curve = np.array(samples)
    lengths = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(curve, axis=0), axis=1))])
    return curve, lengths / lengths[-1]


def _normals(centres: Sequence[Flat]) -> tuple[Flat, list[Flat]]:
    """Return the direction from the hips to the shoulders and each centre's normal on screen."""
    first, last = centres[0], centres[-1]
    along = unit(last[0] - first[0], last[1] - first[1], (0.0, -1.0))
    normals = []
    for index in range(len(centres)):
        after, before = centres[min(index + 1, len(centres) - 1)], centres[max(index - 1, 0)]
        tangent = unit(after[0] - before[0], after[1] - before[1], along)
        normals.append((-tangent[1], tangent[0]))
    return along, normals


def trunk_frame(points: Mapping[str, Vector], camera: Rotation) -> tuple[list[Flat], list[float]]:
    """Return the trunk slices' centres on screen and their half widths across the spine there."""
    curve, fractions = _spine_curve(points)
    hips = np.array(points["right_hip"]) - np.array(points["left_hip"])
    shoulders = np.array(points["right_shoulder"]) - np.array(points["left_shoulder"])
    where = [s[0] for s in SLICES]
    widths = np.interp(fractions, where, [s[1] for s in SLICES])
    depths = np.interp(fractions, where, [s[2] for s in SLICES])
    tangents = np.gradient(curve, axis=0)
    centres, axes_a, axes_b = [], [], []
    for index, fraction in enumerate(fractions):
        right = _unit(hips * (1 - fraction) + shoulders * fraction, np.array([0.0, 0.0, 1.0]))
        up = _unit(tangents[index], np.array([0.0, 1.0, 0.0]))
        front = _unit(np.cross(up, right), np.array([1.0, 0.0, 0.0]))
        centres.append(curve[index] + front * FORWARD_SHIFT)
        axes_a.append(right * widths[index])
        axes_b.append(front * depths[index])
    flat_centres = [(float(x), float(y)) for x, y in _screen(np.array(centres), camera)]
    flat_a, flat_b = _screen(np.array(axes_a), camera), _screen(np.array(axes_b), camera)
    _, normals = _normals(flat_centres)
    extents = [
        math.hypot(float(np.array(normal) @ a), float(np.array(normal) @ b))
        for normal, a, b in zip(normals, flat_a, flat_b, strict=True)
    ]
    return flat_centres, extents


def trunk_outline(centres: Sequence[Flat], extents: Sequence[float]) -> list[Flat]:
    """Return the trunk's outline from its slices on screen: both flanks and round ends."""
    along, normals = _normals(centres)
    left_side, right_side = [], []
    for (x, y), (nx, ny), extent in zip(centres, normals, extents, strict=True):
        left_side.append((x + nx * extent, y + ny * extent))
        right_side.append((x - nx * extent, y - ny * extent))
    backward = (-along[0], -along[1])
    outline = [*left_side, *_cap(centres[-1], left_side[-1], extents[-1], along)]
    outline += right_side[::-1]
    outline += _cap(centres[0], right_side[0], extents[0], backward)
    return outline


def trunk(points: Mapping[str, Vector], camera: Rotation) -> list[Flat]:
    """Return the trunk's outline on screen: both flanks of the swept slices and round ends."""
    return trunk_outline(*trunk_frame(points, camera))


def _cap(centre: Flat, start: Flat, radius: float, outward: Flat) -> list[Flat]:
    """Return the corners of a half disc from `start` round through `outward` to the far side."""
    begin = math.atan2(start[1] - centre[1], start[0] - centre[0])
    middle = math.atan2(outward[1], outward[0])
    sweep = (middle - begin + math.pi) % (2 * math.pi) - math.pi
    angles = [begin + 2 * sweep * (i + 1) / (CAP_CORNERS + 1) for i in range(CAP_CORNERS)]
    return [(centre[0] + radius * math.cos(t), centre[1] + radius * math.sin(t)) for t in angles]


def stroke_pieces(stroke: Stroke) -> list[tuple[str, float, str, float]]:
    """Return a limb stroke's capsules as (point, radius, point, radius), centimetres.

    A stroke of one point is a disc: a capsule whose two ends are that point.
    """
    if len(stroke.points) == 1:
        name, radius = stroke.points[0], stroke.width * CM / 2
        return [(name, radius, name, radius)]
    pieces = []
    for a, b in pairwise(stroke.points):
        ra = NECK_RADIUS if a == "neck_base" else radius_of(a)
        rb = NECK_RADIUS if b == "skull_base" else radius_of(b)
        pieces.append((a, ra * CM, b, rb * CM))
    return pieces


def is_trunk(stroke: Stroke) -> bool:
    """Return whether the stroke is the trunk, drawn as swept slices rather than capsules."""
    return stroke.points == ("pelvis", "sacrum", "mid_spine", "neck_base")


def stroke_outline(
    stroke: Stroke, points: Mapping[str, Vector], flat: Mapping[str, Flat], camera: Rotation
) -> list[list[Flat]]:
    """Return the closed polygons that draw one stroke (in centimetres on screen)."""
    if is_trunk(stroke):
        return [trunk(points, camera)]
    return [capsule(flat[a], ra, flat[b], rb) for a, ra, b, rb in stroke_pieces(stroke)]


def number(value: float) -> str:
    """Format a coordinate with one decimal and no negative zero."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def polygons_path(polygons: Sequence[Sequence[Flat]]) -> str:
    """Return SVG path data for closed polygons."""
    parts = []
    for polygon in polygons:
        steps = [
            f"{'M' if i == 0 else 'L'}{number(x)} {number(y)}" for i, (x, y) in enumerate(polygon)
        ]
        parts.append("".join(steps) + "Z")
    return "".join(parts)
