"""Commands refuse a database that belongs to another program, and leave it as it was."""

from pathlib import Path

from tests.cli.conftest import Run
from tests.store.test_store_foreign import foreign_sqlite


def test_history_on_a_foreign_file_is_one_line_exit_2_and_no_change(
    spinecoach: Run, tmp_path: Path
) -> None:
    path = tmp_path / "recipes.db"
    before = foreign_sqlite(path)

    done = spinecoach("history", "--db", str(path))

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "not a spinecoach database" in done.stderr
    assert path.read_bytes() == before
