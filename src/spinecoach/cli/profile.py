"""The `profile` command, and the optional name question on a first terminal session."""

import json
from typing import TYPE_CHECKING, Annotated

import typer

from spinecoach.cli.options import DbOption, JsonOption

if TYPE_CHECKING:
    from datetime import datetime

    from spinecoach.cli.prompts import Prompter
    from spinecoach.records import PersonRecord
    from spinecoach.store.repository import Repository

NameOption = Annotated[
    str | None,
    typer.Option("--name", help="The name shown on your reports and exports, e.g. 'Maria Lopez'."),
]
BirthYearOption = Annotated[
    int | None,
    typer.Option("--birth-year", metavar="YEAR", help="Your year of birth, e.g. 1961 (optional)."),
]
ForgetYearOption = Annotated[
    bool,
    typer.Option("--forget-birth-year", help="Remove your year of birth; your name stays."),
]


def profile(
    name: NameOption = None,
    birth_year: BirthYearOption = None,
    forget_birth_year: ForgetYearOption = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show or change your name and year of birth, as reports and exports show them."""
    from spinecoach.cli.storage import open_records
    from spinecoach.clock import SystemClock
    from spinecoach.coaching.profile import (
        Profile,
        profile_json,
        profile_of,
        profile_sentence,
        save_profile,
    )
    from spinecoach.errors import InvalidInputError
    from spinecoach.store import validation as check

    now = SystemClock().now()
    if forget_birth_year and birth_year is not None:
        raise InvalidInputError("give --birth-year or --forget-birth-year, not both")
    # Checked before the database opens, and named by the option the person typed.
    checked_name = None if name is None else check.person_name("--name", name)
    checked_year = None if birth_year is None else check.birth_year("--birth-year", birth_year, now)
    repository, person = open_records(db, now)
    if checked_name is not None or checked_year is not None or forget_birth_year:
        kept = profile_of(person)
        changed = Profile(
            name=checked_name if checked_name is not None else kept.name,
            birth_year=None
            if forget_birth_year
            else (checked_year if checked_year is not None else kept.birth_year),
        )
        person = save_profile(repository, person, changed, now)
        if not as_json:
            typer.echo(f"Saved. {profile_sentence(person)}")
            return
    if as_json:
        typer.echo(json.dumps(profile_json(person), indent=2, ensure_ascii=False))
        return
    typer.echo(profile_sentence(person))
    if not person.name:
        typer.echo('Give one with: spinecoach profile --name "Your Name" [--birth-year 1961]')


def ask_profile_once(
    repository: "Repository", person: "PersonRecord", now: "datetime", prompter: "Prompter"
) -> "PersonRecord":
    """Ask a name and year of birth once, on a first session; Enter skips, never asked again."""
    from spinecoach.coaching.profile import Profile, save_profile, should_ask_profile, skip_profile
    from spinecoach.errors import InvalidInputError
    from spinecoach.store import validation as check

    # Only on a first run: someone with sessions already meets the resume offer first, and
    # can give a name with `spinecoach profile` whenever they like.
    if not should_ask_profile(person) or repository.sessions(person.id):
        return person
    typer.echo("Your name is shown on your reports and exports. You can change it later.")
    while True:
        name = prompter.text("Your name (Enter to skip)").strip()
        if not name:
            return skip_profile(repository, person, now)
        try:
            name = check.person_name("name", name)
            break
        except InvalidInputError as error:
            typer.echo(error.user_message, err=True)
    while True:
        answer = prompter.text("Your year of birth, e.g. 1961 (Enter to skip)").strip()
        if not answer:
            return save_profile(repository, person, Profile(name=name), now)
        if not (answer.isascii() and answer.isdigit()):
            typer.echo("Please give the year in digits, e.g. 1961.", err=True)
            continue
        try:
            checked = check.birth_year("year of birth", int(answer), now)
        except InvalidInputError as error:
            typer.echo(error.user_message, err=True)
            continue
        return save_profile(repository, person, Profile(name=name, birth_year=checked), now)
