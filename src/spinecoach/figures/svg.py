"""Draw a posed body and its props as SVG text: orthographic view, depth-sorted, accessible.

Pure functions: points in, SVG text out. Units in the SVG are centimetres of the scene.
Colour convention (also written into every figure's <desc>): the person's left arm and leg are
dark blue, the right arm and leg light blue, head and trunk slate; each body part has a thin
white outline so a nearer limb stands out against a farther one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np
from scipy.spatial.transform import Rotation

from spinecoach.figures.occlusion import (
    STROKES,
    Projected,
    Stroke,
    outlined,
    paint_order,
    runs,
)
from spinecoach.figures.scenery import Shape
from spinecoach.figures.skeleton import SURFACE_RADIUS, Vector

CM = 100.0
HALO = 1.6  # cm of white outline around each body part
MARGIN = 6.0
COLOURS = {"left": "#1f4e80", "right": "#4f86c0", "centre": "#3b4a5c"}
FACE_COLOUR, FACE_RADIUS = "#aab6c4", 5.2
BACKGROUND = "#ffffff"
PROP_STYLES = {
    "floor": 'fill="#eef0f3" stroke="#6b7280" stroke-width="1.2"',
    "mat": 'fill="#c9dcd3" stroke="#5f7f70" stroke-width="0.8"',
    "mat-edge": 'fill="#9fbfb0" stroke="#5f7f70" stroke-width="0.8"',
    "chair-back": 'fill="#d9c3a5" stroke="#7a5c3a" stroke-width="1.2"',
    "chair-seat": 'fill="#c9a97f" stroke="#7a5c3a" stroke-width="1.2"',
    "chair-leg": 'stroke="#7a5c3a" stroke-width="3"',
    "chair-leg-back": 'stroke="#9a7c5a" stroke-width="3"',
}
COLOUR_WORDS = (
    "The person's left arm and leg are drawn in dark blue, the right arm and leg in light "
    "blue, and the head and trunk in slate grey."
)
Flat = tuple[float, float]


@dataclass(frozen=True)
class ViewBox:
    """The drawn area in scene centimetres (SVG user units)."""

    x: float
    y: float
    width: float
    height: float


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


def _flat(points: Sequence[Vector], camera: Rotation) -> list[Flat]:
    turned = camera.apply(np.array(points))
    return [(float(p[0] * CM), float(-p[1] * CM)) for p in turned]


def view_box(
    frames: Sequence[Mapping[str, Vector]], shapes: Sequence[Shape], camera: Rotation
) -> ViewBox:
    """Return a box holding every frame's body (with its thickness) and every prop."""
    xs: list[float] = []
    ys: list[float] = []
    for frame in frames:
        for name, (x, y, _) in project(frame, camera).items():
            reach = SURFACE_RADIUS.get(name, 0.0) * CM + HALO
            xs += [x - reach, x + reach]
            ys += [y - reach, y + reach]
    for shape in shapes:
        for x, y in _flat(shape.points, camera):
            xs.append(x)
            ys.append(y)
    x0, y0 = min(xs) - MARGIN, min(ys) - MARGIN
    return ViewBox(x0, y0, max(xs) + MARGIN - x0, max(ys) + MARGIN - y0)


def number(value: float) -> str:
    """Format a coordinate with one decimal and no negative zero."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def path_data(points: Sequence[Flat], closed: bool = False) -> str:
    """Return SVG path data through the points."""
    steps = [f"{'M' if i == 0 else 'L'}{number(x)} {number(y)}" for i, (x, y) in enumerate(points)]
    return "".join(steps) + ("Z" if closed else "")


def stroke_element(stroke: Stroke, projected: Projected, outline: bool) -> str:
    """Return one stroke as SVG: a white outline under it, or its colour."""
    width = stroke.width * CM + (2 * HALO if outline else 0.0)
    colour = BACKGROUND if outline else COLOURS[stroke.part.part]
    flat = [projected[name][:2] for name in stroke.points]
    if len(flat) == 1:
        x, y = flat[0]
        return (
            f'<circle cx="{number(x)}" cy="{number(y)}" r="{number(width / 2)}" fill="{colour}"/>'
        )
    return f'<path d="{path_data(flat)}" stroke="{colour}" stroke-width="{number(width)}"/>'


def body_elements(projected: Projected) -> list[str]:
    """Return the body's SVG elements, farthest first; each run is outlined, then coloured."""
    elements = ['<g stroke-linecap="round" stroke-linejoin="round" fill="none">']
    order = paint_order(projected)
    with_outline = outlined(order)
    for run in runs(order):
        part = STROKES[run[0]].part
        elements.append(f'<g class="{part.name}">')
        elements += [
            stroke_element(STROKES[i], projected, outline=True) for i in run if i in with_outline
        ]
        elements += [stroke_element(STROKES[i], projected, outline=False) for i in run]
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
        d = path_data(_flat(shape.points, camera), closed=shape.closed)
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
    ident: str,
    title: str,
    desc: str,
) -> str:
    """Return a still SVG of one posed body with its props."""
    props = ['<g class="props" stroke-linejoin="round">', *prop_elements(shapes, camera), "</g>"]
    return document(box, ident, title, desc, [*props, *body_elements(project(points, camera))])
