"""Migration 0006 keeps each result's idempotency key; results from before it keep theirs NULL."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect

from spinecoach.store.database import downgrade_to, open_database
from spinecoach.store.repository import Repository
from spinecoach.store.result_batches import NewResult, Stored
from tests.store.conftest import database_at

AT = datetime(2026, 11, 1, 8, 5, tzinfo=UTC)


def _result(position: int, key: str) -> NewResult:
    return NewResult(
        session_id=1,
        exercise_id="hip-bridge",
        position=position,
        completed_at=AT,
        repetitions_done=5,
        hold_seconds_actual=50.0,
        skipped=False,
        idempotency_key=key,
    )


def test_upgrading_a_database_with_results_keeps_them_and_stores_keys_from_then_on(
    tmp_path: Path,
) -> None:
    url = database_at(tmp_path / "old.db", "0005", status="in-progress")

    upgraded = open_database(url)
    repository = Repository(upgraded)
    (old,) = repository.exercise_results(1)
    # The first send's answer was lost before the update; its retry now carries a key.
    retried, new = repository.record_exercise_results([_result(0, "first"), _result(1, "second")])
    with upgraded.connect() as connection:
        keys = connection.exec_driver_sql(
            "SELECT position, idempotency_key FROM exercise_results ORDER BY position"
        ).all()
    downgrade_to(url, "0005")  # with SQLite's keys off, as the app migrates
    columns_back = {c["name"] for c in inspect(upgraded).get_columns("exercise_results")}
    upgraded.dispose()

    assert retried == Stored(old, created=False)
    assert isinstance(new, Stored) and new.created
    assert [tuple(row) for row in keys] == [(0, None), (1, "second")]
    assert "idempotency_key" not in columns_back
