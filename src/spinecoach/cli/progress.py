"""The `trends`, `chart`, `report` and `handout` commands: progress a person and doctor can see."""

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spinecoach.cli.options import DbOption, JsonOption
from spinecoach.errors import InvalidInputError
from spinecoach.private_files import write_private
from spinecoach.words import plural

if TYPE_CHECKING:
    from spinecoach.coaching.progress import Progress

SinceOption = Annotated[
    datetime | None,
    typer.Option("--since", formats=["%Y-%m-%d"], help="Only records from this day on."),
]
OutputOption = Annotated[Path, typer.Option("-o", "--output", help="File to write.")]


def _open(db: str | None, since: datetime | None) -> "Progress":
    """Return the person's progress from since (a local day) to now, in local time."""
    from spinecoach.cli.storage import open_records
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.progress import load_progress

    # Local time: weeks, days and streaks follow the person's calendar, not UTC's.
    now = SystemClock().now().astimezone()
    start = since.astimezone() if since else None
    repository, person = open_records(db, now)
    return load_progress(repository, person, now, start)


def _suffix(output: Path, allowed: tuple[str, ...]) -> str:
    """Return the output's extension, or refuse one we cannot write."""
    suffix = output.suffix.lower()
    if suffix not in allowed:
        raise InvalidInputError(f"-o: {output.name!r} must end in {' or '.join(allowed)}")
    return suffix


def _write(output: Path, data: bytes) -> None:
    """Write the file whole, for its owner's eyes only, or say why it could not be written."""
    try:
        write_private(output, data)
    except OSError as error:
        raise InvalidInputError(f"-o: cannot write {output}: {error.strerror}") from None


def trends(since: SinceOption = None, as_json: JsonOption = False, db: DbOption = None) -> None:
    """Show whether things are improving: the verdict, weekly pain, sessions against the plan."""
    progress = _open(db, since)
    result = progress.trends
    if as_json:
        from spinecoach.reports.trends_json import trends_to_dict

        typer.echo(json.dumps(trends_to_dict(result), indent=2))
        return
    verdict = result.verdict
    typer.echo(verdict.sentence())
    if verdict.function:
        typer.echo(verdict.function)
    typer.echo(verdict.advice)
    typer.echo(f"\n{result.adherence.sentence()}")
    if result.per_session is not None:
        typer.echo(
            f"Within a session pain changed by {result.per_session:+.1f} points on average "
            f"({plural(result.sessions_with_both, 'session')})."
        )
    stopped = result.adherence.stopped_exercises
    if stopped:
        from spinecoach.catalog.loader import default_catalog

        exercises = default_catalog().exercises
        listed = ", ".join(
            f"{exercises[exercise_id].name if exercise_id in exercises else exercise_id} "
            f"({plural(count, 'time')})"
            for exercise_id, count in stopped
        )
        typer.echo(f"Stopped because pain got worse during: {listed}.")
    if result.weeks:
        typer.echo("\nWeek of      before  diary  sessions")
        for week in result.weeks[-8:]:
            typer.echo(
                f"{week.monday:%d %b %Y}  {_mean(week.before):>6}  {_mean(week.diary):>5}  "
                f"{week.sessions:>8}"
            )


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def chart(
    kind: Annotated[str, typer.Argument(metavar="pain|calendar", help="Which chart to draw.")],
    output: OutputOption,
    since: SinceOption = None,
    db: DbOption = None,
) -> None:
    """Draw pain over time or the calendar of active days as SVG or PNG."""
    from spinecoach.reports.calendar import calendar_svg
    from spinecoach.reports.charts import pain_chart_svg

    draw = {"pain": pain_chart_svg, "calendar": calendar_svg}.get(kind)
    if draw is None:
        raise InvalidInputError(f"chart: {kind!r} is not one of pain, calendar")
    suffix = _suffix(output, (".svg", ".png"))
    progress = _open(db, since)
    svg = draw(progress.trends)
    if suffix == ".svg":
        _write(output, svg.encode())
    else:
        from spinecoach.cli.png import svg_to_png

        _write(output, svg_to_png(svg))
    typer.echo(f"Wrote {output}.")


def report(output: OutputOption, since: SinceOption = None, db: DbOption = None) -> None:
    """Write a one- or two-page PDF for your doctor: verdict, numbers, chart, routine, notes."""
    from spinecoach.coaching.progress import doctor_report

    _suffix(output, (".pdf",))
    _write(output, doctor_report(_open(db, since)))
    typer.echo(f"Wrote {output}.")


def handout(
    routine: Annotated[
        str, typer.Argument(help="A built-in routine: all-six, desk-break, morning-floor.")
    ],
    output: OutputOption,
    db: DbOption = None,
) -> None:
    """Write a printable PDF of a routine: figures, steps, breathing, your doses, safety advice."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.access import open_records
    from spinecoach.coaching.exchange import current_routine
    from spinecoach.coaching.fit_words import left_out_note
    from spinecoach.reports.handout import handout_pdf

    _suffix(output, (".pdf",))
    now = SystemClock().now().astimezone()
    # The same plan as `plan`, the reminder and the FHIR export: doses grown from the history.
    records = open_records(db, now)
    planned = current_routine(records, default_catalog(), now, routine)
    # The sheet names its person, once they have given a name.
    left_out = [left_out_note(item) for item in planned.left_out]
    _write(output, handout_pdf(planned, now, records.person.name, left_out))
    typer.echo(f"Wrote {output}.")
