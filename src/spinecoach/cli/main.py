"""The `spinecoach` command: parse options, call the core, print; heavy imports stay in commands."""

import json
import os
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from spinecoach.catalog.vocabulary import Experience, PainKind, SpineRegion
from spinecoach.cli.app import report_errors
from spinecoach.cli.diary import history, pain
from spinecoach.cli.figures import check_pose, figure, gallery
from spinecoach.cli.options import (
    AvoidOption,
    DbOption,
    ExperienceOption,
    JsonOption,
    MinutesOption,
    PlaceOption,
    RegionOption,
    constraints_from,
)
from spinecoach.cli.screen import screen
from spinecoach.cli.serve import serve

if TYPE_CHECKING:
    from spinecoach.planning import Constraints

# We use no Pydantic plugins; looking for them reads every installed package's metadata, which
# costs about 15 ms on each command (bench/startup.py).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

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
    db: DbOption = None,
) -> None:
    """Plan today's routine from your history: what the next session will do."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.storage import open_records
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.sessions import plan_today
    from spinecoach.timeline import compile_timeline, total_seconds

    constraints = constraints_from(place, minutes, avoid, region, experience, routine)
    now = SystemClock().now()
    repository, person = open_records(db, now)
    planned = plan_today(repository, person, constraints, default_catalog(), now)
    seconds = total_seconds(compile_timeline(planned))
    if as_json:
        print_json({**planned.to_dict(), "total_seconds": seconds})
    else:
        from spinecoach.cli.render import console, routine_table

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
    """Print every timed cue of a routine at its starting dose (no history is read)."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.planning import plan
    from spinecoach.timeline import compile_timeline, timeline_to_dict

    constraints = constraints_from(place, minutes, avoid, region, experience, routine)
    planned = plan(constraints, [], date.today(), default_catalog())
    cues = compile_timeline(planned)
    if as_json:
        print_json(timeline_to_dict(planned, cues))
    else:
        from spinecoach.cli.render import console, timeline_table

        console().print(timeline_table(cues))


def _session(
    constraints: "Constraints",
    region: list[SpineRegion] | None,
    kind: PainKind | None,
    voice: bool,
    plain: bool,
    speed: float,
    db: str | None,
    resume: bool | None,
) -> None:
    import sys

    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.prompts import InteractivePrompter, PlainPrompter, Prompter
    from spinecoach.cli.session import Player, SessionChoices, run_session
    from spinecoach.cli.storage import open_records
    from spinecoach.cli.voice import make_speaker
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.sessions import PainDetails

    if not plain and not (sys.stdin.isatty() and sys.stdout.isatty()):
        typer.echo("Not a terminal: using --plain output.", err=True)
        plain = True
    clock = SystemClock()
    catalog = default_catalog()
    repository, person = open_records(db, clock.now())
    choices = SessionChoices(
        constraints=constraints,
        details=PainDetails(
            region=region[0].value if region else None, kind=kind.value if kind else None
        ),
        speed=speed,
        plain=plain,
        resume=resume,
    )
    prompter: Prompter = PlainPrompter() if plain else InteractivePrompter()
    player: Player
    if plain:
        from spinecoach.cli.plain_player import run_plain

        player = run_plain
    else:
        from spinecoach.cli.player import run_player  # Textual loads only here

        player = run_player
    speaker, note = make_speaker(voice)
    if note:
        typer.echo(note, err=True)
    try:
        run_session(repository, person, choices, catalog, clock, prompter, player, speaker)
    finally:
        speaker.close()


@app.command("session")
@report_errors
def session_command(
    routine: Annotated[
        str | None, typer.Argument(help="A built-in routine; without one, a plan is made.")
    ] = None,
    place: PlaceOption = None,
    minutes: MinutesOption = None,
    avoid: AvoidOption = None,
    region: RegionOption = None,
    experience: ExperienceOption = Experience.NEW,
    kind: Annotated[
        PainKind | None,
        typer.Option("--kind", help="How the pain feels: dull, sharp, burning, radiating."),
    ] = None,
    voice: Annotated[
        bool, typer.Option("--voice/--no-voice", help="Speak every cue (needs espeak-ng).")
    ] = True,
    plain: Annotated[
        bool, typer.Option("--plain", help="Line-by-line output; answers read from stdin.")
    ] = False,
    speed: Annotated[
        float, typer.Option("--speed", min=0.1, max=100, help="Play N times faster (demos).")
    ] = 1.0,
    resume: Annotated[
        bool | None,
        typer.Option("--resume/--no-resume", help="Continue an interrupted session or not."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Do a guided session: safety check, pain before, timed cues with voice, pain after."""
    constraints = constraints_from(place, minutes, avoid, region, experience, routine)
    _session(constraints, region, kind, voice, plain, speed, db, resume)


@app.command("start")
@report_errors
def start() -> None:
    """Start today's suggested session (what `make run` does)."""
    from spinecoach.planning import Constraints

    _session(Constraints(), None, None, True, False, 1.0, None, None)


app.command("pain")(report_errors(pain))
app.command("history")(report_errors(history))
app.command("figure")(report_errors(figure))
app.command("gallery")(report_errors(gallery))
app.command("check-pose")(report_errors(check_pose))
app.command("serve")(report_errors(serve))
