"""The `function` command: fill in the Patient-Specific Functional Scale, or show past entries."""

import json
from typing import TYPE_CHECKING, Annotated

import typer

from spinecoach.cli.options import DbOption, JsonOption
from spinecoach.errors import InvalidInputError
from spinecoach.words import whole_number

if TYPE_CHECKING:
    from spinecoach.cli.prompts import Prompter
    from spinecoach.records import PsfsRating, PsfsRecord

RateOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rate",
        metavar="ACTIVITY=SCORE",
        help="Rate one activity 0-10 without questions; repeat for up to five.",
    ),
]


def parse_rating(text: str) -> "PsfsRating":
    """Return a rating from 'activity=score', or say what the option expects."""
    from spinecoach.records import PsfsRating

    activity, equals, score = text.rpartition("=")
    value = whole_number(score)
    if not equals or not activity.strip() or value is None:
        raise InvalidInputError(
            f"--rate: {text!r} must look like 'putting on socks=4' (a score from 0 to 10)"
        )
    if value > 10:
        raise InvalidInputError(f"--rate: {text!r}: the score must be from 0 to 10")
    return PsfsRating(activity=activity.strip(), score=value)


def ask_ratings(prompter: "Prompter", activities: tuple[str, ...]) -> list["PsfsRating"]:
    """Ask for the activities (the first time) and a 0-10 rating of each."""
    from spinecoach.records import PSFS_MAX_ACTIVITIES, PsfsRating
    from spinecoach.reports.function import PSFS_INSTRUCTIONS

    names = list(activities)
    if not names:
        typer.echo(PSFS_INSTRUCTIONS)
        while len(names) < PSFS_MAX_ACTIVITIES:
            name = prompter.text(f"Activity {len(names) + 1} (Enter when done)")
            if name:
                names.append(name)
            elif names:
                break
            else:
                typer.echo("Name at least one activity.", err=True)
    return [PsfsRating(activity=name, score=_ask_score(prompter, name)) for name in names]


def _ask_score(prompter: "Prompter", activity: str) -> int:
    """Ask how well the activity goes today until the answer is a whole number 0-10."""
    while True:
        answer = prompter.text(
            f"How well can you do '{activity}' today? (0 = not at all, 10 = as before the pain)"
        )
        score = whole_number(answer)
        if score is not None and score <= 10:
            return score
        typer.echo("Please answer with a whole number from 0 to 10.", err=True)


def _entry_dict(entry: "PsfsRecord") -> dict[str, object]:
    return {
        "taken_at": entry.taken_at.isoformat(),
        "ratings": [{"activity": r.activity, "score": r.score} for r in entry.ratings],
        "mean": round(entry.mean, 2),
    }


def function(
    rate: RateOption = None,
    show: Annotated[bool, typer.Option("--show", help="List past entries and the change.")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Rate up to five everyday activities your back makes hard (the PSFS), 0-10 each."""
    from spinecoach.cli.storage import open_records
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.function_scale import save_psfs
    from spinecoach.reports.function import activities_to_rate, function_change, psfs_due

    now = SystemClock().now()
    repository, person = open_records(db, now)
    entries = repository.psfs_entries(person.id)
    if show:
        change = function_change(entries)
        if as_json:
            data = {
                "entries": [_entry_dict(entry) for entry in entries],
                "due": psfs_due(entries, now),
                "change": None if change is None else round(change.change, 2),
            }
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        for entry in entries:
            listed = ", ".join(f"{r.activity} {r.score}" for r in entry.ratings)
            typer.echo(f"{entry.taken_at.astimezone():%d %b %Y}  mean {entry.mean:.1f}  ({listed})")
        if not entries:
            typer.echo("Not filled in yet. Run `spinecoach function` to start.")
        if change is not None:
            typer.echo(change.sentence())
        return
    if rate:
        ratings = [parse_rating(text) for text in rate]
    else:
        from spinecoach.cli.prompts import InteractivePrompter

        try:
            ratings = ask_ratings(InteractivePrompter(), activities_to_rate(entries))
        except typer.Abort:
            raise InvalidInputError(
                "input ended before the scale was filled in; nothing saved"
            ) from None
    saved = save_psfs(repository, person, ratings, now)
    typer.echo(f"Saved: average {saved.mean:.1f} out of 10 over {len(saved.ratings)} activities.")
    change = function_change([*entries, saved])
    if change is not None:
        typer.echo(change.sentence())
    typer.echo("You will be offered this again in two weeks.")
