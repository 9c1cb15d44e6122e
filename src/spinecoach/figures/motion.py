"""Animated SVG of one repetition, looping: SMIL <animate> only, no script, no external files.

The body is sampled along the repetition with `pose_at`. Which limb hides which can change
during a movement, and SVG paints in document order, so the animation is split into spans
in which the painting order stays the same; each span is a group shown only during its time.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spinecoach.catalog.loader import default_catalog
from spinecoach.figures.animation import pose_at, start_pose_name, target_pose_name
from spinecoach.figures.drawings import Scene, figure_id, figure_title, scene, view_words
from spinecoach.figures.library import check_side, find_key_pose, pose_file, side_words
from spinecoach.figures.occlusion import STROKES, Projected, draw_steps, paint_order
from spinecoach.figures.outline import polygons_path
from spinecoach.figures.skeleton import Side, Vector, pose_points
from spinecoach.figures.svg import (
    FACE_COLOUR,
    FACE_RADIUS,
    ViewBox,
    body_polygons,
    colour_words,
    document,
    face_visible,
    number,
    paint,
    path_data,
    project,
    prop_elements,
    view_box,
)

SAMPLE_SECONDS = 0.3
PREPARE_SECONDS = 1.0
RETURN_SECONDS = 2.0
PREVIEW_HOLD_SECONDS = 3.0


@dataclass(frozen=True)
class Frame:
    """The body at one moment: seconds from the start, projected points and drawn outlines."""

    seconds: float
    projected: Projected
    paths: tuple[str, ...]


def preview_phases(exercise_id: str) -> list[tuple[str, float]]:
    """Return the start position, one repetition (holds shortened) and, if the repetition ends
    elsewhere, a move back to the start: the loop begins and ends in the start position."""
    phases = [("prepare", PREPARE_SECONDS)]
    for phase in default_catalog().exercise(exercise_id).repetition:
        phases.append((phase.kind.value, phase.seconds or PREVIEW_HOLD_SECONDS))
    if target_pose_name(exercise_id, phases[-1][0]) != start_pose_name(exercise_id):
        phases.append(("prepare", RETURN_SECONDS))
    return phases


def sample_times(
    phases: Sequence[tuple[str, float]],
    moving: Sequence[bool] | None = None,
    every: float = SAMPLE_SECONDS,
) -> list[float]:
    """Return the moments to draw: every phase boundary and steps inside each moving phase."""
    times: list[float] = []
    elapsed = 0.0
    for index, (_, seconds) in enumerate(phases):
        still = moving is not None and not moving[index]
        steps = 1 if still else max(1, round(seconds / every))
        times += [elapsed + seconds * i / steps for i in range(steps)]
        elapsed += seconds
    return [*times, elapsed]


def moving_phases(exercise_id: str, phases: Sequence[tuple[str, float]], start: str) -> list[bool]:
    """Return, for each phase, whether the body moves during it (a hold keeps still)."""
    moving = []
    current = start
    for kind, _ in phases:
        target = target_pose_name(exercise_id, kind)
        moving.append(target != current)
        current = target
    return moving


def _animate(attribute: str, values: Sequence[str], total: float, times: Sequence[float]) -> str:
    keys = ";".join(f"{t / total:.4f}" for t in times)
    return (
        f'<animate attributeName="{attribute}" dur="{number(total)}s" repeatCount="indefinite" '
        f'values="{";".join(values)}" keyTimes="{keys}"/>'
    )


def _discrete(attribute: str, values: Sequence[str], total: float, times: Sequence[float]) -> str:
    animate = _animate(attribute, values, total, times)
    return animate.replace("<animate ", '<animate calcMode="discrete" ', 1)


def definitions(ident: str, frames: Sequence[Frame], total: float) -> list[str]:
    """Return each stroke's moving outline once, for every span to reuse with its own paint."""
    times = [frame.seconds for frame in frames]
    elements = ["<defs>"]
    for index in range(len(STROKES)):
        track = [frame.paths[index] for frame in frames]
        animate = _animate("d", track, total, times)
        elements.append(f'<path id="{ident}-s{index}" d="{track[0]}">{animate}</path>')
    face = [path_data([frame.projected["face"][:2]] * 2) for frame in frames]
    shown = ["1" if face_visible(frame.projected) else "0" for frame in frames]
    elements.append(
        f'<path id="{ident}-face" d="{face[0]}" stroke="{FACE_COLOUR}" stroke-linecap="round" '
        f'stroke-width="{number(2 * FACE_RADIUS)}" opacity="{shown[0]}">'
        f"{_animate('d', face, total, times)}{_discrete('opacity', shown, total, times)}</path>"
    )
    elements.append("</defs>")
    return elements


def paint_spans(
    times: Sequence[float], projected: Sequence[Projected]
) -> list[tuple[list[int], float, float]]:
    """Return (painting order, start, end seconds) for runs of frames painted alike."""
    spans: list[tuple[list[int], float, float]] = []
    for seconds, points in zip(times, projected, strict=True):
        order = paint_order(points)
        if spans and spans[-1][0] == order:
            spans[-1] = (order, spans[-1][1], seconds)
        else:
            if spans:
                # The previous span stays on screen until this one takes over.
                spans[-1] = (spans[-1][0], spans[-1][1], seconds)
            spans.append((order, seconds, seconds))
    return spans


