"""`spinecoach profile`: a name and year of birth set, read back, refused when bad, and kept."""

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run, rows


def test_a_name_and_birth_year_are_set_and_read_back_as_json(spinecoach: Run) -> None:
    saved = spinecoach("profile", "--name", "Maria Lopez", "--birth-year", "1961")

    shown = spinecoach("profile", "--json")

    assert saved.returncode == 0, saved.stderr
    assert "Maria Lopez" in saved.stdout
    assert json.loads(shown.stdout) == {"name": "Maria Lopez", "birth_year": 1961}


def test_the_profile_is_said_in_words_and_one_option_keeps_the_other(spinecoach: Run) -> None:
    before = spinecoach("profile")
    spinecoach("profile", "--name", "Maria Lopez", "--birth-year", "1961")
    spinecoach("profile", "--name", "Maria López García")

    after = spinecoach("profile")

    assert before.returncode == 0
    assert before.stdout.startswith("No name given.")
    assert after.stdout.strip() == "Name: Maria López García. Year of birth: 1961."


def test_the_year_of_birth_alone_can_be_forgotten(spinecoach: Run, db_file: Path) -> None:
    spinecoach("profile", "--name", "Maria Lopez", "--birth-year", "1961")

    forgotten = spinecoach("profile", "--forget-birth-year")

    assert forgotten.returncode == 0, forgotten.stderr
    assert forgotten.stdout.strip() == "Saved. Name: Maria Lopez."
    assert rows(db_file, "select name, birth_year from people") == [("Maria Lopez", None)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--name", ""), "--name: must not be empty"),
        (("--name", "x" * 201), "--name: 201 characters is longer than 200"),
        (("--name", "Maria\x1bLopez"), "--name: holds a control character (U+001B)"),
        (("--birth-year", "3000"), "--birth-year: 3000 is not a year of birth"),
        (("--birth-year", "1850"), "--birth-year: 1850 is not a year of birth"),
        (("--birth-year", "sixty"), "'--birth-year'"),
        (
            ("--birth-year", "1961", "--forget-birth-year"),
            "give --birth-year or --forget-birth-year, not both",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    spinecoach: Run, db_file: Path, args: tuple[str, ...], message: str
) -> None:
    spinecoach("profile", "--name", "Maria Lopez")

    result = spinecoach("profile", *args)

    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert rows(db_file, "select name, birth_year from people") == [("Maria Lopez", None)]


@pytest.mark.usefixtures("screened")
def test_a_renamed_person_still_sees_their_sessions(spinecoach: Run) -> None:
    played = spinecoach(
        "session", "desk-break", "--plain", "--no-voice", "--speed", "50", stdin="3\n2\n\n"
    )
    spinecoach("profile", "--name", "Maria Lopez")
    spinecoach("profile", "--name", "Maria Lopez García", "--birth-year", "1961")

    history = spinecoach("history", "--json")

    assert played.returncode == 0, played.stderr
    assert [s["routine_id"] for s in json.loads(history.stdout)["sessions"]] == ["desk-break"]


def test_a_backup_restores_into_a_first_use_database_with_its_name_and_records(
    spinecoach: Run, tmp_path: Path
) -> None:
    spinecoach("profile", "--name", "Maria Lopez", "--birth-year", "1961")
    assert spinecoach("pain", "4", "--note", "after gardening").returncode == 0
    backup = tmp_path / "backup.json"
    assert spinecoach("export", "--format", "json", "-o", str(backup)).returncode == 0
    new = str(tmp_path / "new-computer.db")
    assert spinecoach("profile", "--db", new).returncode == 0  # the first use makes a profile

    restored = spinecoach("import", str(backup), "--db", new)

    assert restored.returncode == 0, restored.stderr
    assert "took the place of the empty profile" in restored.stdout
    shown = json.loads(spinecoach("profile", "--json", "--db", new).stdout)
    assert shown == {"name": "Maria Lopez", "birth_year": 1961}
    diary = json.loads(spinecoach("history", "--json", "--db", new).stdout)
    assert [entry["score"] for entry in diary["diary"]] == [4]


def test_a_database_with_records_of_its_own_still_refuses_another_persons_backup(
    spinecoach: Run, tmp_path: Path
) -> None:
    spinecoach("profile", "--name", "Maria Lopez")
    backup = tmp_path / "backup.json"
    spinecoach("pain", "4")
    spinecoach("export", "--format", "json", "-o", str(backup))
    new = str(tmp_path / "in-use.db")
    spinecoach("pain", "2", "--db", new)

    refused = spinecoach("import", str(backup), "--db", new)

    assert refused.returncode == 2
    assert "the person with id 1 is not the same as the one already" in refused.stderr
    assert json.loads(spinecoach("profile", "--json", "--db", new).stdout)["name"] is None
