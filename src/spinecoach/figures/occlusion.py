"""Which body strokes hide which: a painter's order decided where strokes overlap on screen.

Sorting whole limbs by their mean depth fails for long limbs that cross (a bent knee over a
straight leg seen from above). Instead each pair of strokes is compared where their drawn
shapes overlap, and the strokes are painted in an order that respects those comparisons.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import numpy as np

from spinecoach.figures.skeleton import BODY_PARTS, BodyPart

STEP = 2.0  # centimetres between samples along a stroke
MIN_GAP = 1.0  # centimetres of depth difference that settle which stroke is in front
Projected = Mapping[str, tuple[float, float, float]]  # screen x, y and depth, centimetres
Layer = Literal["outline", "fill", "face"]


@dataclass(frozen=True)
class Stroke:
    """One drawn polyline, or disc (one point), of a body part; width in metres."""

    part: BodyPart
    points: tuple[str, ...]
    width: float


STROKES: tuple[Stroke, ...] = tuple(
    Stroke(part, piece.points, piece.width) for part in BODY_PARTS for piece in part.pieces
)


def _samples(stroke: Stroke, projected: Projected) -> np.ndarray:
    """Return points along the stroke on screen with their depth: an (n, 3) array."""
    corners = np.array([projected[name] for name in stroke.points])
    if len(corners) == 1:
        return corners
    pieces = []
    for start, end in pairwise(corners):
        count = max(2, int(np.ceil(np.linalg.norm(end[:2] - start[:2]) / STEP)) + 1)
        pieces.append(start + np.linspace(0.0, 1.0, count)[:, None] * (end - start))
    return np.concatenate(pieces)


def _away_from(samples: np.ndarray, centres: np.ndarray, reach: float) -> np.ndarray:
    if len(centres) == 0:
        return samples
    gaps = np.linalg.norm(samples[:, None, :2] - centres[None, :, :2], axis=2)
    kept: np.ndarray = samples[(gaps >= reach).all(axis=1)]
    return kept


def in_front(
    first: int, second: int, projected: Projected, samples: Sequence[np.ndarray] | None = None
) -> int:
    """Return 1 if the first stroke covers the second where they overlap, -1 if behind, else 0."""
    a, b = STROKES[first], STROKES[second]
    width = (a.width + b.width) * 100 / 2
    # Strokes meeting at a joint overlap there with equal depth; judge them away from it.
    shared = np.array([projected[name] for name in set(a.points) & set(b.points)]).reshape(-1, 3)
    one = samples[first] if samples is not None else _samples(a, projected)
    two = samples[second] if samples is not None else _samples(b, projected)
    one, two = _away_from(one, shared, width), _away_from(two, shared, width)
    if len(one) == 0 or len(two) == 0:
        return 0
    gaps = np.linalg.norm(one[:, None, :2] - two[None, :, :2], axis=2)
    overlapping = gaps < width
    if not overlapping.any():
        return 0
    depth = (one[:, None, 2] - two[None, :, 2])[overlapping]
    middle = float(np.median(depth))
    return 0 if abs(middle) < MIN_GAP else (1 if middle > 0 else -1)


def paint_order(projected: Projected) -> list[int]:
    """Return stroke indices in painting order: every stroke after those it covers."""
    count = len(STROKES)
    mean = [float(np.mean([projected[n][2] for n in s.points])) for s in STROKES]
    under: list[set[int]] = [set() for _ in range(count)]  # strokes to paint before each
    samples = [_samples(stroke, projected) for stroke in STROKES]
    for first in range(count):
        for second in range(first + 1, count):
            if STROKES[first].part is STROKES[second].part:
                # Within a part the pieces are painted in the order they are listed.
                under[second].add(first)
                continue
            verdict = in_front(first, second, projected, samples)
            if verdict > 0:
                under[first].add(second)
            elif verdict < 0:
                under[second].add(first)
    order: list[int] = []
    left = set(range(count))
    while left:
        ready = [i for i in left if not (under[i] & left)] or list(left)  # a cycle: farthest
        chosen = min(ready, key=lambda i: (mean[i], i))
        order.append(chosen)
        left.remove(chosen)
    return order


def runs(order: Sequence[int]) -> list[list[int]]:
    """Group consecutive strokes of the same body part, which share one white outline."""
    grouped: list[list[int]] = []
    for index in order:
        if grouped and STROKES[grouped[-1][-1]].part is STROKES[index].part:
            grouped[-1].append(index)
        else:
            grouped.append([index])
    return grouped


def outlined(order: Sequence[int]) -> set[int]:
    """Return the strokes that get a white outline: all but those joining their own part.

    A stroke that continues a part already painted (the neck on the trunk) would have its
    outline cut a white ring into that part, so it is painted without one.
    """
    painted: dict[str, set[str]] = {}
    result: set[int] = set()
    for run in runs(order):
        part = STROKES[run[0]].part.name
        before = painted.get(part, set())
        for index in run:
            if not before & set(STROKES[index].points):
                result.add(index)
        painted[part] = before | {name for index in run for name in STROKES[index].points}
    return result


def draw_steps(order: Sequence[int]) -> list[tuple[Layer, int]]:
    """Return what to paint, in order: each run's white outlines, its colours, then the face.

    The face step names the head's stroke; it is painted right after the head.
    """
    with_outline = outlined(order)
    steps: list[tuple[Layer, int]] = []
    for run in runs(order):
        steps += [("outline", i) for i in run if i in with_outline]
        steps += [("fill", i) for i in run]
        if STROKES[run[0]].part.name == "head":
            steps.append(("face", run[0]))
    return steps