def _use(ident: str, index: int, near: Side, outline: bool) -> str:
    return f'<use href="#{ident}-s{index}" {paint(STROKES[index], near, outline)}/>'


def body_animation(ident: str, frames: Sequence[Frame], total: float, near: Side) -> list[str]:
    """Return the animated body: one group per span of frames with the same painting order."""
    spans = paint_spans([f.seconds for f in frames], [f.projected for f in frames])
    elements = [*definitions(ident, frames, total)]
    elements.append('<g stroke-linejoin="round">')
    for number_of_span, (order, start, end) in enumerate(spans):
        elements.append(f'<g visibility="{"visible" if number_of_span == 0 else "hidden"}">')
        if len(spans) > 1:
            values, times = ["hidden", "visible", "hidden"], [0.0, start, end]
            if start == 0:
                values, times = values[1:], [0.0, end]
            if number_of_span == len(spans) - 1:
                values, times = values[:-1], times[:-1]
            elements.append(_discrete("visibility", values, total, times))
        for layer, index in draw_steps(order):
            if layer == "face":
                elements.append(f'<use href="#{ident}-face"/>')
            else:
                elements.append(_use(ident, index, near, outline=layer == "outline"))
        elements.append("</g>")
    elements.append("</g>")
    return elements


@dataclass(frozen=True)
class MotionWords:
    """What names and describes a moving figure: its element id prefix, title and description."""

    ident: str
    title: str
    desc: str


@dataclass(frozen=True)
class Motion:
    """One repetition sampled for drawing: the scene, the words and the body at each moment."""

    side: str | None  # the side drawn; None for a stretch done on both sides at once
    words: MotionWords
    setting: Scene
    box: ViewBox
    props: tuple[str, ...]
    times: tuple[float, ...]
    bodies: tuple[Mapping[str, Vector], ...]
    projected: tuple[Projected, ...]


def motion_words(
    exercise_id: str, side: str | None, phases: Sequence[tuple[str, float]]
) -> MotionWords:
    """Return the id, title and description of the exercise moving through the phases."""
    poses = pose_file(exercise_id)
    chosen = check_side(poses, side)
    name = default_catalog().exercise(exercise_id).name
    steps: list[str] = []
    for kind, _ in phases:
        words = side_words(
            find_key_pose(poses, target_pose_name(exercise_id, kind)).description, chosen
        )
        if not steps or steps[-1] != words:
            steps.append(words)
    moves = " Then: ".join(steps)
    desc = f"Animation of {name}, repeating. {moves} {view_words(exercise_id)}"
    desc += f" {colour_words(scene(exercise_id, chosen).near)}"
    return MotionWords(
        ident=figure_id(exercise_id, "moving", chosen),
        title=figure_title(exercise_id, "moving", chosen),
        desc=desc,
    )


def sample_motion(
    exercise_id: str,
    side: str | None = None,
    phases: Sequence[tuple[str, float]] | None = None,
    every: float = SAMPLE_SECONDS,
) -> Motion:
    """Return the exercise sampled about `every` seconds over the phases (default: preview)."""
    poses = pose_file(exercise_id)
    chosen = check_side(poses, side)
    phases = list(phases) if phases is not None else preview_phases(exercise_id)
    # Loop from where the repetition ends, so the last frame flows into the first.
    loop_start = target_pose_name(exercise_id, phases[-1][0])
    setting = scene(exercise_id, chosen)
    times = sample_times(phases, moving_phases(exercise_id, phases, loop_start), every)
    bodies = [
        pose_points(pose_at(exercise_id, t, phases, side=chosen, start=loop_start)) for t in times
    ]
    box = view_box(bodies, setting.shapes, setting.camera)
    if chosen is not None and chosen != poses.drawn_side:
        # Flip back to the drawn side's box, then flip it as written: the two sides' pictures
        # are then mirror images to the pixel, whichever way each edge rounds.
        box = ViewBox(-(box.x + box.width), box.y, box.width, box.height).mirrored()
    return Motion(
        side=chosen,
        words=motion_words(exercise_id, chosen, phases),
        setting=setting,
        box=box,
        props=(
            '<g class="props" stroke-linejoin="round">',
            *prop_elements(setting.shapes, setting.camera),
            "</g>",
        ),
        times=tuple(times),
        bodies=tuple(bodies),
        projected=tuple(project(points, setting.camera) for points in bodies),
    )


def animation_svg(
    exercise_id: str,
    side: str | None = None,
    phases: Sequence[tuple[str, float]] | None = None,
) -> str:
    """Return a looping animated SVG of the exercise, by default one repetition in preview."""
    motion = sample_motion(exercise_id, side, phases)
    camera = motion.setting.camera
    frames = []
    for t, points, projected in zip(motion.times, motion.bodies, motion.projected, strict=True):
        outlines = body_polygons(points, camera, projected)
        frames.append(Frame(t, projected, tuple(polygons_path(p) for p in outlines)))
    words = motion.words
    moving = body_animation(words.ident, frames, motion.times[-1], motion.setting.near)
    return document(motion.box, words.ident, words.title, words.desc, [*motion.props, *moving])
