"""The `export`, `import` and `remind` commands: open formats in and out of the records."""

import json
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from spinecoach.cli.options import DbOption, JsonOption, MinutesOption
from spinecoach.errors import InvalidInputError
from spinecoach.private_files import write_private

if TYPE_CHECKING:
    from spinecoach.records import JsonValue


class ExportFormat(StrEnum):
    """What `export` writes."""

    JSON = "json"
    CSV = "csv"
    FHIR = "fhir"


class ImportFormat(StrEnum):
    """What `import` reads."""

    JSON = "json"
    FHIR = "fhir"


OutputOption = Annotated[
    Path, typer.Option("--output", "-o", help="File to write (a folder for csv).")
]
CalendarOption = Annotated[Path, typer.Option("--output", "-o", help="Calendar file to write.")]
RoutineOption = Annotated[
    str | None,
    typer.Option("--routine", help="A built-in routine; default: the one you did last."),
]


def _write_atomically(path: Path, data: bytes) -> None:
    """Write the file whole or not at all, for its owner's eyes only (health records)."""
    try:
        write_private(path, data)
    except OSError as error:
        raise InvalidInputError(f"{path}: cannot write it: {error.strerror}") from None


def _bundle(db: str | None, routine_id: str | None, now: datetime) -> bytes:
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.coaching.access import open_records
    from spinecoach.coaching.exchange import fhir_bundle

    bundle = fhir_bundle(open_records(db, now), default_catalog(), now, routine_id)
    return json.dumps(bundle, indent=2, ensure_ascii=False).encode()


def export(
    output: OutputOption,
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="json: full backup; csv: one file per table; "
            "fhir: FHIR R4 Bundle for health records.",
        ),
    ] = ExportFormat.JSON,
    routine: RoutineOption = None,
    db: DbOption = None,
) -> None:
    """Write your records as a backup (json), spreadsheet files (csv) or a FHIR R4 Bundle."""
    from spinecoach.clock import SystemClock

    if routine is not None and export_format is not ExportFormat.FHIR:
        raise InvalidInputError("--routine: only --format fhir holds a routine (as a CarePlan)")
    now = SystemClock().now()
    if export_format is ExportFormat.FHIR:
        _write_atomically(output, _bundle(db, routine, now))
        typer.echo(f"Wrote a FHIR R4 Bundle to {output}.")
    elif export_format is ExportFormat.CSV:
        from spinecoach.coaching.exchange import spreadsheet_files

        try:
            written = spreadsheet_files(db, output)
        except OSError as error:
            raise InvalidInputError(f"{output}: cannot write there: {error.strerror}") from None
        typer.echo(f"Wrote {len(written)} CSV files to {output}.")
    else:
        from spinecoach.coaching.exchange import backup

        document = backup(db, now)
        _write_atomically(output, json.dumps(document, ensure_ascii=False).encode())
        typer.echo(f"Wrote a backup of every table to {output}.")


def import_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A backup or a FHIR file.")],
    import_format: Annotated[
        ImportFormat,
        typer.Option(
            "--format", help="json: restore a backup; fhir: read a CarePlan back as a routine."
        ),
    ] = ImportFormat.JSON,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Restore a backup (adding only what is missing) or read a FHIR CarePlan as a routine."""
    from spinecoach.json_input import read_json_file

    # The shared reader returns object; what json.loads builds is always a JSON value.
    document = cast("JsonValue", read_json_file(file))
    if import_format is ImportFormat.FHIR:
        _show_fhir_routine(document, str(file), as_json)
        return
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.coaching.exchange import restore, restored_sentence

    summary = restore(db, document, str(file), default_catalog())
    if as_json:
        typer.echo(json.dumps({"inserted": summary.inserted, "skipped": summary.skipped}))
        return
    typer.echo(restored_sentence(summary))


def _show_fhir_routine(document: "JsonValue", source: str, as_json: bool) -> None:
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.coaching.exchange import routine_in_fhir

    routine, seconds = routine_in_fhir(document, default_catalog(), source)
    if as_json:
        typer.echo(json.dumps({**routine.to_dict(), "total_seconds": seconds}, indent=2))
        return
    from spinecoach.cli.render import console, routine_table

    console().print(routine_table(routine, seconds))


def remind(
    output: CalendarOption,
    days: Annotated[str, typer.Option("--days", help="Weekdays, e.g. mon,wed,fri.")],
    at: Annotated[str, typer.Option("--time", help="Time of day, 24-hour HH:MM.")],
    minutes: MinutesOption = None,
    routine: RoutineOption = None,
    db: DbOption = None,
) -> None:
    """Write a calendar file (.ics) that reminds you to stretch every week on those days."""
    from spinecoach.catalog.loader import default_catalog
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.access import open_records
    from spinecoach.coaching.choice_words import planned_from_line
    from spinecoach.coaching.exchange import reminder
    from spinecoach.reports.ical import parse_days, parse_time

    chosen_days, time_of_day = parse_days(days), parse_time(at)
    now = SystemClock().now()
    records = open_records(db, now)
    made = reminder(records, default_catalog(), now, chosen_days, time_of_day, routine, minutes)
    _write_atomically(output, made.calendar)
    typer.echo(f"Wrote a weekly reminder ({', '.join(chosen_days)} at {at}) to {output}.")
    typer.echo(planned_from_line(made.routine, made.plan.choices, made.plan.remembered))
