"""The `spinecoach` command: parse options, call the core, print; heavy imports stay in commands."""

import json
from datetime import date
from typing import Annotated, Any

import typer

from spinecoach.catalog.vocabulary import Experience
from spinecoach.cli.app import report_errors
from spinecoach.cli.options import (
    AvoidOption,
    ExperienceOption,
    JsonOption,
    MinutesOption,
    PlaceOption,
    RegionOption,
    constraints_from,
)
from spinecoach.cli.screen import screen

app = typer.Typer(
    name="spinecoach",
    help="A guided stretching coach for low back pain.",
    no_args_is_help=True,
    add_completion=False,
    # Plain help: Rich-formatted help loads markdown-it and friends and doubles `--help` time.
    rich_markup_mode=None,
)
exercises_app = typer.Typer(help="List the stretches or show one in full.", rich_markup_mode=None)
app.add_typer(exercises_app, name="exercises")
app.command("screen")(report_errors(screen))


def print_json(data: Any) -> None:
    """Print data as indented JSON on stdout."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@exercises_app.callback(invoke_without_command=True)
@report_errors
def exercises(context: typer.Context, as_json: JsonOption = False) -> None:
    """List the six stretches."""
    if context.invoked_subcommand is not None:
        return
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.render import console, exercise_table

    catalog = default_catalog()
    if as_json:
        print_json([exercise.model_dump(mode="json") for exercise in catalog.exercises.values()])
    else:
        console().print(exercise_table(catalog))


@exercises_app.command("show")
@report_errors
def exercises_show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id, e.g. cat-cow.")],
    as_json: JsonOption = False,
) -> None:
    """Show one stretch: steps, breathing, dose, cautions and differences from the article."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.render import console, exercise_detail

    catalog = default_catalog()
    exercise = catalog.exercise(exercise_id)
    if as_json:
        print_json(exercise.model_dump(mode="json"))
    else:
        console().print(exercise_detail(exercise, catalog))


@app.command("plan")
@report_errors
def plan_command(
    place: PlaceOption = None,
    minutes: MinutesOption = None,
    avoid: AvoidOption = None,
    region: RegionOption = None,
    experience: ExperienceOption = Experience.NEW,
    routine: Annotated[
        str | None, typer.Option("--routine", help="Start from a built-in routine.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Plan a routine that fits where you are, your minutes and what you must avoid."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.render import console, routine_table
    from spinecoach.planning import plan
    from spinecoach.timeline import compile_timeline, total_seconds

    constraints = constraints_from(place, minutes, avoid, region, experience, routine)
    planned = plan(constraints, [], date.today(), default_catalog())
    seconds = total_seconds(compile_timeline(planned))
    if as_json:
        print_json({**planned.to_dict(), "total_seconds": seconds})
    else:
        console().print(routine_table(planned, seconds))


@app.command("timeline")
@report_errors
def timeline_command(
    routine: Annotated[
        str | None, typer.Argument(help="A built-in routine: all-six, desk-break, morning-floor.")
    ] = None,
    place: PlaceOption = None,
    minutes: MinutesOption = None,
    avoid: AvoidOption = None,
    region: RegionOption = None,
    experience: ExperienceOption = Experience.NEW,
    as_json: JsonOption = False,
) -> None:
    """Print every timed cue of a routine: what to do, when, and for how long."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.render import console, timeline_table
    from spinecoach.planning import plan
    from spinecoach.timeline import compile_timeline, timeline_to_dict

    constraints = constraints_from(place, minutes, avoid, region, experience, routine)
    planned = plan(constraints, [], date.today(), default_catalog())
    cues = compile_timeline(planned)
    if as_json:
        print_json(timeline_to_dict(planned, cues))
    else:
        console().print(timeline_table(cues))


@app.command("start")
@report_errors
def start() -> None:
    """Show today's suggested routine and its timeline (the guided player comes next)."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.render import console, routine_table, timeline_table
    from spinecoach.planning import Constraints, plan
    from spinecoach.timeline import compile_timeline, total_seconds

    planned = plan(Constraints(), [], date.today(), default_catalog())
    cues = compile_timeline(planned)
    out = console()
    out.print(routine_table(planned, total_seconds(cues)))
    out.print(timeline_table(cues))
