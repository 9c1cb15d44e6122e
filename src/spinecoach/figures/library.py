"""Load the packaged poses files, check them against the catalogue and resolve key poses."""

from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from pathlib import Path

from spinecoach.catalog.files import display_name, read_model
from spinecoach.catalog.loader import DATA_DIR, Catalog, default_catalog, load_catalog
from spinecoach.catalog.vocabulary import Sides
from spinecoach.errors import CatalogError, InvalidInputError, NotFoundError
from spinecoach.figures.contacts import place
from spinecoach.figures.poses import KeyPose, PoseFile, RootSpec
from spinecoach.figures.skeleton import (
    Pose,
    Root,
    Vector,
    mirror_angles,
    other_side,
    pose_points,
)


def read_pose_file(path: Path, root: Path = DATA_DIR) -> PoseFile:
    """Read and validate one poses file; raise CatalogError naming the file and field."""
    return read_model(path, display_name(path, root), PoseFile)


def _cross_check(display: str, stem: str, poses: PoseFile, catalog: Catalog) -> list[str]:
    """Return problems between a poses file and its exercise: id, sides and phases."""
    exercise = catalog.exercises.get(poses.exercise)
    if exercise is None:
        return [f"{display}: exercise: unknown exercise {poses.exercise!r}"]
    problems = []
    if poses.exercise != stem:
        problems.append(f"{display}: exercise: {poses.exercise!r} does not match the file name")
    has_sides = exercise.dose.sides is Sides.EACH
    if has_sides != (poses.drawn_side is not None):
        wanted = "a drawn_side (left or right)" if has_sides else "no drawn_side"
        problems.append(
            f"{display}: drawn_side: {exercise.id} has {exercise.dose.sides} side(s), give {wanted}"
        )
    phase_kinds = {phase.kind.value for phase in exercise.repetition}
    pose_cues = {pose.cue for pose in poses.poses} - {"prepare"}
    for kind in sorted(phase_kinds - pose_cues):
        problems.append(f"{display}: poses: no key pose for the {kind} phase")
    for kind in sorted(pose_cues - phase_kinds):
        problems.append(f"{display}: poses: {exercise.id} has no {kind} phase")
    return problems


def load_pose_files(root: Path = DATA_DIR, catalog: Catalog | None = None) -> dict[str, PoseFile]:
    """Read every poses file under root and check it against the catalogue; list all problems."""
    catalog = catalog if catalog is not None else load_catalog(root)
    problems: list[str] = []
    loaded: dict[str, PoseFile] = {}
    # Files starting with "_" hold what all exercises share (the landmarks), not an exercise.
    for path in sorted((root / "poses").glob("[!_]*.yaml")):
        display = display_name(path, root)
        try:
            poses = read_pose_file(path, root)
        except CatalogError as error:
            problems.append(error.user_message)
            continue
        problems += _cross_check(display, path.stem, poses, catalog)
        loaded[poses.exercise] = poses
    for exercise_id in catalog.exercises:
        if exercise_id not in loaded and not problems:
            problems.append(
                f"{display_name(root / 'poses', root)}: no poses file for {exercise_id!r}"
            )
    if problems:
        raise CatalogError("\n".join(problems))
    return {exercise_id: loaded[exercise_id] for exercise_id in catalog.exercises}


@cache
def pose_files() -> Mapping[str, PoseFile]:
    """Return the packaged poses files, loaded and checked once per process."""
    return load_pose_files(DATA_DIR, default_catalog())


def pose_file(exercise_id: str) -> PoseFile:
    """Return one exercise's poses file or raise NotFoundError listing the known ids."""
    files = pose_files()
    if exercise_id not in files:
        raise NotFoundError(f"unknown exercise {exercise_id!r}; known: {', '.join(files)}")
    return files[exercise_id]


def check_side(poses: PoseFile, side: str | None) -> str | None:
    """Return the side to draw: the drawn side by default; refuse a side the exercise lacks."""
    if poses.drawn_side is None:
        if side is not None:
            raise InvalidInputError(f"{poses.exercise} is done on both sides at once; no side")
        return None
    if side is None:
        return poses.drawn_side
    if side not in ("left", "right"):
        raise InvalidInputError(f"side must be left or right, got {side!r}")
    return side


def _root_over(spec: RootSpec, base: Root) -> Root:
    given = spec.model_dump(exclude_none=True)
    return Root(**{f.name: given.get(f.name, getattr(base, f.name)) for f in fields(Root)})


def _resolve(poses: PoseFile, name: str) -> Pose:
    chain: list[KeyPose] = []
    current: str | None = name
    while current is not None:
        pose = next(p for p in poses.poses if p.name == current)
        chain.append(pose)
        current = pose.base
    angles: dict[str, dict[str, float]] = {}
    root = Root()
    for pose in reversed(chain):
        for joint, dofs in pose.joints.model_dump(exclude_none=True).items():
            angles.setdefault(joint, {}).update(dofs)
        root = _root_over(pose.root, root)
    return Pose(angles, root)


def find_key_pose(poses: PoseFile, name: str) -> KeyPose:
    """Return the key pose with this name or raise NotFoundError listing the names."""
    for pose in poses.poses:
        if pose.name == name:
            return pose
    known = ", ".join(p.name for p in poses.poses)
    raise NotFoundError(f"{poses.exercise} has no pose {name!r}; known: {known}")


def swap_side_names(name: str) -> str:
    """Return a point name with left and right exchanged."""
    return name.replace("left", "@").replace("right", "left").replace("@", "right")


def anchor_points(exercise_id: str, side: str | None) -> list[str]:
    """Return the points that stay put through the exercise, named for the side drawn."""
    poses = pose_file(exercise_id)
    mirrored = side is not None and side != poses.drawn_side
    return [swap_side_names(name) if mirrored else name for name in poses.anchor]


@cache
def key_pose(exercise_id: str, name: str, side: str | None = None) -> Pose:
    """Return a key pose's full angles and root, mirrored when the other side is asked for.

    The pose is placed so the exercise's anchor points sit at the same spot in every key pose.
    """
    poses = pose_file(exercise_id)
    side = check_side(poses, side)
    find_key_pose(poses, name)
    pose = _resolve(poses, name)
    if side is not None and side != poses.drawn_side:
        pose = Pose(mirror_angles(pose.angles), pose.root)
    return place(pose, anchor_points(exercise_id, side))


@cache
def key_pose_points(exercise_id: str, name: str, side: str | None = None) -> Mapping[str, Vector]:
    """Return the world points of a key pose, computed once per process."""
    return pose_points(key_pose(exercise_id, name, side))


def side_words(text: str, side: str | None) -> str:
    """Fill {side} and {other} in a description, rule point or correction."""
    if side is None:
        return text
    return text.replace("{side}", side).replace("{other}", other_side(side))


def held_pose_names(exercise_id: str) -> list[str]:
    """Return the key poses that have form rules, in file order (the held positions)."""
    return [check.pose for check in pose_file(exercise_id).form]
