"""Stopping at a question (Ctrl+C or Ctrl+D) ends with one calm line and exit code 130."""

from pathlib import Path

from typer.testing import CliRunner

from spinecoach.cli.interrupt import EXIT_INTERRUPTED, INTERRUPTED
from spinecoach.cli.main import app


def test_input_ending_at_a_screening_question_is_one_line_and_exit_130(tmp_path: Path) -> None:
    runner = CliRunner(env={"SPINECOACH_DB": str(tmp_path / "records.db")})

    result = runner.invoke(app, ["screen"], input="")

    assert result.exit_code == EXIT_INTERRUPTED == 130
    assert "Aborted!" not in result.output
    assert result.stderr.strip() == INTERRUPTED
