"""The `spinecoach` command: parse options, call the core, print; heavy imports stay in commands."""

import json
import os
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from spinecoach.catalog.vocabulary import Experience, PainKind, SpineRegion
from spinecoach.cli.app import OneLineErrors, report_errors
from spinecoach.cli.clinic import clinic_app
from spinecoach.cli.diary import pain
from spinecoach.cli.exchange import export, import_command, remind
from spinecoach.cli.figures import check_pose, figure, gallery
from spinecoach.cli.function import function
from spinecoach.cli.history import history
from spinecoach.cli.interrupt import stop_quietly
from spinecoach.cli.options import (
    AvoidOption,
    DbOption,
    ExperienceOption,
    JsonOption,
    MinutesOption,
    PlaceOption,
    RegionOption,
    SpeedOption,
    constraints_from,
)
from spinecoach.cli.profile import profile
from spinecoach.cli.progress import chart, handout, report, trends
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
    cls=OneLineErrors,
)
exercises_app = typer.Typer(help="List the stretches or show one in full.", rich_markup_mode=None)
app.add_typer(exercises_app, name="exercises")
app.add_typer(clinic_app, name="clinic")


def _print_version(wanted: bool) -> None:
    """Print the installed version and stop, for bug reports."""
    if wanted:
        from importlib.metadata import version

        typer.echo(f"spinecoach {version('spinecoach')}")
        raise typer.Exit(0)


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version (say it when you report a problem) and stop.",
        ),
    ] = False,
) -> None:
    """A guided stretching coach for low back pain."""


app.command("screen", short_help="Answer the safety questions before you stretch.")(
    report_errors(screen)
)


def print_json(data: Any) -> None:
    """Print data as indented JSON on stdout."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@exercises_app.callback(invoke_without_command=True)
@report_errors
def exercises(context: typer.Context, as_json: JsonOption = False) -> None:
    """List the stretches: the six of the article and their chair versions."""
    if context.invoked_subcommand is not None:
        return
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.render import console, exercise_table

    catalog = default_catalog()
    if as_json:
        print_json([exercise.model_dump(mode="json") for exercise in catalog.exercises.values()])
    else:
        console().print(exercise_table(catalog))


@exercises_app.command("show", short_help="Show one stretch in full: steps, dose, cautions.")
@report_errors
def exercises_show(
    exercise_id: Annotated[
        str,
        typer.Argument(metavar="NAME", help='Exercise id or name, e.g. cat-cow or "Cat and cow".'),
    ],
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


@app.command("plan", short_help="Show the routine your next session will do.")
@report_errors
def plan_command(
    place: PlaceOption = None,
    minutes: MinutesOption = None,
    avoid: AvoidOption = None,
    region: RegionOption = None,
    experience: ExperienceOption = Experience.NEW,
    routine: Annotated[
        str | None,
        typer.Option(
            "--routine",
            metavar="ROUTINE",
            help="Start from a built-in routine: all-six, desk-break or morning-floor.",
        ),
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


@app.command("timeline", short_help="List every timed step of a routine.")
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
    """List every timed step of a routine, as a first session would do it (no history read)."""
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


@stop_quietly
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
    from spinecoach.planning import Constraints
    from spinecoach.safety.loader import default_screening

    # Both content files first, before anything is asked or printed: a broken screening file
    # must stop every session, also one whose screen is on record and would not ask it again.
    catalog = default_catalog()
    default_screening()
    if not plain and not (sys.stdin.isatty() and sys.stdout.isatty()):
        typer.echo("Not a terminal: using --plain output.", err=True)
        plain = True
    clock = SystemClock()
    repository, person = open_records(db, clock.now())
    choices = SessionChoices(
        constraints=constraints,
        details=PainDetails(
            region=region[0].value if region else None, kind=kind.value if kind else None
        ),
        speed=speed,
        plain=plain,
        resume=resume,
        # Ask where, how long and what hurts only when no option said it already.
        ask=not plain and replace(constraints, experience=Experience.NEW) == Constraints(),
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


@app.command("session", short_help="Start here: a guided stretching session.")
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
    speed: SpeedOption = 1.0,
    resume: Annotated[
        bool | None,
        typer.Option("--resume/--no-resume", help="Continue an interrupted session or not."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Start here: a guided session with a safety check, questions, voice and a summary.

    With no options it asks where you are, how long you have, what to avoid and where it
    hurts (your last answers are the defaults), shows the plan, and starts when you agree.

    Exit codes: 0 done, 2 bad input or input ended, 10 the safety screen says see a doctor
    first, 11 answer the safety screen first, 20 the safety screen says get urgent help, 130
    stopped with Ctrl+C at a question (the session is kept and offered for resuming next time).
    """
    constraints = constraints_from(place, minutes, avoid, region, experience, routine)
    _session(constraints, region, kind, voice, plain, speed, db, resume)


# `start` was the first way in; `session` is now the one way, so `start` only stays as a hidden
# alias for muscle memory and old notes.
app.command("start", hidden=True)(session_command)


# A negative score is a bad score, not an unknown option: let "-1" reach the range check.
app.command(
    "pain",
    short_help="Write down how much your back hurts now, 0 to 10.",
    context_settings={"ignore_unknown_options": True},
)(report_errors(pain))
app.command("history", short_help="Show your past sessions and pain diary.")(report_errors(history))
app.command("figure", short_help="Draw one stretch as a picture (SVG or PNG).")(
    report_errors(figure)
)
app.command("gallery", short_help="Write a web page with pictures of every stretch.")(
    report_errors(gallery)
)
app.command("check-pose", short_help="Check measured body positions against a stretch.")(
    report_errors(check_pose)
)
app.command("trends", short_help="Say whether your pain and function are improving.")(
    report_errors(trends)
)
app.command("chart", short_help="Draw your pain over time or your active days (SVG or PNG).")(
    report_errors(chart)
)
app.command("report", short_help="Write a PDF report of your progress for your doctor.")(
    report_errors(report)
)
app.command("handout", short_help="Write a printable PDF sheet of a routine.")(
    report_errors(handout)
)
app.command("profile", short_help="Show or change your name and year of birth.")(
    report_errors(profile)
)
app.command("function", short_help="Rate the activities your back makes hard (PSFS).")(
    report_errors(function)
)
app.command("export", short_help="Save your records: a backup, spreadsheet files or FHIR.")(
    report_errors(export)
)
app.command("import", short_help="Restore a backup, or read a routine from a FHIR file.")(
    report_errors(import_command)
)
app.command("remind", short_help="Write a weekly stretching reminder for your calendar.")(
    report_errors(remind)
)
app.command("serve", short_help="Run the web app: the session in your browser.")(
    report_errors(serve)
)
