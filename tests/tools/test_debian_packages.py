"""`make run` and `make test` install the Debian packages they need (tools/debian-packages)."""

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "tools" / "debian-packages"
TEST_ONLY = ("chromium", "espeak-ng", "sox", "tmux", "poppler-utils", "caddy")


def run_script(path: str, purpose: str = "test") -> subprocess.CompletedProcess[str]:
    """Run the script for `make run` or `make test` with this PATH."""
    return subprocess.run(
        ["/bin/bash", str(SCRIPT), purpose],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        timeout=30,
        check=False,
    )


def test_silent_and_successful_when_every_package_is_present() -> None:
    finished = run_script(os.environ["PATH"])

    assert (finished.returncode, finished.stdout, finished.stderr) == (0, "", "")


def _bare_path(folder: Path) -> str:
    """Return a PATH with only the tools the script itself needs and an `id` that is not root."""
    for tool in ("python3", "compgen"):
        found = shutil.which(tool)
        if found:
            (folder / tool).symlink_to(found)
    (folder / "id").write_text("#!/bin/sh\necho 1000\n")
    (folder / "id").chmod(0o755)
    return str(folder)


def test_without_root_names_the_missing_packages_and_the_install_command(tmp_path: Path) -> None:
    finished = run_script(_bare_path(tmp_path))

    assert finished.returncode == 1
    lines = finished.stderr.splitlines()
    assert len(lines) == 1
    for package in (*TEST_ONLY, "npm"):
        assert package in lines[0]
    assert "sudo apt-get install" in lines[0]


def test_make_run_asks_only_for_what_the_app_needs(tmp_path: Path) -> None:
    finished = run_script(_bare_path(tmp_path), purpose="run")

    assert finished.returncode == 1
    (line,) = finished.stderr.splitlines()
    assert "npm" in line
    assert not any(package in line for package in TEST_ONLY)
