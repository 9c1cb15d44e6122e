"""Still figures of an exercise's key poses: the scene, the words and the SVG."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

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
from spinecoach.figures.scenery import Shape, prop_shapes
from spinecoach.figures.skeleton import Vector, pose_points
from spinecoach.figures.svg import COLOUR_WORDS, ViewBox, render_figure, view_box, view_rotation


@dataclass(frozen=True)
class Scene:
    """What every figure of one exercise shares: camera, props and drawn area."""

    camera: Rotation
    shapes: tuple[Shape, ...]
    box: ViewBox


def _sides(exercise_id: str) -> list[str | None]:
    return ["left", "right"] if pose_file(exercise_id).drawn_side else [None]


@cache
def scene(exercise_id: str) -> Scene:
    """Return the exercise's camera, props and a box that holds all its key poses, both sides."""
    poses = pose_file(exercise_id)
    frames: list[Mapping[str, Vector]] = [
        pose_points(key_pose(exercise_id, pose.name, side))
        for side in _sides(exercise_id)
        for pose in poses.poses
    ]
    camera = view_rotation(poses.view.azimuth, poses.view.elevation)
    shapes = tuple(prop_shapes(poses.props, frames))
    return Scene(camera, shapes, view_box(frames, shapes, camera))


def view_words(exercise_id: str) -> str:
    """Describe where the figure is seen from, in plain words."""
    view = pose_file(exercise_id).view
    if view.elevation >= 75:
        return "Seen from above."
    if abs(view.azimuth) <= 20 and view.elevation <= 15:
        return "Seen from the side."
    if view.elevation >= 30:
        return "Seen from the front and from above."
    return "Seen from the front and a little above." if view.elevation else "Seen from the front."


def figure_id(exercise_id: str, pose: str, side: str | None, suffix: str = "") -> str:
    """Return an id prefix unique to one figure, so several can share a web page."""
    return "-".join(part for part in ("fig", exercise_id, pose, side, suffix) if part)


def figure_title(exercise_id: str, pose: str, side: str | None) -> str:
    """Return a short title such as 'Knee to chest: held (left side)'."""
    name = default_catalog().exercise(exercise_id).name
    words = pose.replace("-", " ")
    return f"{name}: {words}" + (f" ({side} side)" if side else "")


def figure_svg(exercise_id: str, pose: str | None = None, side: str | None = None) -> str:
    """Return a still SVG of one key pose; by default the first held pose, drawn side."""
    poses = pose_file(exercise_id)
    name = pose or held_pose_names(exercise_id)[0]
    chosen = check_side(poses, side)
    description = side_words(find_key_pose(poses, name).description, chosen)
    setting = scene(exercise_id)
    return render_figure(
        pose_points(key_pose(exercise_id, name, chosen)),
        camera=setting.camera,
        box=setting.box,
        shapes=setting.shapes,
        ident=figure_id(exercise_id, name, chosen),
        title=figure_title(exercise_id, name, chosen),
        desc=f"{description} {view_words(exercise_id)} {COLOUR_WORDS}",
    )
