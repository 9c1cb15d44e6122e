"""The drawn body as 2-D geometry, for players that draw it themselves (a terminal, a canvas).

Public entry points (all pure; coordinates in centimetres on screen, x right, y down, depth
larger when nearer the viewer, inside `box`):
  drawing_of_key_pose(exercise_id, pose, side=None)        a named key pose ("held", "cat")
  drawing_for_cue(exercise_id, cue_kind, fraction, side=None, repetition=1)
                                                           the body during a timeline cue
  drawing_of(exercise_id, pose, side=None)                 any Pose, e.g. from animation.pose_at
Each returns a BodyDrawing: named points, the skeleton's segments and the filled outlines, both
in painting order (farthest first), each tagged "near", "far" or "centre" for its colour, and
the box that holds every pose of the exercise, so successive drawings do not jump.
"""

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from spinecoach.figures.animation import pose_for_cue
from spinecoach.figures.drawings import scene
from spinecoach.figures.library import check_side, key_pose, pose_file
from spinecoach.figures.occlusion import STROKES, paint_order
from spinecoach.figures.outline import Flat
from spinecoach.figures.skeleton import Pose, Side, pose_points
from spinecoach.figures.svg import ViewBox, body_polygons, project

Role = Literal["near", "far", "centre"]


@dataclass(frozen=True)
class Segment:
    """A straight piece of the skeleton between two named points, with the body's width there."""

    part: str
    role: Role
    start: str
    end: str
    width: float


@dataclass(frozen=True)
class Outline:
    """The filled shape of one body stroke: closed polygons on screen."""

    part: str
    role: Role
    polygons: tuple[tuple[Flat, ...], ...]


@dataclass(frozen=True)
class BodyDrawing:
    """A posed body seen through the exercise's camera."""

    points: dict[str, tuple[float, float, float]]
    segments: tuple[Segment, ...]
    outlines: tuple[Outline, ...]
    box: ViewBox
    near: Side


def _role(part: str, near: Side) -> Role:
    return "centre" if part == "centre" else ("near" if part == near else "far")


def drawing_of(exercise_id: str, pose: Pose, side: str | None = None) -> BodyDrawing:
    """Project any pose of an exercise through that exercise's camera, in painting order."""
    chosen = check_side(pose_file(exercise_id), side)
    setting = scene(exercise_id, chosen)
    points = pose_points(pose)
    projected = project(points, setting.camera)
    polygons = body_polygons(points, setting.camera, projected)
    segments: list[Segment] = []
    outlines: list[Outline] = []
    for index in paint_order(projected):
        stroke = STROKES[index]
        role = _role(stroke.part.part, setting.near)
        names = stroke.points if len(stroke.points) > 1 else stroke.points * 2
        segments += [
            Segment(stroke.part.name, role, a, b, stroke.width) for a, b in pairwise(names)
        ]
        shapes = tuple(tuple(polygon) for polygon in polygons[index])
        outlines.append(Outline(stroke.part.name, role, shapes))
    return BodyDrawing(projected, tuple(segments), tuple(outlines), setting.box, setting.near)


def drawing_of_key_pose(exercise_id: str, pose: str, side: str | None = None) -> BodyDrawing:
    """Project one named key pose ("held", "start", ...)."""
    return drawing_of(exercise_id, key_pose(exercise_id, pose, side), side)


def drawing_for_cue(
    exercise_id: str,
    cue_kind: str,
    fraction: float,
    side: str | None = None,
    repetition: int = 1,
) -> BodyDrawing:
    """Project the body a fraction (0 to 1) of the way through a timeline cue of this kind."""
    pose = pose_for_cue(exercise_id, cue_kind, fraction, side=side, repetition=repetition)
    return drawing_of(exercise_id, pose, side)
