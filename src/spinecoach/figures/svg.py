"""Draw a posed body and its props as SVG text: orthographic view, depth-sorted, accessible.

Pure functions: points in, SVG text out. Units in the SVG are centimetres of the scene.
Colour convention (also written into every figure's <desc>): the arm and leg nearer the viewer
are dark blue, the farther ones light blue, head and trunk slate grey; each body part has a
white outline so a nearer limb stands out against a farther one, even at thumbnail size.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np
from scipy.spatial.transform import Rotation

from spinecoach.figures.occlusion import STROKES, Projected, Stroke, outlined, paint_order, runs
from spinecoach.figures.outline import CM, Flat, number, polygons_path, stroke_outline
from spinecoach.figures.scenery import Shape
from spinecoach.figures.skeleton import Side, Vector, other_side

HALO = 1.8  # cm of white outline around each body part
MARGIN = 5.0
COLOURS = {"near": "#173f73", "far": "#6c95c6", "centre": "#4a5a70"}
FACE_COLOUR, FACE_RADIUS = "#d6dee8", 5.6
BACKGROUND = "#ffffff"
PROP_STYLES = {
    "floor": 'fill="#eceff3"',
    "mat": 'fill="#cfe0d6" stroke="#5f7f70" stroke-width="0.8"',
    "mat-edge": 'fill="#a3c2b1" stroke="#5f7f70" stroke-width="0.8"',
    "chair-back": 'fill="#d9c3a5" stroke="#7a5c3a" stroke-width="1.2"',
    "chair-seat": 'fill="#c9a97f" stroke="#7a5c3a" stroke-width="1.2"',
    "chair-leg": 'stroke="#7a5c3a" stroke-width="3"',
    "chair-leg-back": 'stroke="#9a7c5a" stroke-width="3"',
}
__all__ = ["CM", "number"]


def colour_words(near: Side) -> str:
    """Describe the colour convention for a figure whose `near` side faces the viewer."""
    far = other_side(near)
    return (
        f"The person's {near} arm and leg, nearer to you, are drawn in dark blue, the {far} arm "
        "and leg in light blue, and the head and trunk in slate grey."
    )


@dataclass(frozen=True)
class ViewBox:
    """The drawn area in scene centimetres (SVG user units)."""

    x: float
    y: float
    width: float
    height: float

    def mirrored(self) -> "ViewBox":
        """Return the box flipped left to right about x = 0.

        The box as written (one decimal) is flipped, so the other side's picture is the
        drawn side's picture flipped to the pixel: flipping the exact box and rounding after
        could move it by a tenth of a centimetre.
        """
        x, width = float(number(self.x)), float(number(self.width))
        return ViewBox(-(x + width), self.y, self.width, self.height)


def view_rotation(azimuth: float, elevation: float) -> Rotation:
    """Return the camera turn: around the person by azimuth, then down by elevation (degrees)."""
    return Rotation.from_euler("yx", [-azimuth, elevation], degrees=True)


def project(
    points: Mapping[str, Vector], camera: Rotation
) -> dict[str, tuple[float, float, float]]:
    """Return SVG x, y (y down) and depth (larger is nearer) of every point, in centimetres."""
    names = list(points)
    turned = camera.apply(np.array([points[name] for name in names]))
    return {
        name: (float(p[0] * CM), float(-p[1] * CM), float(p[2] * CM))
        for name, p in zip(names, turned, strict=True)
    }


def flat_shape(points: Sequence[Vector], camera: Rotation) -> list[Flat]:
    """Return a prop's corners on screen."""
    turned = camera.apply(np.array(points))
    return [(float(p[0] * CM), float(-p[1] * CM)) for p in turned]


def body_polygons(
    points: Mapping[str, Vector], camera: Rotation, projected: Projected
) -> list[list[list[Flat]]]:
    """Return every stroke's polygons on screen, in STROKES order."""
    flat = {name: (x, y) for name, (x, y, _) in projected.items()}
    return [stroke_outline(stroke, points, flat, camera) for stroke in STROKES]


def bounds(polygons: Sequence[Sequence[Flat]], reach: float) -> tuple[float, float, float, float]:
    """Return min x, min y, max x, max y of polygons grown by reach."""
    xs = [x for polygon in polygons for x, _ in polygon]
    ys = [y for polygon in polygons for _, y in polygon]
    return min(xs) - reach, min(ys) - reach, max(xs) + reach, max(ys) + reach


