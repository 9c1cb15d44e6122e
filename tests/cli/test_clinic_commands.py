"""`spinecoach clinic create` and `add-clinician`: staff accounts, each mistake in one line."""

import json
from pathlib import Path

from sqlalchemy import Engine

from spinecoach.clinic.sign_in import sign_in
from spinecoach.store.clinics import ClinicDirectory
from spinecoach.store.database import open_database
from tests.cli.conftest import Run
from tests.store.conftest import T0

PASSWORD = "correct horse battery staple\n"


def _directory(db_file: Path) -> tuple[Engine, ClinicDirectory]:
    engine = open_database(f"sqlite:///{db_file}")
    return engine, ClinicDirectory(engine)


def test_a_clinic_and_its_clinician_can_sign_in(spinecoach: Run, db_file: Path) -> None:
    made = spinecoach(
        "clinic", "create", "--name", "Back Care Clinic", "--admin-email", "Amira@BackCare.example",
        "--admin-name", "Amira Haddad", "--password-stdin", "--json", stdin=PASSWORD,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    clinic = json.loads(made.stdout)["clinic"]
    added = spinecoach(
        "clinic", "add-clinician", "--clinic", str(clinic["id"]), "--email", "tom@backcare.example",
        "--name", "Tom Okafor", "--password-stdin", stdin=PASSWORD,
    )  # fmt: skip

    assert added.returncode == 0, added.stderr
    assert added.stdout == (
        f"Added Tom Okafor to clinic {clinic['id']}; they sign in as tom@backcare.example.\n"
    )
    engine, directory = _directory(db_file)
    try:
        amira = sign_in(directory, "amira@backcare.example", PASSWORD.strip(), "test", T0).staff
        tom = sign_in(directory, "tom@backcare.example", PASSWORD.strip(), "test", T0).staff
    finally:
        engine.dispose()
    assert (amira.name, amira.role.value, amira.clinic_id) == (
        "Amira Haddad",
        "admin",
        clinic["id"],
    )
    assert (tom.name, tom.role.value) == ("Tom Okafor", "clinician")


def test_each_mistake_is_one_line_naming_the_option(spinecoach: Run) -> None:
    made = spinecoach(
        "clinic", "create", "--name", "Back Care Clinic", "--admin-email", "amira@backcare.example",
        "--password-stdin", stdin=PASSWORD,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Its administrator, amira, signs in as amira@backcare.example." in made.stdout

    def add(*args: str, stdin: str = PASSWORD) -> tuple[int, str]:
        done = spinecoach("clinic", "add-clinician", *args, stdin=stdin)
        return done.returncode, done.stderr

    base = ("--clinic", "1", "--name", "Tom Okafor")
    assert add(*base, "--email", "tom@x", "--password-stdin") == (
        2,
        "spinecoach: --email: 'tom@x' is not an e-mail address\n",
    )
    assert add("--clinic", "7", "--name", "Tom", "--email", "t@b.example", "--password-stdin") == (
        2,
        "spinecoach: clinic 7 does not exist\n",
    )
    code, line = add(*base, "--email", "tom@backcare.example", "--password-stdin", stdin="short\n")
    assert (code, line.count("\n")) == (2, 1)
    assert "password: use at least 12 characters" in line
    assert add(*base, "--email", "tom@backcare.example") == (
        2,
        "spinecoach: give --password-stdin and the password on standard input\n",
    )
    assert add(*base, "--email", "AMIRA@backcare.example", "--password-stdin") == (
        2,
        "spinecoach: --email: amira@backcare.example already belongs to a staff member\n",
    )


def test_a_clinic_is_not_served_to_the_home_network_with_a_shared_token(spinecoach: Run) -> None:
    done = spinecoach("serve", "--clinic", "--lan")

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "--clinic: a clinic serves its patients through its own HTTPS address" in done.stderr
