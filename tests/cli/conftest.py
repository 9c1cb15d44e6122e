import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import spinecoach as spinecoach_package
from tests.cli.forked import forked_run
from tests.cli.terminal import Terminal

SPINECOACH = str(Path(sys.executable).parent / "spinecoach")


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """A fresh SQLite file for one test."""
    return tmp_path / "records.db"


@pytest.fixture
def cli_env(db_file: Path) -> dict[str, str]:
    """Environment for running the real `spinecoach` command on the test's database."""
    return {**os.environ, "SPINECOACH_DB": str(db_file), "COLUMNS": "120"}


Run = Callable[..., subprocess.CompletedProcess[str]]


def run_from_scratch(
    args: list[str], env: dict[str, str], stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the installed script in a new interpreter, as a person's shell does."""
    return subprocess.run(
        [SPINECOACH, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def runner(env: dict[str, str]) -> Run:
    """Return a function that runs the installed command in env; it returns the process."""

    # A copy of the program on another PYTHONPATH is not what the forking process imported.
    same_code = env.get("PYTHONPATH") == os.environ.get("PYTHONPATH")

    def run(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
        if same_code:
            return forked_run(list(args), env, stdin, timeout)
        return run_from_scratch(list(args), env, stdin, timeout)

    return run


@pytest.fixture
def spinecoach(cli_env: dict[str, str]) -> Run:
    """Run the installed command with the test database; returns the completed process."""
    return runner(cli_env)


@pytest.fixture
def broken_screening_env(cli_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """The test's environment, running a copy of spinecoach whose screening.yaml is broken.

    The copy comes first on PYTHONPATH, as a damaged installation would be found; its
    questionnaire's version no longer has the form the rules require.
    """
    copy = tmp_path / "damaged-install" / "spinecoach"
    shutil.copytree(
        Path(spinecoach_package.__file__).parent,
        copy,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    screening = copy / "safety" / "data" / "screening.yaml"
    text = screening.read_text(encoding="utf-8")
    broken = re.sub(r'^version: "[^"]*"$', 'version: "next week"', text, count=1, flags=re.M)
    assert broken != text
    screening.write_text(broken, encoding="utf-8")
    return {**cli_env, "PYTHONPATH": str(copy.parent)}


def answers(all_no: bool = True, **yes: bool) -> dict[str, bool]:
    """Screening answers: every red flag no, the doctor acknowledgement yes, overrides by id."""
    listing = subprocess.run(
        [SPINECOACH, "screen", "--list", "--json"], capture_output=True, text=True, check=True
    )
    items = json.loads(listing.stdout)["items"]
    given = {item["id"]: item["kind"] == "acknowledgement" for item in items}
    given.update({key.replace("_", "-"): value for key, value in yes.items()})
    return given


@pytest.fixture
def screened(spinecoach: Run, tmp_path: Path) -> None:
    """A person who passed the safety screen today."""
    path = tmp_path / "go.json"
    path.write_text(json.dumps(answers()))
    assert spinecoach("screen", "--answers", str(path)).returncode == 0


def rows(db_file: Path, query: str) -> list[tuple[object, ...]]:
    """Read rows straight from the SQLite file, as another program would."""
    with sqlite3.connect(db_file) as connection:
        return list(connection.execute(query))


def kill_mid_session(env: dict[str, str], routine: str, speed: str, after_done: int) -> None:
    """Start a plain session, wait until `after_done` exercises are saved, then SIGKILL it."""
    with subprocess.Popen(
        [SPINECOACH, "session", routine, "--plain", "--no-voice", "--speed", speed],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("5\n")
        process.stdin.flush()
        done, deadline = 0, time.monotonic() + 60
        while done < after_done and time.monotonic() < deadline:
            done += process.stdout.readline().startswith("-- ")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


@pytest.fixture
def named(spinecoach: Run) -> None:
    """A person who gave their name, so a first session does not ask for it."""
    assert spinecoach("profile", "--name", "Alice").returncode == 0


@pytest.fixture
def function_rated(spinecoach: Run) -> None:
    """A person who filled in the activity scale (PSFS) today, so a session does not offer it."""
    assert spinecoach("function", "--rate", "walking to the shops=5").returncode == 0


@pytest.fixture
def terminal(cli_env: dict[str, str]) -> Iterator[Callable[..., Terminal]]:
    """Open `spinecoach ARGUMENTS` in a tmux pane of the given size; closed after the test."""
    assert shutil.which("tmux"), "tmux must be installed (.ci/run installs it)"
    opened: list[Terminal] = []

    def open_terminal(arguments: str, columns: int = 100, lines: int = 30) -> Terminal:
        opened.append(Terminal(f"{SPINECOACH} {arguments}", cli_env, columns, lines))
        return opened[-1]

    yield open_terminal
    for pane in opened:
        pane.close()
