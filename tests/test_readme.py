"""Every command example in README.md runs as written after `make run` (on a test database).

Commands are the lines of code blocks (indented by four spaces, or fenced without a language
or as sh/bash/console) that start with `spinecoach` (the README has the reader activate
.venv, which puts it on the PATH), `.venv/bin/spinecoach`, `printf ... | spinecoach`, or `make`.
They run in README order in one folder holding a copy of examples/, against one test database
whose person has answered the safety check (as `make run` asks first), with no terminal.

Only two things differ from pasting them into a terminal, both said here:
- sessions play 100 times faster and silently (`--speed 100 --no-voice` are added);
- a command that waits for answers typed at the terminal (`session` with nothing piped in,
  `screen` without `--list` or `--answers`) is started and must stop at its first question
  because input ended (exit 2 saying so), which shows its options were accepted.
A command whose comment says it exits with another code (`# exits 3: ...`) must exit with it.
`make` lines are checked to name a target of the Makefile (VAR=value words aside), never run
(`make test` would recurse).
A block that must not run (for example one that starts a server) is preceded by the line
`<!-- readme-test: skip -->`.
"""

import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
SKIP_MARK = "<!-- readme-test: skip -->"
SHELL_FENCES = {"", "sh", "bash", "console", "shell"}
COMMAND = re.compile(r"^(?:printf .*\|\s*)?(?:\.venv/bin/)?spinecoach\b")
INPUT_ENDED = "input ended"
EXPECTED_EXIT = re.compile(r"#.*\bexits (\d+)\b")


@dataclass(frozen=True)
class Example:
    """One command line from the README and where it is."""

    line: int
    command: str


def code_lines(text: str) -> list[tuple[int, str]]:
    """Return (line number, text) of every line inside a shell code block, not in skipped ones."""
    found: list[tuple[int, str]] = []
    fence: str | None = None
    skip_next = skipping = in_block = False
    previous_blank = True
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("```"):
            if fence is None:
                fence, skipping, skip_next = stripped[3:].strip(), skip_next, False
            else:
                fence, skipping = None, False
        elif fence is not None:
            if fence in SHELL_FENCES and not skipping:
                found.append((number, line))
        elif line.startswith("    ") and (previous_blank or in_block):
            if not in_block:
                skipping, skip_next, in_block = skip_next, False, True
            if not skipping:
                found.append((number, line[4:]))
        else:
            in_block = skipping = False
            skip_next = skip_next or stripped == SKIP_MARK
        previous_blank = not stripped or stripped == SKIP_MARK
    return found


def examples(text: str) -> list[Example]:
    """Return the commands of the README's code blocks, continuation lines joined."""
    commands: list[Example] = []
    pending: tuple[int, str] | None = None
    for number, line in code_lines(text):
        if pending is not None:
            start, joined = pending
            line, number = joined + " " + line.strip(), start
            pending = None
        if line.rstrip().endswith("\\"):
            pending = (number, line.rstrip()[:-1].rstrip())
            continue
        stripped = line.strip()
        if COMMAND.match(stripped) or stripped.startswith("make "):
            commands.append(Example(number, stripped))
    return commands


def words(command: str) -> list[str]:
    """Return the words of the spinecoach part of a command, without its comment."""
    return shlex.split(command.split("|")[-1], comments=True)


def needs_a_person(command: str) -> bool:
    """Return whether the command waits for answers typed at the terminal (none are piped)."""
    said = words(command)
    if "|" in command:
        return False
    if "session" in said or "function" in said:
        return True
    return "screen" in said and not {"--list", "--answers"} & set(said)


def as_run(command: str) -> str:
    """Return the command as the test runs it: sessions fast and silent, comment dropped."""
    said = words(command)
    extra = []
    if "session" in said:
        extra = [*([] if "--speed" in said else ["--speed", "100"]), "--no-voice"]
    head = command.split("|")[0] + "| " if "|" in command else ""
    return head + shlex.join(said + extra)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder with examples/ and an environment whose database has a screened person."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", folder / "examples")
    home = folder / "home"
    home.mkdir()
    env = {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": str(home),
        "SPINECOACH_DB": str(folder / "records.db"),
        "COLUMNS": "100",
        "LANG": "C.UTF-8",
    }
    listing = subprocess.run(
        ["spinecoach", "screen", "--list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=True,
    )
    items = json.loads(listing.stdout)["items"]
    answers = folder / "all-clear.json"
    answers.write_text(json.dumps({i["id"]: i["kind"] == "acknowledgement" for i in items}))
    screened = subprocess.run(
        ["spinecoach", "screen", "--answers", str(answers)], env=env, cwd=folder, check=False
    )
    assert screened.returncode == 0
    return folder, env


def test_commands_are_found_in_code_blocks_and_output_json_and_skipped_blocks_are_not() -> None:
    text = "\n".join(
        [
            "Run:",
            "",
            "    spinecoach plan --minutes 5 \\",
            "                    --json   # the plan",
            "    [ok ] an output line",
            "",
            "```json",
            '{"spinecoach": 1}',
            "```",
            "",
            "```sh",
            "printf '4\\n' | spinecoach session --plain",
            "```",
            "",
            SKIP_MARK,
            "    spinecoach serve",
            "",
            "    make run",
        ]
    )

    found = [e.command for e in examples(text)]

    assert found == [
        "spinecoach plan --minutes 5 --json   # the plan",
        "printf '4\\n' | spinecoach session --plain",
        "make run",
    ]


def test_sessions_are_run_fast_and_silent_and_interactive_ones_are_known() -> None:
    assert as_run("spinecoach session desk-break --plain  # note") == (
        "spinecoach session desk-break --plain --speed 100 --no-voice"
    )
    assert needs_a_person("spinecoach session --place floor")
    assert needs_a_person("spinecoach screen")
    assert not needs_a_person("spinecoach screen --list")
    assert needs_a_person("spinecoach session --plain")
    assert not needs_a_person("printf '4\\n' | spinecoach session --plain")


@pytest.mark.slow
def test_every_readme_command_runs_as_written(workspace: tuple[Path, dict[str, str]]) -> None:
    folder, env = workspace
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.M))
    failures: list[str] = []

    for example in examples(README.read_text(encoding="utf-8")):
        where = f"README.md:{example.line}: {example.command}"
        if example.command.startswith("make "):
            # NAME=value words set a Makefile variable (make run PORT=8001), not a target.
            named = [t for t in words(example.command)[1:] if "=" not in t]
            missing = [t for t in named if t not in targets]
            if missing:
                failures.append(f"{where}\n  no Makefile target {missing}")
            continue
        try:
            done = subprocess.run(
                ["bash", "-c", as_run(example.command)],
                capture_output=True,
                text=True,
                env=env,
                cwd=folder,
                stdin=subprocess.DEVNULL,
                timeout=120,
                check=False,
            )
        except subprocess.TimeoutExpired:
            failures.append(f"{where}\n  still running after 120 s")
            continue
        stopped_for_input = done.returncode == 2 and INPUT_ENDED in done.stderr
        if needs_a_person(example.command) and stopped_for_input:
            continue
        said = EXPECTED_EXIT.search(example.command)
        expected = int(said.group(1)) if said else 0
        if done.returncode != expected:
            failures.append(
                f"{where}\n  exit {done.returncode}, not {expected}: {done.stderr.strip()[-400:]}"
            )

    assert not failures, "README examples that fail:\n" + "\n".join(failures)
