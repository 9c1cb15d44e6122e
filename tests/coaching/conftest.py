from datetime import UTC, datetime
from pathlib import Path

import pytest

from spinecoach.catalog.loader import Catalog, default_catalog
from spinecoach.coaching.access import Records, open_records

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
def alice(tmp_path: Path) -> Records:
    """Alice, a desk worker with a fresh SQLite file and no records yet."""
    return open_records(f"sqlite:///{tmp_path / 'alice.db'}", NOW)


@pytest.fixture
def catalog() -> Catalog:
    return default_catalog()
