"""The `history` command: past sessions and pain diary entries, in time order, with names."""

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from spinecoach.cli.options import DbOption, JsonOption

if TYPE_CHECKING:
    from spinecoach.records import PainEntryRecord
    from spinecoach.reports.history import SessionSummary

INDENT = " " * 18  # lines under an entry start below its text, after the date


def history(
    since: Annotated[
        datetime | None,
        typer.Option(
            "--since",
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help="Only sessions and diary entries from this day on.",
        ),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show past sessions and pain diary entries, the streak and this week's count."""
    from datetime import UTC

    from spinecoach.catalog.loader import default_catalog
    from spinecoach.cli.storage import open_records
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.diary import history_overview
    from spinecoach.words import plural

    now = SystemClock().now()
    repository, person = open_records(db, now)
    overview = history_overview(
        repository, person, now, since.replace(tzinfo=UTC) if since else None
    )
    summaries, diary = overview.sessions, overview.diary
    streak, week = overview.streak_days, overview.sessions_this_week
    if as_json:
        typer.echo(json.dumps(overview.to_dict(), indent=2, ensure_ascii=False))
        return
    if not summaries and not diary:
        typer.echo(
            "No sessions or pain diary entries yet. Start a session with `spinecoach session`."
        )
        return
    names = {exercise.id: exercise.name for exercise in default_catalog().exercises.values()}
    dated: list[tuple[datetime, list[str]]] = [
        (summary.session.started_at, session_lines(summary, names)) for summary in summaries
    ]
    dated += [(entry.recorded_at, [diary_line(entry)]) for entry in diary]
    for when, lines in sorted(dated, key=lambda pair: pair[0]):
        typer.echo(f"{when.astimezone():%a %d %b %H:%M}  {lines[0]}")
        for line in lines[1:]:
            typer.echo(f"{INDENT}{line}")
    typer.echo(f"\nStreak: {plural(streak, 'day')} in a row. Sessions this week: {week}.")


def session_lines(summary: "SessionSummary", names: dict[str, str]) -> list[str]:
    """Return a session as a person reads it: routine, how it ended, pain, what was done."""
    from spinecoach.records import SessionStatus
    from spinecoach.reports.history import OUTCOME_WORDS

    def named(ids: tuple[str, ...]) -> str:
        return ", ".join(names.get(exercise, exercise) for exercise in ids)

    before, after = summary.pain_before, summary.pain_after
    pain = f"pain {'-' if before is None else before} -> {'-' if after is None else after}"
    lines = [f"{summary.routine_name} · {OUTCOME_WORDS[summary.outcome]} · {pain}"]
    if summary.session.demo:  # played faster: shown, and never counted
        lines[0] += f" · demo x{summary.session.speed:g}, not counted"
    elif not summary.counts and summary.session.status is not SessionStatus.IN_PROGRESS:
        lines[0] += " · not counted: no stretch done"
    details = [f"done: {named(summary.done) or 'nothing'}"]
    if summary.skipped:
        details.append(f"skipped: {named(summary.skipped)}")
    if summary.not_reached:
        details.append(f"not reached: {named(summary.not_reached)}")
    if summary.pain_worse_during:
        details.append(f"pain got worse during {named((summary.pain_worse_during,))}")
    lines.append("; ".join(details))
    return lines


def diary_line(entry: "PainEntryRecord") -> str:
    """Return one pain diary entry: score, where, what kind, and the note."""
    from spinecoach.catalog.vocabulary import region_word

    parts = [f"pain diary: {entry.score}/10"]
    if entry.region is not None:
        parts.append(region_word(entry.region))
    if entry.kind is not None:
        parts.append(entry.kind.value)
    text = ", ".join(parts)
    return f"{text} · “{entry.note}”" if entry.note else text
