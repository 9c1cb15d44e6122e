"""A database that cannot be opened gives a message naming it, never a driver traceback."""

from pathlib import Path

import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.store.database import open_database
from tests.conftest import PostgresServer


def test_a_file_that_is_not_a_database_is_explained(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list: rice, tea, a new mat\n" * 200)

    with pytest.raises(InvalidInputError, match=r"notes\.txt.*not a database"):
        open_database(f"sqlite:///{notes}")


def test_a_database_inside_a_file_instead_of_a_directory_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")

    with pytest.raises(InvalidInputError, match=r"blocker/spinecoach\.db.*unable to open"):
        open_database(f"sqlite:///{blocker / 'spinecoach.db'}")


def test_an_unknown_driver_is_explained_without_the_password() -> None:
    with pytest.raises(InvalidInputError, match=r"'nosuchdb://ann:\*\*\*@host/x'") as raised:
        open_database("nosuchdb://ann:hunter2@host/x")

    assert "hunter2" not in raised.value.user_message


@pytest.mark.postgres
def test_an_unreachable_server_is_explained_without_the_password(
    postgres_server: PostgresServer,
) -> None:
    url = f"postgresql+psycopg://postgres:secret@127.0.0.1:{postgres_server.port}/no_such_db"

    with pytest.raises(InvalidInputError, match="no_such_db") as raised:
        open_database(url)

    assert "secret" not in raised.value.user_message
