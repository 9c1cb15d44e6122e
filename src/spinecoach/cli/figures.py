"""The `figure`, `gallery` and `check-pose` commands: draw the stretches and check a pose."""

import json
from pathlib import Path
from typing import Annotated

import typer

from spinecoach.catalog.vocabulary import Side
from spinecoach.cli.options import JsonOption
from spinecoach.cli.png import svg_to_png
from spinecoach.errors import InvalidInputError

# A form check that finds something to correct is a normal answer, not an error: its own code.
EXIT_NEEDS_CORRECTION = 3
EXIT_NOT_SEEN = 4

ExerciseArgument = Annotated[
    str, typer.Argument(metavar="NAME", help="Exercise id or name, e.g. hip-bridge.")
]
SideOption = Annotated[
    Side | None, typer.Option("--side", help="Which side, for one-sided stretches.")
]


FORMATS = (".svg", ".png", ".json")


def _write(path: Path, content: str | bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as error:
        raise InvalidInputError(f"{path}: cannot be written ({error.strerror})") from error


def _refuse_useless_options(
    suffix: str, pose: str | None, animate: bool, width: int | None
) -> None:
    """Refuse options that would do nothing for the chosen format, rather than ignore them."""
    if suffix not in FORMATS:
        raise InvalidInputError(
            f"-o: unknown file type {suffix or '(none)'!r}; use .svg, .png or .json"
        )
    if animate and suffix != ".svg":
        raise InvalidInputError(
            f"--animate: an animation can only be written as .svg, not {suffix}"
        )
    if animate and pose is not None:
        raise InvalidInputError(
            "--pose: an animation plays every pose; leave out --pose or --animate"
        )
    if width is not None and suffix != ".png":
        raise InvalidInputError(f"--width: only a .png has a size in pixels, not {suffix}")
    if width is not None and not 16 <= width <= 4000:
        raise InvalidInputError(f"--width: must be 16 to 4000 pixels, got {width}")


def figure(
    exercise_id: ExerciseArgument,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="FILE.svg, FILE.png, or FILE.json for joint positions.",
        ),
    ],
    pose: Annotated[
        str | None,
        typer.Option("--pose", metavar="POSE", help="Key pose name; the held pose if not given."),
    ] = None,
    side: SideOption = None,
    animate: Annotated[bool, typer.Option("--animate", help="Loop one repetition (.svg).")] = False,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            metavar="PIXELS",
            help="Width of a .png in pixels, 16 to 4000 (600 if not given).",
        ),
    ] = None,
) -> None:
    """Draw one stretch as SVG or PNG (or write its 3-D joint positions as JSON for check-pose)."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.figures.drawings import figure_svg
    from spinecoach.figures.library import check_side, held_pose_names, key_pose, pose_file
    from spinecoach.figures.motion import animation_svg
    from spinecoach.figures.skeleton import pose_points

    suffix = output.suffix.lower()
    _refuse_useless_options(suffix, pose, animate, width)
    # A name in any case is accepted; unknown ones get the catalogue's message.
    exercise_id = default_catalog().exercise(exercise_id).id
    side_name = side.value if side else None
    if suffix == ".json":
        chosen = check_side(pose_file(exercise_id), side_name)
        name = pose or held_pose_names(exercise_id)[0]
        points = pose_points(key_pose(exercise_id, name, chosen))
        joints = {joint: [round(float(v), 4) for v in xyz] for joint, xyz in points.items()}
        lines = [f"  {json.dumps(name)}: {json.dumps(xyz)}" for name, xyz in joints.items()]
        _write(output, "{\n" + ",\n".join(lines) + "\n}\n")
    elif animate:
        _write(output, animation_svg(exercise_id, side=side_name))
    else:
        svg = figure_svg(exercise_id, pose=pose, side=side_name)
        _write(output, svg_to_png(svg, width or 600) if suffix == ".png" else svg)
    typer.echo(f"Wrote {output}")


def gallery(
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="FOLDER", help="Folder for the gallery.")
    ],
) -> None:
    """Write an HTML page with every stretch's poses and animations, viewable offline."""
    from spinecoach.figures.gallery import gallery_files

    for name, text in gallery_files().items():
        _write(output / name, text)
    typer.echo(f"Open {(output / 'index.html').resolve().as_uri()}")


def check_pose(
    exercise_id: ExerciseArgument,
    joints_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.json",
            help='Camera landmarks: {"left_hip": [x, y, z, visibility], ...} in metres, y up.',
        ),
    ],
    side: SideOption = None,
    pose: Annotated[
        str | None, typer.Option("--pose", metavar="POSE", help="Which checked pose.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a body's landmarks against a stretch's form rules.

    Exit codes: 0 every rule holds, 3 something needs correcting, 4 a needed landmark is not
    seen, 2 bad input.
    """
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.figures.form import check_form, parse_landmarks, report_to_dict
    from spinecoach.json_input import read_json_file

    exercise_id = default_catalog().exercise(exercise_id).id
    raw = read_json_file(joints_file)
    report = check_form(
        exercise_id, parse_landmarks(raw), side=side.value if side else None, pose=pose
    )
    if as_json:
        typer.echo(json.dumps(report_to_dict(report), indent=2))
    else:
        for result in report.rules:
            mark = {"pass": "ok ", "unseen": " ? "}.get(result.result, "fix")
            measured = "not seen"
            if result.value is not None:
                measured = f"{result.value:g} {result.unit}"
            advice = f" -> {result.correction}" if result.correction else ""
            typer.echo(f"[{mark}] {result.check.rstrip('.')} ({measured}){advice}")
        typer.echo(report.correction or "Looks right.")
    if report.verdict != "pass":
        raise typer.Exit(EXIT_NOT_SEEN if report.verdict == "unseen" else EXIT_NEEDS_CORRECTION)
