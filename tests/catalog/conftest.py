import shutil
from pathlib import Path

import pytest

from spinecoach.catalog.loader import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged content under tmp/catalog/data."""
    root = tmp_path / "catalog" / "data"
    shutil.copytree(DATA_DIR, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of old in a content file, failing if it is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
