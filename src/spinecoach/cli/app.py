"""The one place where errors become one line on stderr and an exit code a script can act on."""

import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer

# Typer 0.28 carries its own copy of Click and raises that copy's exceptions (pyproject floor).
from typer._click import exceptions as click
from typer.core import TyperGroup

from spinecoach.cli.placeholders import plain_placeholders
from spinecoach.errors import (
    EmergencyError,
    NothingFitsError,
    ScreeningNeededError,
    SeeDoctorError,
    SpinecoachError,
)

P = ParamSpec("P")
R = TypeVar("R")

# Exit code for any error the user can fix (bad value, unknown id, broken content file, input
# that ended before an answer).
USAGE_ERROR = 2
# Safety refusals have codes of their own, the same as `spinecoach screen` gives for its
# outcomes, so a script can tell "unsafe" from "mistyped" (README, "Exit codes").
SEE_DOCTOR = 10
SCREENING_NEEDED = 11
EMERGENCY = 20
INTERRUPTED = 130

# Most specific first: the first class the error is an instance of decides.
EXIT_CODES: tuple[tuple[type[SpinecoachError], int], ...] = (
    (EmergencyError, EMERGENCY),
    (SeeDoctorError, SEE_DOCTOR),
    (ScreeningNeededError, SCREENING_NEEDED),
    (SpinecoachError, USAGE_ERROR),
)


def exit_code_for(error: SpinecoachError) -> int:
    """Return the exit code of a domain error, found through its class hierarchy."""
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


def error_line(error: SpinecoachError) -> str:
    """Return the one line a domain error is printed as."""
    if isinstance(error, NothingFitsError):
        # Imported here: it loads the catalogue, which plain --help never needs.
        from spinecoach.cli.nothing_fits import nothing_fits_line

        return f"spinecoach: {nothing_fits_line(error)}"
    return f"spinecoach: {error.user_message}"


def fail(error: SpinecoachError) -> NoReturn:
    """Print the error as one line on stderr and exit with its code."""
    print(error_line(error), file=sys.stderr)
    raise typer.Exit(exit_code_for(error))


def report_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print a SpinecoachError as one line on stderr and exit with its code, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except SpinecoachError as error:
            fail(error)

    return wrapper


def _usage_line(error: click.UsageError) -> str:
    """Return Click's message as one line, prefixed with the command it belongs to."""
    where = error.ctx.command_path if error.ctx is not None else "spinecoach"
    message = " ".join(error.format_message().split())
    return f"{where}: {message[:1].lower()}{message[1:]}"


class OneLineErrors(TyperGroup):
    """The app's entry point: every usage error is one line on stderr, never a usage block."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; in standalone mode turn Click's errors into one line and a code."""
        plain_placeholders(self)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except click.NoArgsIsHelpError as error:
            error.show()  # `spinecoach` alone prints the help, as people expect
            sys.exit(error.exit_code)
        except click.UsageError as error:
            print(_usage_line(error), file=sys.stderr)
            sys.exit(USAGE_ERROR)
        except click.ClickException as error:
            print(f"spinecoach: {' '.join(error.format_message().split())}", file=sys.stderr)
            sys.exit(error.exit_code)
        except SpinecoachError as error:
            print(error_line(error), file=sys.stderr)
            sys.exit(exit_code_for(error))
        except typer.Abort as error:
            # Click turns both Ctrl+C and end of input at a prompt into Abort; tell them apart.
            if isinstance(error.__context__, KeyboardInterrupt):
                print("\nspinecoach: interrupted", file=sys.stderr)
                sys.exit(INTERRUPTED)
            print(file=sys.stdout)  # end the unanswered prompt's line
            print("spinecoach: input ended before every question was answered", file=sys.stderr)
            sys.exit(USAGE_ERROR)
        # Without standalone mode Click returns the code of a typer.Exit, or the command's value.
        sys.exit(result if isinstance(result, int) else 0)
