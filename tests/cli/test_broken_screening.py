"""A broken screening.yaml stops every command that uses the screen, in one line, before asking."""

import shlex
import socket
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import SPINECOACH, rows, runner
from tests.cli.test_session_terminal import Terminal

BROKEN = "spinecoach: safety/data/screening.yaml: version: String should match pattern"


def refused_in_one_line(done: subprocess.CompletedProcess[str]) -> None:
    """Assert exit 2 and one line on stderr naming the file and the field."""
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(BROKEN)
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "arguments",
    [
        ["session", "desk-break", "--plain", "--no-voice"],
        ["session", "--no-voice"],  # not a terminal here, so plain as well
        ["start", "--plain", "--no-voice"],
        ["screen"],
        ["screen", "--list"],
    ],
    ids=" ".join,
)
def test_a_command_that_uses_the_screen_refuses_to_begin(
    broken_screening_env: dict[str, str], db_file: Path, arguments: list[str]
) -> None:
    done = runner(broken_screening_env)(*arguments, stdin="4\n2\n\n")

    refused_in_one_line(done)
    assert done.stdout == ""
    assert not db_file.exists() or rows(db_file, "select count(*) from sessions") == [(0,)]


@pytest.mark.usefixtures("screened")
def test_a_session_is_refused_even_when_a_screen_is_on_record(
    broken_screening_env: dict[str, str], db_file: Path
) -> None:
    done = runner(broken_screening_env)(
        "session", "desk-break", "--plain", "--no-voice", "--speed", "100", stdin="4\n2\n\n"
    )

    refused_in_one_line(done)
    assert rows(db_file, "select count(*) from sessions") == [(0,)]


@pytest.mark.slow
@pytest.mark.usefixtures("screened")
def test_a_session_in_a_terminal_stops_before_the_first_question(
    broken_screening_env: dict[str, str], db_file: Path
) -> None:
    python_path = shlex.quote(broken_screening_env["PYTHONPATH"])
    pane = Terminal(f"env PYTHONPATH={python_path} {SPINECOACH} session", broken_screening_env)
    try:
        shown = pane.wait_for("EXIT=")
    finally:
        pane.close()

    assert "EXIT=2" in shown
    assert BROKEN in " ".join(shown.split())
    assert "Where are you stretching" not in shown
    assert rows(db_file, "select count(*) from sessions") == [(0,)]


def test_serve_refuses_to_start_and_prints_no_address(
    broken_screening_env: dict[str, str],
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    done = runner(broken_screening_env)("serve", "--port", str(port), timeout=30)

    refused_in_one_line(done)
    assert "running at" not in done.stdout
