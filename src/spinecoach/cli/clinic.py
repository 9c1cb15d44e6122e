"""`spinecoach clinic create` and `clinic add-clinician`: set up a clinic's staff accounts."""

import json
import sys
from typing import Annotated

import typer

from spinecoach.cli.app import report_errors
from spinecoach.cli.options import DbOption, JsonOption
from spinecoach.errors import InvalidInputError, SpinecoachError

clinic_app = typer.Typer(
    help="Set up a clinic: its administrator and clinicians.",
    rich_markup_mode=None,
    no_args_is_help=True,
)

PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from the first line of standard input (required: a password "
        "typed as an option would stay in the shell's history).",
    ),
]
EmailHelp = "The e-mail address they sign in with, e.g. amira@backcare.example."


def _password(from_stdin: bool) -> str:
    """Return the first line of standard input, without its line ending."""
    if not from_stdin:
        raise InvalidInputError("give --password-stdin and the password on standard input")
    line = sys.stdin.readline(1024 + 1)
    return line.rstrip("\r\n")


def _worded(error: SpinecoachError, flags: dict[str, str]) -> SpinecoachError:
    """Return the error with the field it names worded as the option the person typed."""
    for field, flag in flags.items():
        if error.user_message.startswith(f"{field}:"):
            error.user_message = flag + error.user_message[len(field) :]
            break
    return error


@clinic_app.command("create", short_help="Make a clinic and its administrator.")
@report_errors
def create(
    name: Annotated[
        str, typer.Option("--name", help="The clinic's name, e.g. 'Back Care Clinic'.")
    ],
    admin_email: Annotated[str, typer.Option("--admin-email", metavar="ADDRESS", help=EmailHelp)],
    password_stdin: PasswordStdin = False,
    admin_name: Annotated[
        str | None,
        typer.Option("--admin-name", help="The administrator's name (default: their address)."),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Make a clinic and its administrator, who then adds clinicians and signs in to serve."""
    from spinecoach.clinic.accounts import create_clinic, staff_json
    from spinecoach.clock import SystemClock
    from spinecoach.store.clinics import ClinicDirectory
    from spinecoach.store.database import open_database
    from spinecoach.store.settings import resolve_settings

    password = _password(password_stdin)
    engine = open_database(resolve_settings(db).database_url)
    flags = {
        "admin_email": "--admin-email",
        "admin_name": "--admin-name",
        "name": "--name",
    }
    try:
        clinic, admin = create_clinic(
            ClinicDirectory(engine), name, admin_email, admin_name, password, SystemClock().now()
        )
    except SpinecoachError as error:
        raise _worded(error, flags) from None
    finally:
        engine.dispose()
    if as_json:
        answer = {"clinic": {"id": clinic.id, "name": clinic.name}, "admin": staff_json(admin)}
        typer.echo(json.dumps(answer))
        return
    typer.echo(f"Made {clinic.name} (clinic {clinic.id}).")
    typer.echo(f"Its administrator, {admin.name}, signs in as {admin.email}.")
    typer.echo(
        f"Next: add clinicians with `spinecoach clinic add-clinician --clinic {clinic.id} ...`, "
        "then start it with `spinecoach serve --clinic`."
    )


@clinic_app.command("add-clinician", short_help="Add a clinician to a clinic.")
@report_errors
def add_clinician(
    clinic: Annotated[int, typer.Option("--clinic", metavar="ID", help="The clinic's number.")],
    email: Annotated[str, typer.Option("--email", metavar="ADDRESS", help=EmailHelp)],
    name: Annotated[str, typer.Option("--name", help="Their name, e.g. 'Tom Okafor'.")],
    password_stdin: PasswordStdin = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Add a clinician, who then signs in and sees every patient of the clinic."""
    from spinecoach.clinic.accounts import add_staff, staff_json
    from spinecoach.clinic_records import StaffRole
    from spinecoach.clock import SystemClock
    from spinecoach.store.clinics import ClinicDirectory
    from spinecoach.store.database import open_database
    from spinecoach.store.settings import resolve_settings

    password = _password(password_stdin)
    engine = open_database(resolve_settings(db).database_url)
    flags = {"email": "--email", "name": "--name"}
    try:
        added = add_staff(
            ClinicDirectory(engine),
            clinic,
            email,
            name,
            password,
            StaffRole.CLINICIAN,
            SystemClock().now(),
        )
    except SpinecoachError as error:
        raise _worded(error, flags) from None
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps(staff_json(added)))
        return
    typer.echo(f"Added {added.name} to clinic {added.clinic_id}; they sign in as {added.email}.")
