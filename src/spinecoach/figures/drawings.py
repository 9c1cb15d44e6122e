"""Still figures of an exercise's key poses: the scene, the words and the SVG.

The other side of a one-sided stretch is drawn as the true mirror image of the drawn side:
the body, the props and the camera are all reflected, so its picture is the drawn side's
picture flipped left to right.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.spatial.transform import Rotation

from spinecoach.catalog.loader import default_catalog
from spinecoach.figures.library import (
    check_side,
    find_key_pose,
    held_pose_names,
    key_pose,
    pose_file,
    side_words,
)
from spinecoach.figures.scenery import Shape, mirror_shape, prop_shapes
from spinecoach.figures.skeleton import Side, Vector, other_side, pose_points, root_rotation
from spinecoach.figures.svg import (
    ViewBox,
    colour_words,
    project,
    render_figure,
    view_box,
    view_rotation,
)

SCREEN_FLIP = np.diag([-1.0, 1.0, 1.0])


@dataclass(frozen=True)
class Scene:
    """What every figure of one exercise and side shares: camera, props, drawn area, near side."""

    camera: Rotation
    shapes: tuple[Shape, ...]
    box: ViewBox
    near: Side


def _mirror_normal(exercise_id: str) -> Vector:
    """Return the horizontal normal of the body's midline plane in the start position."""
    poses = pose_file(exercise_id)
    start = key_pose(exercise_id, poses.poses[0].name, poses.drawn_side)
    x, _, z = root_rotation(start.root).apply(np.array([0.0, 0.0, 1.0]))
    length = float(np.hypot(x, z))
    return (float(x / length), 0.0, float(z / length))


def _frames(exercise_id: str, side: str | None) -> list[Mapping[str, Vector]]:
    return [pose_points(key_pose(exercise_id, p.name, side)) for p in pose_file(exercise_id).poses]


@cache
def scene(exercise_id: str, side: str | None = None) -> Scene:
    """Return the camera, props, a box holding every key pose, and the side nearer the viewer."""
    poses = pose_file(exercise_id)
    side = check_side(poses, side)
    drawn = poses.drawn_side
    if side is not None and side != drawn:
        base = scene(exercise_id, drawn)
        normal = _mirror_normal(exercise_id)
        reflect = np.eye(3) - 2 * np.outer(normal, normal)
        camera = Rotation.from_matrix(SCREEN_FLIP @ base.camera.as_matrix() @ reflect)
        shapes = tuple(mirror_shape(shape, normal) for shape in base.shapes)
        return Scene(camera, shapes, base.box.mirrored(), other_side(base.near))
    frames = _frames(exercise_id, side)
    camera = view_rotation(poses.view.azimuth, poses.view.elevation)
    shapes = tuple(prop_shapes(poses.props, frames))
    start = project(frames[0], camera)
    near: Side = "left" if start["left_hip"][2] >= start["right_hip"][2] else "right"
    return Scene(camera, shapes, view_box(frames, shapes, camera), near)


def still_box(exercise_id: str, pose: str, side: str | None) -> ViewBox:
    """Return the box of one key pose and the props, so a low pose fills its own picture."""
    setting = scene(exercise_id, side)
    poses = pose_file(exercise_id)
    if side is not None and side != poses.drawn_side:
        return still_box(exercise_id, pose, poses.drawn_side).mirrored()
    points = pose_points(key_pose(exercise_id, pose, side))
    return view_box([points], setting.shapes, setting.camera)


def view_words(exercise_id: str, *, with_height: bool = True) -> str:
    """Describe where the figure is seen from, in plain words (height left out if asked)."""
    view = pose_file(exercise_id).view
    height = (
        ""
        if view.elevation < 8 or not with_height
        else (" and a little above" if view.elevation < 30 else " and from above")
    )
    if abs(view.azimuth) <= 25 or abs(abs(view.azimuth) - 180) <= 25:
        return f"Seen from the side{height}."
    return f"Seen from the front and side{height}."


def figure_id(exercise_id: str, pose: str, side: str | None, suffix: str = "") -> str:
    """Return an id prefix unique to one figure, so several can share a web page."""
    return "-".join(part for part in ("fig", exercise_id, pose, side, suffix) if part)


def pose_words(exercise_id: str, pose: str) -> str:
    """Return a key pose's plain label ('Holding the knee'); 'moving' for the animation."""
    if pose == "moving":
        return "one round, moving"
    return find_key_pose(pose_file(exercise_id), pose).label


def figure_title(exercise_id: str, pose: str, side: str | None) -> str:
    """Return a short title such as 'Knee to chest: Holding the knee (left side)'."""
    name = default_catalog().exercise(exercise_id).name
    return f"{name}: {pose_words(exercise_id, pose)}" + (f" ({side} side)" if side else "")


def figure_svg(exercise_id: str, pose: str | None = None, side: str | None = None) -> str:
    """Return a still SVG of one key pose; by default the first held pose, drawn side."""
    poses = pose_file(exercise_id)
    name = pose or held_pose_names(exercise_id)[0]
    chosen = check_side(poses, side)
    description = side_words(find_key_pose(poses, name).description, chosen)
    setting = scene(exercise_id, chosen)
    return render_figure(
        pose_points(key_pose(exercise_id, name, chosen)),
        camera=setting.camera,
        box=still_box(exercise_id, name, chosen),
        shapes=setting.shapes,
        near=setting.near,
        ident=figure_id(exercise_id, name, chosen),
        title=figure_title(exercise_id, name, chosen),
        desc=f"{description} {view_words(exercise_id)} {colour_words(setting.near)}",
    )
