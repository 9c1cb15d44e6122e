"""`export`, `import` and `remind` as a person types them, on real SQLite files."""

import csv
import json
import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from icalendar import Calendar

from spinecoach.catalog.loader import default_catalog
from spinecoach.catalog.vocabulary import Movement
from spinecoach.coaching.access import open_records
from spinecoach.coaching.preferences import SessionPreferences, remember
from spinecoach.store.backup import record_tables
from tests.cli.conftest import SPINECOACH, Run, answers, rows

# Every table the models define, so tables added later are checked too.
TABLES = sorted(table.name for table in record_tables())
TOM_AVOIDS = frozenset({Movement.KNEELING})


@pytest.fixture(scope="module")
def used_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database, made once, where someone screened, did the desk break and wrote a diary."""
    folder = tmp_path_factory.mktemp("used")
    db_file = folder / "records.db"
    env = {**os.environ, "SPINECOACH_DB": str(db_file)}

    def run(*args: str, stdin: str = "") -> None:
        done = subprocess.run(
            [SPINECOACH, *args],
            input=stdin,
            text=True,
            env=env,
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr

    (folder / "go.json").write_text(json.dumps(answers()))
    run("screen", "--answers", str(folder / "go.json"))
    run("session", "desk-break", "--plain", "--no-voice", "--speed", "100", stdin="4\n2\n\n")
    run("pain", "3", "--region", "lumbar", "--note", "ça va")
    run("function", "--rate", "putting on socks=4", "--rate", "sitting through a film=3")
    return db_file


@pytest.fixture
def used(used_template: Path, db_file: Path) -> None:
    """This test's own copy of the used database."""
    shutil.copyfile(used_template, db_file)


def every_row(db_file: Path) -> dict[str, list[tuple[object, ...]]]:
    return {table: rows(db_file, f"select * from {table} order by 1") for table in TABLES}


def fail_cleanly(result: object, text: str) -> None:
    """Assert the CLI error shape: exit 2 and one line on stderr that says what went wrong."""
    assert result.returncode == 2
    stderr: str = result.stderr
    assert stderr.count("\n") == 1 and stderr.startswith("spinecoach: ")
    assert text in stderr


@pytest.mark.usefixtures("used")
def test_backup_restores_into_a_new_database_row_for_row(
    spinecoach: Run, db_file: Path, tmp_path: Path
) -> None:
    backup, restored = tmp_path / "backup.json", tmp_path / "restored.db"
    assert spinecoach("export", "--format", "json", "-o", str(backup)).returncode == 0

    result = spinecoach("import", str(backup), "--db", str(restored))

    assert result.returncode == 0, result.stderr
    assert "were already there" in result.stdout
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # health records: owner only
    assert every_row(restored) == every_row(db_file)
    assert rows(restored, "select count(*) from sessions") == [(1,)]


