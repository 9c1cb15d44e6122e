"""The questions before a session: where, how long, what to avoid, where it hurts."""

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TypeVar

import typer

from spinecoach.catalog.labels import AVOID_WORDS, PAIN_KIND_WORDS, PLACE_WORDS, REGION_WORDS
from spinecoach.cli.wrapping import fit
from spinecoach.coaching.preferences import SessionPreferences
from spinecoach.words import whole_number

E = TypeVar("E", bound=StrEnum)
Ask = Callable[[str, str], str]

MINUTES_RANGE = (1, 120)


def _typer_ask(question: str, default: str) -> str:
    suffix = len(f" [{default}]: ") if default else len(": ")
    text = fit(question, room_after=suffix)
    answer: str = typer.prompt(text, default=default, show_default=bool(default))
    return answer


def _menu(title: str, words: Mapping[E, str]) -> list[E]:
    typer.echo(f"\n{title}")
    options = list(words)
    for number, member in enumerate(options, 1):
        typer.echo(f"  {number}  {words[member]}")
    return options


def _numbers(answer: str, options: Sequence[E]) -> list[E] | None:
    """Return the members picked by space- or comma-separated numbers, or None if invalid."""
    picked: list[E] = []
    for part in answer.replace(",", " ").split():
        number = whole_number(part)
        if number is None or not 1 <= number <= len(options):
            return None
        if options[number - 1] not in picked:
            picked.append(options[number - 1])
    return picked


def _numbers_of(chosen: Sequence[E] | frozenset[E], options: Sequence[E]) -> str:
    return " ".join(str(options.index(member) + 1) for member in options if member in chosen)


def choose_one(title: str, words: Mapping[E, str], default: E | None, ask: Ask) -> E:
    """Ask for one numbered option until a valid number is given."""
    options = _menu(title, words)
    while True:
        picked = _numbers(
            ask(f"Choose 1-{len(options)}", _numbers_of([default] if default else [], options)),
            options,
        )
        if picked is not None and len(picked) == 1:
            return picked[0]
        typer.echo(f"Please type one number from 1 to {len(options)}.", err=True)


def choose_some(title: str, words: Mapping[E, str], default: frozenset[E], ask: Ask) -> list[E]:
    """Ask for any number of numbered options; an empty answer picks none."""
    options = _menu(title, words)
    while True:
        answer = ask(
            "Numbers separated by spaces, or - for none", _numbers_of(default, options) or "-"
        )
        picked = [] if answer.strip() == "-" else _numbers(answer, options)
        if picked is not None:
            return picked
        typer.echo(f"Please type numbers from 1 to {len(options)}, or - for none.", err=True)


def choose_at_most_one(title: str, words: Mapping[E, str], default: E | None, ask: Ask) -> E | None:
    """Ask for one numbered option or - for none."""
    options = _menu(title, words)
    while True:
        answer = ask(
            "One number, or - for none", _numbers_of([default] if default else [], options) or "-"
        )
        picked = [] if answer.strip() == "-" else _numbers(answer, options)
        if picked is not None and len(picked) <= 1:
            return picked[0] if picked else None
        typer.echo(f"Please type one number from 1 to {len(options)}, or - for none.", err=True)


def ask_minutes(default: float | None, ask: Ask) -> float:
    """Ask how many minutes the person has until a number in range is given."""
    low, high = MINUTES_RANGE
    shown = f"{default:g}" if default else "10"
    while True:
        answer = ask(f"\nHow many minutes do you have? ({low} to {high})", shown).strip()
        try:
            minutes = float(answer)
        except ValueError:
            minutes = float("nan")
        if low <= minutes <= high:  # NaN fails both comparisons
            return minutes
        typer.echo(f"Please type a number of minutes from {low} to {high}.", err=True)


def ask_preferences(defaults: SessionPreferences, ask: Ask = _typer_ask) -> SessionPreferences:
    """Ask the four questions, offering last time's answers as the defaults."""
    place = choose_one("Where are you stretching today?", PLACE_WORDS, defaults.place, ask)
    minutes = ask_minutes(defaults.minutes, ask)
    avoid = choose_some("Anything you cannot do today?", AVOID_WORDS, defaults.avoid, ask)
    regions = choose_some("Where does it hurt?", REGION_WORDS, defaults.regions, ask)
    kind = choose_at_most_one("How does it feel?", PAIN_KIND_WORDS, defaults.kind, ask)
    return SessionPreferences(
        place=place,
        minutes=minutes,
        avoid=frozenset(avoid),
        regions=frozenset(regions),
        kind=kind,
    )
