"""Ctrl+C at a question: one calm line and a documented exit code, never "Aborted!"."""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

P = ParamSpec("P")
R = TypeVar("R")

# 128 + SIGINT, what shells report for a program stopped with Ctrl+C.
EXIT_INTERRUPTED = 130
INTERRUPTED = (
    "Stopped. Everything done so far is saved; an unfinished session is offered for resuming "
    "next time."
)


def stop_quietly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn Ctrl+C (or Ctrl+D at a prompt) into one line on stderr and exit code 130."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (KeyboardInterrupt, typer.Abort):
            typer.echo(f"\n{INTERRUPTED}", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper
