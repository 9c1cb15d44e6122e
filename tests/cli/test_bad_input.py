"""Bad input from a person or a script: one line on stderr naming what was wrong, exit code 2."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import SPINECOACH, Run, answers, rows


def assert_one_line_error(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """The error shape every bad input shares: exit 2, exactly one line on stderr, no usage."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("spinecoach")
    assert "Usage:" not in done.stderr and "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in done.stderr


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "0", "101", "fast"])
def test_session_speed_refuses_nan_infinity_and_out_of_range(spinecoach: Run, value: str) -> None:
    done = spinecoach(
        "session", "desk-break", "--plain", "--no-voice", "--speed", value, timeout=20
    )

    assert_one_line_error(done, "'--speed'", value, "from 0.1 to 100")


@pytest.mark.parametrize("command", ["plan", "timeline", "session"])
@pytest.mark.parametrize("value", ["nan", "inf", "0.5", "500"])
def test_minutes_refuses_nan_infinity_and_out_of_range(
    spinecoach: Run, command: str, value: str
) -> None:
    done = spinecoach(command, "--minutes", value, timeout=20)

    assert_one_line_error(done, "'--minutes'", value, "from 1 to 120")


@pytest.mark.parametrize("value", ["-1", "11", "2.5", "abc"])
def test_pain_score_out_of_range_is_one_line_not_an_unknown_option(
    spinecoach: Run, db_file: Path, value: str
) -> None:
    done = spinecoach("pain", value)

    assert_one_line_error(done, value, "from 0 to 10")
    assert "no such option" not in done.stderr.lower()
    assert not db_file.exists() or rows(db_file, "SELECT * FROM pain_entries") == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["plan", "--place", "moon"], "'moon' is not one of"),
        (["plan", "--bogus"], "no such option: --bogus"),
        (["no-such-command"], "no such command"),
        (["exercises", "show"], "missing argument"),
        (["history", "--since", "yesterday"], "'--since'"),
    ],
)
def test_usage_errors_are_one_line_naming_the_problem(
    spinecoach: Run, args: list[str], fragment: str
) -> None:
    done = spinecoach(*args)

    assert_one_line_error(done, fragment)


def test_screen_with_input_at_an_end_is_exit_2_with_one_line(cli_env: dict[str, str]) -> None:
    done = subprocess.run(
        [SPINECOACH, "screen"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=30,
        check=False,
    )

    assert_one_line_error(done, "input ended")
    assert "Aborted" not in done.stderr


def test_screening_answers_with_a_duplicate_key_are_refused(
    spinecoach: Run, tmp_path: Path, db_file: Path
) -> None:
    given = answers()
    text = json.dumps(given)[:-1] + ', "chest-pain": true, "chest-pain": false}'
    path = tmp_path / "answers.json"
    path.write_text(text)

    done = spinecoach("screen", "--answers", str(path))

    assert_one_line_error(done, "'chest-pain' is given more than once")
    assert rows(db_file, "SELECT * FROM screenings") == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"left_hip": [0, 0, 0], "left_hip": [1, 1, 1]}', "'left_hip' is given more than once"),
        ('{"left_hip": [NaN, 0, 0]}', "NaN is not a JSON number"),
    ],
)
def test_check_pose_refuses_duplicate_keys_and_nan(
    spinecoach: Run, tmp_path: Path, text: str, fragment: str
) -> None:
    path = tmp_path / "joints.json"
    path.write_text(text)

    done = spinecoach("check-pose", "hip-bridge", str(path))

    assert_one_line_error(done, fragment)
