import shutil
from pathlib import Path

import pytest

from spinecoach.safety.loader import SCREENING_FILE


@pytest.fixture
def screening_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged questionnaire at tmp/safety/data/screening.yaml."""
    path = tmp_path / "safety" / "data" / "screening.yaml"
    path.parent.mkdir(parents=True)
    shutil.copyfile(SCREENING_FILE, path)
    return path


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of old in the file, failing if it is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
