"""The outlines the player draws from compact figure data at any moment: the reference.

static/player/figure.js is a port of this module and must give the same path strings for
the same data and time (tests/web/player/test_figure_parity.py checks it in Chromium), so
every step here is plain float arithmetic the browser repeats in the same order.
"""

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spinecoach.figures.frames import FigureFrames
from spinecoach.figures.outline import Flat, capsule, polygons_path, trunk_outline
from spinecoach.figures.svg import path_data


@dataclass(frozen=True)
class Drawing:
    """What the figure shows at one moment: the paint span, each stroke's path and the face."""

    span: int
    paths: tuple[str, ...]
    face: str
    face_shown: bool


def divisors(data: FigureFrames) -> list[int]:
    """Return the stored units per centimetre of each number in a row (1 for the face flag)."""
    points, slices = 2 * len(data.points), 3 * data.trunk_slices
    return [data.point_scale] * points + [data.trunk_scale] * slices + [data.point_scale] * 2 + [1]


def decode(data: FigureFrames) -> list[list[float]]:
    """Return every sample's numbers in centimetres; the last, the face flag, stays 0 or 1."""
    scales = divisors(data)
    position, change = list(data.rows[0]), [0] * len(scales)
    samples = []
    for index, row in enumerate(data.rows):
        if index > 0:
            change = [c + r for c, r in zip(change, row, strict=True)]
            position = [p + c for p, c in zip(position, change, strict=True)]
        samples.append([q / scale for q, scale in zip(position, scales, strict=True)])
    return samples


def values_at(
    data: FigureFrames, samples: Sequence[Sequence[float]], seconds: float
) -> list[float]:
    """Return the numbers at `seconds`, linear between the two samples around it."""
    times = data.times
    if seconds <= times[0]:
        return list(samples[0])
    if seconds >= times[-1]:
        return list(samples[-1])
    index = bisect_right(times, seconds) - 1
    fraction = (seconds - times[index]) / (times[index + 1] - times[index])
    before, after = samples[index], samples[index + 1]
    return [a + (b - a) * fraction for a, b in zip(before, after, strict=True)]


def span_at(data: FigureFrames, seconds: float) -> int:
    """Return the paint span on screen at `seconds`: the last one started by then."""
    starts = [span.start for span in data.spans]
    return max(0, bisect_right(starts, seconds) - 1)


def shown_at(data: FigureFrames, samples: Sequence[Sequence[float]], seconds: float) -> bool:
    """Return whether the face shows: as at the last sample reached, it does not fade."""
    index = max(0, bisect_right(data.times, seconds) - 1)
    return samples[index][-1] == 1


def outlines_at(data: FigureFrames, seconds: float) -> Drawing:
    """Return the figure's outlines at `seconds` into its phases, as SVG path data."""
    samples = decode(data)
    values = values_at(data, samples, seconds)
    count = len(data.points)
    flat: list[Flat] = [(values[2 * i], values[2 * i + 1]) for i in range(count)]
    slices = data.trunk_slices
    start = 2 * count
    centres = [(values[start + 2 * i], values[start + 2 * i + 1]) for i in range(slices)]
    extents = values[start + 2 * slices : start + 3 * slices]
    face = (values[start + 3 * slices], values[start + 3 * slices + 1])
    paths = []
    for stroke in data.strokes:
        if stroke.trunk:
            paths.append(polygons_path([trunk_outline(centres, extents)]))
        else:
            polygons = [capsule(flat[a], ra, flat[b], rb) for a, ra, b, rb in stroke.pieces]
            paths.append(polygons_path(polygons))
    return Drawing(
        span=span_at(data, seconds),
        paths=tuple(paths),
        face=path_data([face, face]),
        face_shown=shown_at(data, samples, seconds),
    )
