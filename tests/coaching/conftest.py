from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spinecoach.catalog.loader import Catalog, default_catalog
from spinecoach.coaching.access import Records, open_records
from spinecoach.coaching.results import result_outside_plan
from spinecoach.coaching.safety_gate import submit_screening
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from tests.web.api_helpers import answers

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
def alice(tmp_path: Path) -> Records:
    """Alice, a desk worker with a fresh SQLite file and no records yet."""
    return open_records(f"sqlite:///{tmp_path / 'alice.db'}", NOW)


@pytest.fixture
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def maria(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Records]:
    """Maria, screened today, on a fresh SQLite file or PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'maria.db'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database()
    engine = open_database(url)
    # Built as coaching/access.py builds it: results checked against the routine.
    repository = Repository(engine, fits=result_outside_plan)
    records = Records(repository, repository.ensure_default_person(NOW))
    submit_screening(records.repository, records.person, answers(), NOW)
    yield records
    engine.dispose()
