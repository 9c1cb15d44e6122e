"""Health records on disk are the owner's alone, and what a spreadsheet opens cannot run.

Run with the usual umask (022), under which a plain file is created readable by everyone.
"""

import csv
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import SPINECOACH, Run
from tests.cli.test_progress_cli import fill


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """Give this process and the commands it starts the umask most systems use."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_and_a_new_database_are_the_owners_alone(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SPINECOACH_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")

    done = subprocess.run(
        [SPINECOACH, "pain", "3"], env=env, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0, done.stderr
    folder = tmp_path / "data" / "spinecoach"
    (database,) = folder.glob("*.db")
    assert mode(folder) == 0o700
    assert mode(database) == 0o600
    assert {mode(path) for path in folder.iterdir()} == {0o600}  # its journal files too


def test_a_database_named_with_db_is_created_for_its_owner_only(
    spinecoach: Run, tmp_path: Path
) -> None:
    database = tmp_path / "elsewhere.db"

    assert spinecoach("pain", "2", "--db", str(database)).returncode == 0

    assert mode(database) == 0o600


def test_report_chart_and_handout_files_are_the_owners_alone(
    spinecoach: Run, db_file: Path, tmp_path: Path
) -> None:
    fill(db_file)
    commands = {
        "report.pdf": ["report"],
        "pain.svg": ["chart", "pain"],
        "calendar.png": ["chart", "calendar"],
        "handout.pdf": ["handout", "desk-break"],
    }
    made = [tmp_path / name for name in commands]

    for path, command in zip(made, commands.values(), strict=True):
        done = spinecoach(*command, "-o", str(path))
        assert done.returncode == 0, done.stderr

    assert {path.name: mode(path) for path in made} == {path.name: 0o600 for path in made}


def test_a_csv_cell_a_spreadsheet_would_run_is_shown_as_text_and_times_read_as_dates(
    spinecoach: Run, tmp_path: Path
) -> None:
    notes = ['=HYPERLINK("http://example.com","click")', "+1 day", "-2", "@SUM(A1)", "fine"]
    for note in notes:
        assert spinecoach("pain", "4", "--note", note).returncode == 0
    folder = tmp_path / "sheets"

    assert spinecoach("export", "--format", "csv", "-o", str(folder)).returncode == 0

    assert mode(folder) == 0o700
    with (folder / "pain_entries.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [row["note"] for row in table] == [f"'{note}" for note in notes[:4]] + ["fine"]
    # "2026-12-07 13:40:05": what Excel and LibreOffice take for a date and a time.
    recorded = table[0]["recorded_at"]
    assert len(recorded) == 19 and recorded[10] == " " and recorded[4] == "-", recorded


# A NUL cannot travel in a command's arguments at all; the API test sends one.
@pytest.mark.parametrize("control", ["\x1b", "\x7f", "\r"])
def test_a_note_with_a_control_character_is_refused_in_one_line(
    spinecoach: Run, control: str
) -> None:
    done = spinecoach("pain", "4", "--note", f"sore{control}today")

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "control character" in done.stderr
    assert spinecoach("history", "--json").stdout.count('"score"') == 0


def test_a_note_keeps_its_line_breaks_and_tabs(spinecoach: Run) -> None:
    done = spinecoach("pain", "4", "--note", "left side\tworse\r\nafter sitting")

    assert done.returncode == 0, done.stderr
    assert "left side\\tworse\\r\\nafter sitting" in spinecoach("history", "--json").stdout
