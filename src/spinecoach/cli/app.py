"""The one place where domain errors become a message on stderr and exit code 2."""

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from spinecoach.errors import SpinecoachError

P = ParamSpec("P")
R = TypeVar("R")

# Exit code for any error the user can fix (bad value, unknown id, broken content file).
USAGE_ERROR = 2


def report_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print a SpinecoachError as one line on stderr and exit 2 instead of a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except SpinecoachError as error:
            print(f"spinecoach: {error.user_message}", file=sys.stderr)
            raise typer.Exit(USAGE_ERROR) from None

    return wrapper
