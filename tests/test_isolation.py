import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from platformdirs import user_data_dir

from tests.conftest import REAL_DATA_DIR
from tests.isolation import fingerprint, touched

SPINECOACH = str(Path(sys.executable).parent / "spinecoach")


def test_every_test_has_its_own_data_directory_and_database(tmp_path: Path) -> None:
    data_dir = Path(user_data_dir("spinecoach"))

    assert data_dir.is_relative_to(tmp_path)
    assert Path(os.environ["SPINECOACH_DB"]).is_relative_to(tmp_path)
    assert not data_dir.is_relative_to(REAL_DATA_DIR)


def test_the_command_without_db_writes_into_the_test_data_directory(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SPINECOACH_DB"}

    done = subprocess.run(
        [SPINECOACH, "pain", "3"], env=env, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    database = Path(user_data_dir("spinecoach")) / "spinecoach.db"
    assert database.is_relative_to(tmp_path)
    with sqlite3.connect(database) as connection:
        assert list(connection.execute("SELECT score FROM pain_entries")) == [(3,)]


def test_a_created_data_directory_is_reported(tmp_path: Path) -> None:
    directory = tmp_path / "spinecoach"
    before = fingerprint(directory)

    directory.mkdir()

    assert touched(directory, before) == (
        f"the test run created the real user data directory {directory}"
    )


def test_a_changed_database_file_is_reported_by_name(tmp_path: Path) -> None:
    directory = tmp_path / "spinecoach"
    directory.mkdir()
    database = directory / "spinecoach.db"
    database.write_bytes(b"one")
    before = fingerprint(directory)

    database.write_bytes(b"one more")

    assert touched(directory, before) == (
        f"the test run changed the real user data directory: {database}"
    )


def test_an_untouched_data_directory_passes(tmp_path: Path) -> None:
    directory = tmp_path / "spinecoach"
    directory.mkdir()
    (directory / "spinecoach.db").write_bytes(b"records")
    before = fingerprint(directory)

    assert touched(directory, before) is None
