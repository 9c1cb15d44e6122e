"""Migration 0009 writes the old guess into sessions already stopped for pain, so none changes."""

import json
from pathlib import Path

from alembic import command

from spinecoach.store.database import alembic_config, create_database_engine, open_database
from spinecoach.store.repository import Repository

ROUTINE = {"id": "floor", "exercises": [{"exercise": "hip-bridge"}, {"exercise": "cat-cow"}]}


def test_sessions_stopped_for_pain_before_0009_keep_the_stretch_they_blamed(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_database_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        connection.exec_driver_sql(
            "INSERT INTO people (id, name, created_at) VALUES (1, 'me', '2026-11-01 08:00:00')"
        )
        # 1: stopped in its second stretch; 2: stopped in its first; 3: finished normally.
        for session_id, status in ((1, "stopped-pain"), (2, "stopped-pain"), (3, "completed")):
            connection.exec_driver_sql(
                "INSERT INTO sessions (id, person_id, started_at, routine_id, routine, "
                "planned_seconds, status, ended_at) VALUES (?, 1, '2026-11-01 08:00:00', "
                "'floor', ?, 300, ?, '2026-11-01 08:04:00')",
                (session_id, json.dumps(ROUTINE), status),
            )
        for session_id in (1, 3):
            connection.exec_driver_sql(
                "INSERT INTO exercise_results (session_id, exercise_id, position, completed_at,"
                " repetitions_done, hold_seconds_actual, skipped) VALUES (?, 'hip-bridge', 0,"
                " '2026-11-01 08:03:00', 5, 50.0, 0)",
                (session_id,),
            )
    engine.dispose()

    upgraded = open_database(url)  # upgrades to the newest revision
    sessions = Repository(upgraded).sessions(1)
    upgraded.dispose()

    assert [s.pain_worse_during for s in sessions] == ["cat-cow", "hip-bridge", None]
