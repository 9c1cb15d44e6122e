"""The `pain` and `history` commands: diary entries outside sessions and the session log."""

import json
from datetime import datetime
from typing import Annotated

import typer

from spinecoach.catalog.vocabulary import PainKind, SpineRegion
from spinecoach.cli.options import DbOption, JsonOption, WholeNumber

KindOption = Annotated[
    PainKind | None, typer.Option("--kind", help="How it feels: dull, sharp, burning, radiating.")
]


def pain(
    score: Annotated[
        int, typer.Argument(click_type=WholeNumber(0, 10), help="Pain now: 0 none, 10 worst.")
    ],
    region: Annotated[
        SpineRegion | None, typer.Option("--region", help="Where it hurts most.")
    ] = None,
    kind: KindOption = None,
    note: Annotated[str | None, typer.Option("--note", help="Anything worth remembering.")] = None,
    db: DbOption = None,
) -> None:
    """Add a pain diary entry (0-10) outside a session."""
    from spinecoach.cli.storage import open_records
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.diary import record_diary_entry

    now = SystemClock().now()
    repository, person = open_records(db, now)
    record_diary_entry(
        repository,
        person,
        score,
        now,
        region=region.value if region else None,
        kind=kind.value if kind else None,
        note=note,
    )
    typer.echo(f"Recorded pain {score}/10 at {now.astimezone():%d %b %H:%M}.")


def history(
    since: Annotated[
        datetime | None,
        typer.Option("--since", formats=["%Y-%m-%d"], help="Only sessions from this day on."),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show past sessions with pain before and after, the streak and this week's count."""
    from datetime import UTC

    from spinecoach.cli.storage import open_records
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.diary import history_overview

    now = SystemClock().now()
    repository, person = open_records(db, now)
    overview = history_overview(
        repository, person, now, since.replace(tzinfo=UTC) if since else None
    )
    summaries, streak, week = overview.sessions, overview.streak_days, overview.sessions_this_week
    if as_json:
        data = {
            "sessions": [summary.to_dict() for summary in summaries],
            "streak_days": streak,
            "sessions_this_week": week,
        }
        typer.echo(json.dumps(data, indent=2))
        return
    if not summaries:
        typer.echo("No sessions yet. Start one with `spinecoach session`.")
    for summary in summaries:
        session = summary.session
        when = session.started_at.astimezone()
        pain_text = _pain_text(summary.pain_before, summary.pain_after)
        typer.echo(
            f"{when:%a %d %b %H:%M}  {session.routine_id:<14} {session.status.value:<13} "
            f"{len(summary.done)} done, {len(summary.skipped)} skipped  {pain_text}"
            + (f"  demo x{session.speed:g}" if session.demo else "")
        )
    typer.echo(f"\nStreak: {streak} day(s) in a row. Sessions this week: {week}.")


def _pain_text(before: int | None, after: int | None) -> str:
    return f"pain {'-' if before is None else before} -> {'-' if after is None else after}"