def view_box(
    frames: Sequence[Mapping[str, Vector]], shapes: Sequence[Shape], camera: Rotation
) -> ViewBox:
    """Return a box holding every frame's drawn body (with its outline) and every prop."""
    edges = []
    for frame in frames:
        polygons = body_polygons(frame, camera, project(frame, camera))
        edges.append(bounds([p for stroke in polygons for p in stroke], HALO))
    edges += [bounds([flat_shape(shape.points, camera)], 1.5) for shape in shapes]
    x0, y0 = min(e[0] for e in edges) - MARGIN, min(e[1] for e in edges) - MARGIN
    x1, y1 = max(e[2] for e in edges) + MARGIN, max(e[3] for e in edges) + MARGIN
    return ViewBox(x0, y0, x1 - x0, y1 - y0)


def path_data(points: Sequence[Flat], closed: bool = False) -> str:
    """Return SVG path data through the points."""
    steps = [f"{'M' if i == 0 else 'L'}{number(x)} {number(y)}" for i, (x, y) in enumerate(points)]
    return "".join(steps) + ("Z" if closed else "")


def fill_colour(stroke: Stroke, near: Side) -> str:
    """Return a stroke's colour: dark for the near side, light for the far, grey in the middle."""
    part = stroke.part.part
    return COLOURS["centre" if part == "centre" else ("near" if part == near else "far")]


def paint(stroke: Stroke, near: Side, outline: bool) -> str:
    """Return the fill and stroke attributes of a stroke: its white outline, or its colour."""
    if outline:
        return f'fill="{BACKGROUND}" stroke="{BACKGROUND}" stroke-width="{number(2 * HALO)}"'
    return f'fill="{fill_colour(stroke, near)}"'


def body_elements(
    points: Mapping[str, Vector], camera: Rotation, projected: Projected, near: Side
) -> list[str]:
    """Return the body's SVG elements, farthest first; each run is outlined, then coloured."""
    polygons = body_polygons(points, camera, projected)
    elements = ['<g stroke-linejoin="round">']
    order = paint_order(projected)
    with_outline = outlined(order)
    for run in runs(order):
        part = STROKES[run[0]].part
        elements.append(f'<g class="{part.name}">')
        for outline in (True, False):
            elements += [
                f'<path d="{polygons_path(polygons[i])}" {paint(STROKES[i], near, outline)}/>'
                for i in run
                if i in with_outline or not outline
            ]
        if part.name == "head":
            elements += _face(projected)
        elements.append("</g>")
    elements.append("</g>")
    return elements


def face_visible(projected: Projected) -> bool:
    """Return whether the face is turned toward the viewer, or at least sideways."""
    return projected["face"][2] >= projected["head_center"][2] - 1.0


def _face(projected: Projected) -> list[str]:
    """Return a light disc on the side of the head the face is on, unless it faces away."""
    x, y, _ = projected["face"]
    if not face_visible(projected):
        return []
    return [f'<circle cx="{number(x)}" cy="{number(y)}" r="{FACE_RADIUS}" fill="{FACE_COLOUR}"/>']


def prop_elements(shapes: Sequence[Shape], camera: Rotation) -> list[str]:
    """Return the SVG elements of the props in the order given."""
    elements = []
    for shape in shapes:
        d = path_data(flat_shape(shape.points, camera), closed=shape.closed)
        elements.append(f'<path class="{shape.style}" d="{d}" {PROP_STYLES[shape.style]}/>')
    return elements


def document(box: ViewBox, ident: str, title: str, desc: str, body: Sequence[str]) -> str:
    """Wrap elements in an accessible, scalable SVG document."""
    view = " ".join(number(v) for v in (box.x, box.y, box.width, box.height))
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc">',
            f'<title id="{ident}-title">{escape(title)}</title>',
            f'<desc id="{ident}-desc">{escape(desc)}</desc>',
            f'<rect x="{number(box.x)}" y="{number(box.y)}" width="{number(box.width)}" '
            f'height="{number(box.height)}" fill="{BACKGROUND}"/>',
            *body,
            "</svg>",
            "",
        ]
    )


def render_figure(
    points: Mapping[str, Vector],
    *,
    camera: Rotation,
    box: ViewBox,
    shapes: Sequence[Shape],
    near: Side,
    ident: str,
    title: str,
    desc: str,
) -> str:
    """Return a still SVG of one posed body with its props."""
    props = ['<g class="props" stroke-linejoin="round">', *prop_elements(shapes, camera), "</g>"]
    body = body_elements(points, camera, project(points, camera), near)
    return document(box, ident, title, desc, [*props, *body])