@pytest.mark.usefixtures("used")
def test_importing_a_backup_twice_duplicates_nothing(
    spinecoach: Run, db_file: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    spinecoach("export", "-o", str(backup))
    before = every_row(db_file)

    result = spinecoach("import", str(backup), "--json")

    assert result.returncode == 0, result.stderr
    assert sum(json.loads(result.stdout)["inserted"].values()) == 0
    assert every_row(db_file) == before


def truncate(text: str) -> str:
    return text[:-40]


def new_row_scoring_eleven(text: str) -> str:
    backup = json.loads(text)
    rows = backup["tables"]["pain_entries"]["rows"]
    rows.append([999, *rows[-1][1:3], 11, *rows[-1][4:]])
    return json.dumps(backup)


@pytest.mark.usefixtures("used")
@pytest.mark.parametrize(
    ("damage", "text"),
    [(truncate, "not valid JSON"), (new_row_scoring_eleven, "break a rule of the database")],
)
def test_a_damaged_backup_is_refused_in_one_line_and_changes_nothing(
    spinecoach: Run, db_file: Path, tmp_path: Path, damage: Callable[[str], str], text: str
) -> None:
    backup = tmp_path / "backup.json"
    spinecoach("export", "-o", str(backup))
    backup.write_text(damage(backup.read_text()))
    before = every_row(db_file)

    result = spinecoach("import", str(backup))

    fail_cleanly(result, text)
    assert every_row(db_file) == before


def set_value(backup: dict[str, Any], table: str, column: str, value: object) -> None:
    """Set one column of a backup table's first row."""
    data = backup["tables"][table]
    data["rows"][0][data["columns"].index(column)] = value


def unknown_exercise(text: str) -> str:
    backup = json.loads(text)
    set_value(backup, "exercise_results", "exercise_id", "no-such-exercise")
    return json.dumps(backup)


def go_despite_chest_pain(text: str) -> str:
    backup = json.loads(text)
    set_value(backup, "screenings", "answers", answers(chest_pain=True))
    return json.dumps(backup)


@pytest.mark.usefixtures("used")
@pytest.mark.parametrize(
    ("damage", "text"),
    [
        (unknown_exercise, "the exercise result with id 1: unknown exercise 'no-such-exercise'"),
        (
            go_despite_chest_pain,
            "the safety check with id 1: outcome 'go' does not match what rules version",
        ),
    ],
    ids=["unknown exercise", "go despite chest pain"],
)
def test_a_backup_whose_rows_make_no_sense_is_refused_and_nothing_is_restored(
    spinecoach: Run, tmp_path: Path, damage: Callable[[str], str], text: str
) -> None:
    backup, restored = tmp_path / "backup.json", tmp_path / "restored.db"
    spinecoach("export", "-o", str(backup))
    backup.write_text(damage(backup.read_text()))

    result = spinecoach("import", str(backup), "--db", str(restored))

    fail_cleanly(result, text)
    assert "nothing was restored" in result.stderr
    assert every_row(restored) == {table: [] for table in TABLES}
    assert "no-such-exercise" not in spinecoach("history", "--db", str(restored)).stdout


def test_json_with_a_duplicate_key_is_refused(spinecoach: Run, tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"format": "spinecoach-backup", "format": "spinecoach-backup"}')

    fail_cleanly(spinecoach("import", str(path)), "'format' is given more than once")


def test_json_nested_ten_thousand_deep_is_refused_in_one_line(
    spinecoach: Run, tmp_path: Path
) -> None:
    path = tmp_path / "deep.json"
    deep = "[" * 10_000 + "]" * 10_000
    path.write_text(f'{{"format": "spinecoach-backup", "tables": {deep}}}')

    result = spinecoach("import", str(path))

    fail_cleanly(result, "deep.json: nested more than 32 levels deep")
    assert "Traceback" not in result.stderr


def test_a_file_larger_than_any_backup_is_refused_in_one_line(
    spinecoach: Run, tmp_path: Path
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(33 * 1024 * 1024)  # sparse: nothing is written to disk

    fail_cleanly(spinecoach("import", str(path)), "huge.json: larger than 32 MB")


def test_a_missing_file_is_refused_in_one_line(spinecoach: Run, tmp_path: Path) -> None:
    result = spinecoach("import", str(tmp_path / "nowhere.json"))

    fail_cleanly(result, "nowhere.json: cannot be read")


@pytest.mark.usefixtures("used")
def test_csv_export_writes_one_spreadsheet_file_per_table(
    spinecoach: Run, db_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "sheets"

    result = spinecoach("export", "--format", "csv", "-o", str(folder))

    assert result.returncode == 0, result.stderr
    assert sorted(path.stem for path in folder.iterdir()) == TABLES
    assert {stat.S_IMODE(path.stat().st_mode) for path in folder.iterdir()} == {0o600}
    with (folder / "pain_entries.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [row["score"] for row in table] == ["4", "2", "3"]
    assert table[2]["note"] == "ça va"
    with (folder / "sessions.csv").open(encoding="utf-8-sig", newline="") as handle:
        (session,) = csv.DictReader(handle)
    assert json.loads(session["routine"])["id"] == "desk-break"


@pytest.mark.usefixtures("used")
def test_fhir_export_is_a_valid_bundle_of_the_records(spinecoach: Run, tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"

    result = spinecoach("export", "--format", "fhir", "-o", str(path))

    assert result.returncode == 0, result.stderr
    bundle = Bundle.model_validate_json(path.read_text())
    kinds = [entry.resource.get_resource_type() for entry in bundle.entry or []]
    # The session was a demo (speed 100): it and its two pain scores are left out; the diary
    # entry stays. tests/reports/test_fhir.py covers sessions played at normal speed.
    assert kinds.count("Observation") == 1
    assert kinds.count("Procedure") == 0
    assert kinds.count("QuestionnaireResponse") == 2  # the screening and the PSFS
    psfs = next(e.resource for e in bundle.entry or [] if e.resource.id == "psfs-1")
    assert [group.item[0].answer[0].valueString for group in psfs.item[:-1]] == [
        "putting on socks",
        "sitting through a film",
    ]


@pytest.mark.usefixtures("used")
def test_fhir_care_plan_reads_back_as_the_planned_routine(spinecoach: Run, tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    spinecoach("export", "--format", "fhir", "-o", str(path))
    planned = json.loads(spinecoach("plan", "--routine", "desk-break", "--json").stdout)

    result = spinecoach("import", "--format", "fhir", str(path), "--json")

    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    assert read["id"] == "desk-break"  # the routine done last is the current one
    assert read["exercises"] == planned["exercises"]
    assert read["total_seconds"] == planned["total_seconds"]


def test_remind_writes_a_weekly_calendar_event_with_an_alarm(
    spinecoach: Run, tmp_path: Path
) -> None:
    path = tmp_path / "stretch.ics"

    result = spinecoach(
        "remind", "--days", "mon,wed,fri", "--time", "08:00", "--minutes", "10", "-o", str(path)
    )

    assert result.returncode == 0, result.stderr
    (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert event.decoded("DTSTART").strftime("%H:%M") == "08:00"
    assert event.decoded("DURATION").total_seconds() <= 600
    assert len(event.walk("VALARM")) == 1
    assert "--minutes 10" in str(event["DESCRIPTION"])


def test_remind_follows_the_remembered_choices_and_says_which(
    spinecoach: Run, tmp_path: Path, db_file: Path
) -> None:
    now = datetime.now(UTC)
    records = open_records(str(db_file), now)
    remember(records.repository, records.person, SessionPreferences(avoid=TOM_AVOIDS), now)
    kneeling = [e.name for e in default_catalog().exercises.values() if TOM_AVOIDS & {*e.movements}]
    path = tmp_path / "stretch.ics"

    result = spinecoach("remind", "--days", "tue", "--time", "18:00", "-o", str(path))

    assert result.returncode == 0, result.stderr
    (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert kneeling and not any(name in description for name in kneeling)
    assert "Start it with: spinecoach session --avoid kneeling" in description
    assert "planned from your last choices: Anywhere, no time limit, avoiding kneeling." in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("days", "at", "text"),
    [("mon,funday", "08:00", "--days: 'funday'"), ("mon", "8 am", "--time: '8 am'")],
)
def test_remind_refuses_bad_days_or_times_in_one_line(
    spinecoach: Run, tmp_path: Path, days: str, at: str, text: str
) -> None:
    path = tmp_path / "stretch.ics"

    fail_cleanly(spinecoach("remind", "--days", days, "--time", at, "-o", str(path)), text)
    assert not path.exists()


@pytest.mark.parametrize("export_format", ["json", "fhir", "csv"])
def test_export_to_a_place_that_cannot_be_written_fails_in_one_line(
    spinecoach: Run, tmp_path: Path, export_format: str
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    result = spinecoach("export", "--format", export_format, "-o", str(blocker / "out"))

    fail_cleanly(result, f"{blocker / 'out'}: cannot write")
    assert blocker.read_text() == "not a folder"


def test_routine_with_a_format_that_holds_no_routine_is_refused(
    spinecoach: Run, tmp_path: Path
) -> None:
    path = tmp_path / "backup.json"

    result = spinecoach("export", "--format", "json", "--routine", "desk-break", "-o", str(path))

    fail_cleanly(result, "--routine: only --format fhir")
    assert not path.exists()


def test_fhir_export_takes_the_routine_asked_for(spinecoach: Run, tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    spinecoach("export", "--format", "fhir", "--routine", "morning-floor", "-o", str(path))

    result = spinecoach("import", "--format", "fhir", str(path), "--json")

    assert json.loads(result.stdout)["id"] == "morning-floor"
