"""Questions asked around a session, interactively or one line each from standard input."""

import functools
import sys
from collections.abc import Callable
from typing import IO, ParamSpec, Protocol, TypeVar

import typer

from spinecoach.cli.wrapping import fit
from spinecoach.errors import InvalidInputError, SpinecoachError
from spinecoach.safety.pain import pain_score

# What follows a question on its line: Click's ": " or " [Y/n]: ", then the typed answer.
PROMPT_END = len(": 10")
YES_NO_END = len(" [Y/n]: y")

P = ParamSpec("P")
R = TypeVar("R")


class EndOfInput(SpinecoachError):
    """Standard input ended while a question was waiting for its answer."""


class Prompter(Protocol):
    """Asks the person something and returns a checked answer."""

    def pain(self, question: str) -> int:
        """Return a pain score 0-10."""
        ...

    def text(self, question: str) -> str:
        """Return free text, possibly empty."""
        ...

    def confirm(self, question: str) -> bool:
        """Return yes or no."""
        ...


def interruptible(ask: Callable[P, R]) -> Callable[P, R]:
    """Turn Click's Abort from Ctrl+C at a prompt back into KeyboardInterrupt.

    Click would print "Aborted!" and exit 1; the session flow needs to tell an interrupted
    question from a failed one, so it can keep the session in progress for resuming.
    """

    @functools.wraps(ask)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return ask(*args, **kwargs)
        except typer.Abort as error:
            if isinstance(error.__context__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            raise  # end of input: the entry point's one-line error

    return wrapper


class InteractivePrompter:
    """Asks in the terminal and asks again until the answer is valid."""

    @interruptible
    def pain(self, question: str) -> int:
        """Ask for 0-10 until a valid whole number is given."""
        while True:
            asked = fit(f"{question} (0 = none, 10 = worst imaginable)", room_after=PROMPT_END)
            answer = typer.prompt(asked)
            try:
                return pain_score(_whole_number(answer))
            except InvalidInputError as error:
                typer.echo(error.user_message, err=True)

    @interruptible
    def text(self, question: str) -> str:
        """Ask for optional text."""
        answer: str = typer.prompt(
            fit(question, room_after=PROMPT_END), default="", show_default=False
        )
        return answer.strip()

    @interruptible
    def confirm(self, question: str) -> bool:
        """Ask yes or no."""
        return typer.confirm(fit(question, room_after=YES_NO_END), default=True)


class PlainPrompter:
    """Reads one line per question from a stream; a bad or missing answer is an error."""

    def __init__(self, stream: IO[str] = sys.stdin) -> None:
        self._stream = stream

    def _line(self, question: str) -> str:
        typer.echo(f"{question}: ", nl=False)
        line = self._stream.readline()
        if not line:
            typer.echo("")
            raise EndOfInput(f"input ended while waiting for: {question}")
        return line.strip()

    def pain(self, question: str) -> int:
        """Read a pain score 0-10."""
        return pain_score(_whole_number(self._line(f"{question} (0-10)")))

    def text(self, question: str) -> str:
        """Read a line of text, possibly empty."""
        return self._line(question)

    def confirm(self, question: str) -> bool:
        """Plain mode never asks yes/no: scripts choose with options instead."""
        raise InvalidInputError(f"plain mode cannot ask: {question}")


def _whole_number(answer: str) -> object:
    try:
        return int(answer.strip())
    except ValueError:
        return answer.strip()
