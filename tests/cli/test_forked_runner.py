"""The forked runner the CLI tests use answers as the installed script does, run from scratch."""

import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import SPINECOACH
from tests.cli.forked import forked_run


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["pain", "4", "--note", "after the walk"], ""),  # a write, then its words
        (["history", "--json"], ""),
        (["pain", "11"], ""),  # refused: exit 2, one line on stderr
        (["screen"], "n\n" * 40),  # questions read from stdin
        (["no-such-command"], ""),
    ],
)
def test_a_forked_command_says_and_exits_as_the_script_run_from_scratch(
    args: list[str], stdin: str, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    answers = []
    for name in ("scratch", "forked"):
        env = {**cli_env, "SPINECOACH_DB": str(tmp_path / f"{name}.db")}
        if name == "scratch":
            done = subprocess.run(
                [SPINECOACH, *args],
                input=stdin,
                capture_output=True,
                text=True,
                env=env,
                timeout=60,
                check=False,
            )
        else:
            done = forked_run(args, env, stdin, timeout=60)
        answers.append((done.returncode, done.stdout, done.stderr))

    assert answers[0] == answers[1]
