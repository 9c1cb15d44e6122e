"""Compact motion data for the player: what the outlines are built from, not the outlines.

An animated SVG writes every stroke's whole outline for every sample, hundreds of numbers a
frame. Here each sample keeps only the points the strokes are drawn from: the joints on
screen, the trunk's slice centres and half widths, and the face. Numbers are whole tenths
of a centimetre; the trunk's are fiftieths, since its outline, rebuilt from slices a few
centimetres apart, would drift by up to half a centimetre from tenths. Each sample is stored as
the change in its change from the sample before: the body moves smoothly, so these are small
numbers, a hold is rows of zeros and gzip makes a figure about three kilobytes.
The browser (static/player/figure.js) rebuilds the outlines; `frame_outlines.outlines_at`
is the reference it must match.
"""

import itertools
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from spinecoach.figures.motion import (
    Motion,
    motion_words,
    paint_spans,
    preview_phases,
    sample_motion,
)
from spinecoach.figures.occlusion import STROKES, draw_steps
from spinecoach.figures.outline import TRUNK_CENTRES, is_trunk, stroke_pieces, trunk_frame
from spinecoach.figures.skeleton import other_side
from spinecoach.figures.svg import (
    BACKGROUND,
    FACE_COLOUR,
    FACE_RADIUS,
    HALO,
    face_visible,
    fill_colour,
)

POINT_SCALE = 10  # stored units per centimetre for the joints and the face
TRUNK_SCALE = 50  # and for the trunk's slices
# The player interpolates joints in straight lines between samples. Every half second rather
# than the animated SVG's 0.3 s: the drawing strays at most about half a centimetre further
# from the true movement (tests/figures/test_frames.py), and the data is an eighth smaller.
PLAYER_SAMPLE_SECONDS = 0.5
TIME_DIGITS = 3  # sample times in milliseconds: finer than any frame
RADIUS_DIGITS = 3  # limb radii to a hundredth of a millimetre: 7.2, not 7.199999999999999


class Frozen(BaseModel):
    """Strict, read-only base: the data is built once and cached."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StrokeShape(Frozen):
    """How one stroke is drawn: the trunk from its slices, a limb as capsules between points."""

    fill: str = Field(description="colour, as in the SVG figures")
    trunk: bool = Field(description="drawn from the trunk slices of each sample")
    pieces: list[tuple[int, float, int, float]] = Field(
        description="capsules (point, radius cm, point, radius cm); a disc has one point twice"
    )


class PaintSpan(Frozen):
    """From `start` seconds until the next span, the strokes are painted in this order."""

    start: float
    draw: list[tuple[Literal["outline", "fill", "face"], int]] = Field(
        description="(layer, stroke): a stroke's white outline, its colour, or the face"
    )


class OtherSide(Frozen):
    """The other side of a one-sided stretch: this figure flipped left to right, in its words."""

    side: Literal["left", "right"]
    ident: str = Field(description="id prefix for the flipped figure's elements")
    title: str
    description: str


class FigureFrames(Frozen):
    """One repetition of an exercise as compact samples the player draws from."""

    ident: str = Field(description="id prefix for the figure's elements")
    title: str
    description: str
    side: Literal["left", "right"] | None = Field(description="the side drawn; None: both")
    other_side: OtherSide | None = Field(
        description="for a one-sided stretch, the other side: draw this figure flipped (the "
        "3-D scene is mirrored, so the picture is exactly the flip), with these words"
    )
    view_box: tuple[float, float, float, float] = Field(description="x, y, width, height cm")
    props: str = Field(description="the floor, mat or chair as an SVG fragment")
    background: str
    halo_width: float = Field(description="width of the white outline around body parts, cm")
    face_colour: str
    face_width: float = Field(description="diameter of the face disc, cm")
    point_scale: int = Field(description="stored units per centimetre: joints and face")
    trunk_scale: int = Field(description="stored units per centimetre: trunk slices")
    points: list[str] = Field(description="the joints each row holds, x then y, in this order")
    trunk_slices: int = Field(description="trunk slice centres (x, y) then half widths per row")
    strokes: list[StrokeShape]
    spans: list[PaintSpan]
    times: list[float] = Field(description="seconds of each sample")
    rows: list[list[int]] = Field(
        description="per sample: points, trunk centres, trunk half widths, face x, y and "
        "shown (1) or hidden (0); the first row as is, the second as its change from the "
        "first, each later one as the change in that change"
    )


def _points_drawn() -> list[str]:
    """Return every point a limb stroke is drawn from, in the order strokes first use them."""
    names: list[str] = []
    for stroke in STROKES:
        if not is_trunk(stroke):
            for a, _, b, _ in stroke_pieces(stroke):
                names += [a] if a not in names else []
                names += [b] if b not in names else []
    return names


def _row(motion: Motion, index: int, names: Sequence[str]) -> list[int]:
    """Return one sample's numbers in stored units, before delta coding."""
    projected = motion.projected[index]
    centres, extents = trunk_frame(motion.bodies[index], motion.setting.camera)
    joints = [round(v * POINT_SCALE) for name in names for v in projected[name][:2]]
    trunk = [v for centre in centres for v in centre] + list(extents)
    face = [round(v * POINT_SCALE) for v in projected["face"][:2]]
    visible = 1 if face_visible(projected) else 0
    return [*joints, *(round(v * TRUNK_SCALE) for v in trunk), *face, visible]


