"""`make test` installs the Debian packages its tests use through tools/test-packages."""

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "tools" / "test-packages"


def run_script(path: str) -> subprocess.CompletedProcess[str]:
    """Run the script with this PATH; returns the completed process."""
    return subprocess.run(
        ["/bin/bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        timeout=30,
        check=False,
    )


def test_silent_and_successful_when_every_package_is_present() -> None:
    finished = run_script(os.environ["PATH"])

    assert (finished.returncode, finished.stdout, finished.stderr) == (0, "", "")


def test_without_root_names_the_missing_packages_and_the_install_command(tmp_path: Path) -> None:
    # A PATH with only the tools the script itself needs, and an `id` that is not root, so
    # nothing is installed: the script must say what is missing in one line and fail.
    for tool in ("python3", "compgen"):
        found = shutil.which(tool)
        if found:
            (tmp_path / tool).symlink_to(found)
    (tmp_path / "id").write_text("#!/bin/sh\necho 1000\n")
    (tmp_path / "id").chmod(0o755)

    finished = run_script(str(tmp_path))

    assert finished.returncode == 1
    lines = finished.stderr.splitlines()
    assert len(lines) == 1
    for package in ("chromium", "espeak-ng", "sox", "tmux", "poppler-utils"):
        assert package in lines[0]
    assert "sudo apt-get install" in lines[0]
