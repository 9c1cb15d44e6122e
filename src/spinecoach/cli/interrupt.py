"""Ctrl+C during a session: one calm line saying nothing is lost, and exit code 130."""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from spinecoach.cli.app import INTERRUPTED as EXIT_INTERRUPTED

P = ParamSpec("P")
R = TypeVar("R")

STOPPED_MESSAGE = (
    "Stopped. Everything done so far is saved; an unfinished session is offered for resuming "
    "next time."
)


def _is_ctrl_c(error: BaseException) -> bool:
    """Return whether the error is Ctrl+C (Click wraps it in Abort at a prompt)."""
    if isinstance(error, KeyboardInterrupt):
        return True
    return isinstance(error, typer.Abort) and isinstance(error.__context__, KeyboardInterrupt)


def stop_quietly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn Ctrl+C during a session into one line on stderr and exit code 130."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (KeyboardInterrupt, typer.Abort) as error:
            if not _is_ctrl_c(error):
                raise  # end of input, not Ctrl+C: the entry point's one-line error, exit 2
            typer.echo(f"\n{STOPPED_MESSAGE}", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper
