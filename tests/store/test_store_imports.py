"""Starting the app does not pay for SQLAlchemy until it opens a database."""

import os
import subprocess
import sys
from pathlib import Path

import spinecoach

SOURCE_ROOT = str(Path(spinecoach.__file__).resolve().parents[1])


def test_importing_spinecoach_records_and_settings_leaves_sqlalchemy_unloaded() -> None:
    code = (
        "import sys, spinecoach, spinecoach.store, spinecoach.records, "
        "spinecoach.store.settings; "
        "print(sorted(name for name in sys.modules if name.split('.')[0] in "
        "('sqlalchemy', 'alembic')))"
    )
    env = {**os.environ, "PYTHONPATH": SOURCE_ROOT}

    child = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )

    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "[]"
