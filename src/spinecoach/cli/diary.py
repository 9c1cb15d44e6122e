"""The `pain` command: pain diary entries outside sessions (shown by `history`)."""

from typing import Annotated

import typer

from spinecoach.catalog.vocabulary import PainKind, SpineRegion
from spinecoach.cli.options import REGION_HELP, DbOption, WholeNumber, parse_region

KindOption = Annotated[
    PainKind | None, typer.Option("--kind", help="How it feels: dull, sharp, burning, radiating.")
]


def pain(
    score: Annotated[
        int, typer.Argument(click_type=WholeNumber(0, 10), help="Pain now: 0 none, 10 worst.")
    ],
    region: Annotated[
        SpineRegion | None,
        typer.Option("--region", parser=parse_region, metavar="WHERE", help=f"{REGION_HELP}."),
    ] = None,
    kind: KindOption = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Anything worth remembering.")
    ] = None,
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
