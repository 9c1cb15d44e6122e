"""`make run` installs only what the app needs at run time; `make test` adds the test tools."""

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_TOOLS = ("pytest", "playwright", "mypy", "ruff", "schemathesis", "scikit-image", "pexpect")


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A checkout with no .venv and no node_modules, as a new user has after git clone."""
    clone = tmp_path_factory.mktemp("clone") / "spinecoach"
    shutil.copytree(ROOT, clone, ignore=shutil.ignore_patterns(".venv", "node_modules", ".git"))
    return clone


def planned(clone: Path, *args: str) -> str:
    """Return the commands make would run, without running them."""
    done = subprocess.run(
        ["make", "-n", *args], cwd=clone, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def test_make_run_in_a_fresh_clone_installs_no_test_tool(fresh_clone: Path) -> None:
    commands = planned(fresh_clone, "run")

    assert "pip install -e .\n" in commands
    assert "[dev]" not in commands
    assert "npm install --omit=dev" in commands
    assert "serve --open --port 8000" in commands


def test_make_run_takes_the_port(fresh_clone: Path) -> None:
    assert "serve --open --port 8123" in planned(fresh_clone, "run", "PORT=8123")


def test_make_test_installs_the_test_tools(fresh_clone: Path) -> None:
    commands = planned(fresh_clone, "test")

    assert "pip install --quiet -e '.[dev]'" in commands
    assert "pytest" in commands


def test_runtime_dependencies_hold_no_test_tool() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]

    runtime = " ".join(project["dependencies"]).lower()

    assert not [tool for tool in TEST_TOOLS if tool in runtime]
    assert all(
        any(tool in dev.lower() for dev in project["optional-dependencies"]["dev"])
        for tool in TEST_TOOLS
    )
