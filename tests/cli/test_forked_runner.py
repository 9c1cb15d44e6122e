"""The forked runner the CLI tests use answers as the installed script does, run from scratch."""

from pathlib import Path

import pytest

from tests.cli.conftest import run_from_scratch
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
    for name, run in (("scratch", run_from_scratch), ("forked", forked_run)):
        env = {**cli_env, "SPINECOACH_DB": str(tmp_path / f"{name}.db")}
        done = run(args, env, stdin, 60)
        answers.append((done.returncode, done.stdout, done.stderr))

    assert answers[0] == answers[1]
