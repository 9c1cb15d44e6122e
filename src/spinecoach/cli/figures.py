"""The `figure`, `gallery` and `check-pose` commands: draw the stretches and check a pose."""

import json
from pathlib import Path
from typing import Annotated

import typer

from spinecoach.catalog.vocabulary import Side
from spinecoach.cli.options import JsonOption
from spinecoach.errors import InvalidInputError

# A form check that finds something to correct is a normal answer, not an error: its own code.
EXIT_NEEDS_CORRECTION = 3

ExerciseArgument = Annotated[
    str, typer.Argument(metavar="NAME", help="Exercise id or name, e.g. hip-bridge.")
]
SideOption = Annotated[
    Side | None, typer.Option("--side", help="Which side, for one-sided stretches.")
]


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InvalidInputError(f"{path}: cannot be written ({error.strerror})") from error


def figure(
    exercise_id: ExerciseArgument,
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", metavar="FILE", help="FILE.svg, or FILE.json for joint positions."
        ),
    ],
    pose: Annotated[
        str | None,
        typer.Option("--pose", metavar="POSE", help="Key pose name; the held pose if not given."),
    ] = None,
    side: SideOption = None,
    animate: Annotated[bool, typer.Option("--animate", help="Loop one repetition.")] = False,
) -> None:
    """Draw one stretch as SVG (or write its 3-D joint positions as JSON for check-pose)."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.figures.drawings import figure_svg
    from spinecoach.figures.library import check_side, held_pose_names, key_pose, pose_file
    from spinecoach.figures.motion import animation_svg
    from spinecoach.figures.skeleton import pose_points

    # A name in any case is accepted; unknown ones get the catalogue's message.
    exercise_id = default_catalog().exercise(exercise_id).id
    side_name = side.value if side else None
    if output.suffix == ".json":
        chosen = check_side(pose_file(exercise_id), side_name)
        name = pose or held_pose_names(exercise_id)[0]
        points = pose_points(key_pose(exercise_id, name, chosen))
        joints = {joint: [round(float(v), 4) for v in xyz] for joint, xyz in points.items()}
        lines = [f"  {json.dumps(name)}: {json.dumps(xyz)}" for name, xyz in joints.items()]
        _write(output, "{\n" + ",\n".join(lines) + "\n}\n")
    elif animate:
        _write(output, animation_svg(exercise_id, side=side_name))
    else:
        _write(output, figure_svg(exercise_id, pose=pose, side=side_name))
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
        Path, typer.Argument(metavar="FILE.json", help='{"left_hip": [x, y, z], ...} in metres.')
    ],
    side: SideOption = None,
    pose: Annotated[
        str | None, typer.Option("--pose", metavar="POSE", help="Which checked pose.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check named 3-D joint positions against a stretch's form rules.

    Exit codes: 0 every rule holds, 3 something needs correcting, 2 bad input.
    """
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.figures.form import check_form, parse_joints, results_to_dict
    from spinecoach.json_input import read_json_file

    exercise_id = default_catalog().exercise(exercise_id).id
    raw = read_json_file(joints_file)
    results = check_form(
        exercise_id, parse_joints(raw), side=side.value if side else None, pose=pose
    )
    if as_json:
        typer.echo(json.dumps(results_to_dict(results), indent=2))
    else:
        for result in results:
            mark = "ok " if result.passed else "fix"
            advice = "" if result.passed else f" -> {result.correction}"
            digits = 0 if result.unit == "degrees" else 2
            measured = f"{result.value:.{digits}f} {result.unit}"
            typer.echo(f"[{mark}] {result.check.rstrip('.')} ({measured}){advice}")
    if not all(result.passed for result in results):
        raise typer.Exit(EXIT_NEEDS_CORRECTION)