def _changes(rows: Sequence[Sequence[int]]) -> list[list[int]]:
    """Return the first row, then each row's difference from the one before it."""
    return [list(rows[0])] + [
        [now - before for now, before in zip(row, previous, strict=True)]
        for previous, row in itertools.pairwise(rows)
    ]


def _strokes(names: Sequence[str], motion: Motion) -> list[StrokeShape]:
    shapes = []
    for stroke in STROKES:
        pieces = [] if is_trunk(stroke) else stroke_pieces(stroke)
        shapes.append(
            StrokeShape(
                fill=fill_colour(stroke, motion.setting.near),
                trunk=is_trunk(stroke),
                pieces=[
                    (
                        names.index(a),
                        round(ra, RADIUS_DIGITS),
                        names.index(b),
                        round(rb, RADIUS_DIGITS),
                    )
                    for a, ra, b, rb in pieces
                ],
            )
        )
    return shapes


def figure_frames(
    exercise_id: str,
    side: str | None = None,
    phases: Sequence[tuple[str, float]] | None = None,
    every: float = PLAYER_SAMPLE_SECONDS,
) -> FigureFrames:
    """Return the exercise's motion over the phases as compact samples for the player."""
    motion = sample_motion(exercise_id, side, phases, every)
    other = None
    if motion.side is not None:
        flipped = other_side(motion.side)
        shown = phases if phases is not None else preview_phases(exercise_id)
        words = motion_words(exercise_id, flipped, shown)
        other = OtherSide(
            side=flipped, ident=words.ident, title=words.title, description=words.desc
        )
    names = _points_drawn()
    absolute = [_row(motion, index, names) for index in range(len(motion.times))]
    steps = _changes(absolute)
    rows = steps[:1] + _changes(steps[1:]) if len(steps) > 1 else steps
    times = [round(t, TIME_DIGITS) for t in motion.times]
    spans = [
        PaintSpan(
            start=round(start, TIME_DIGITS),
            draw=draw_steps(order),
        )
        for order, start, _ in paint_spans(motion.times, motion.projected)
    ]
    box = motion.box
    return FigureFrames(
        ident=motion.words.ident,
        title=motion.words.title,
        description=motion.words.desc,
        side=motion.side,
        other_side=other,
        view_box=(round(box.x, 2), round(box.y, 2), round(box.width, 2), round(box.height, 2)),
        props="".join(motion.props),
        background=BACKGROUND,
        halo_width=2 * HALO,
        face_colour=FACE_COLOUR,
        face_width=2 * FACE_RADIUS,
        point_scale=POINT_SCALE,
        trunk_scale=TRUNK_SCALE,
        points=names,
        trunk_slices=TRUNK_CENTRES,
        strokes=_strokes(names, motion),
        spans=spans,
        times=times,
        rows=rows,
    )
