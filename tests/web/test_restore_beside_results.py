"""A backup restored on the web while a player sends results: one writer, nothing lost."""

import copy
import sqlite3
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx2 as httpx

from tests.web.api_helpers import result_body, start_screened_session
from tests.web.conftest import start_server
from tests.write_lock import write_lock

RESTORES = 2
HELD_SECONDS = 7.0
ENTRIES_PER_RESTORE = 400  # diary entries each restore adds: a write long enough to overlap


def _with_diary(backup: dict[str, Any], restore: int) -> dict[str, Any]:
    """Return the backup with diary entries of its own (new ids, UUIDs) for one restore to add."""
    extended = copy.deepcopy(backup)
    pain = extended["tables"]["pain_entries"]
    columns = pain["columns"]
    template = dict(zip(columns, pain["rows"][0], strict=True))
    for n in range(ENTRIES_PER_RESTORE):
        entry = {**template, "id": 1000 * (restore + 1) + n, "context": "diary"}
        entry |= {"session_id": None, "score": n % 11, "uuid": str(uuid4())}
        pain["rows"].append([entry[column] for column in columns])
    return extended


def _post(base: str, path: str, **sent: Any) -> httpx.Response:
    return httpx.post(f"{base}{path}", timeout=120, **sent)


def _send_until_stored(base: str, path: str, body: dict[str, Any]) -> list[int]:
    """Send a result as the player's outbox does: again after a 503, until it is stored."""
    statuses = []
    with httpx.Client(base_url=base, timeout=60) as client:
        while not statuses or statuses[-1] == 503:
            statuses.append(client.post(path, json=body).status_code)
    return statuses


def test_a_restore_while_results_arrive_loses_nothing_and_is_never_locked_out(
    db_file: Path, tmp_path: Path
) -> None:
    server = start_server(str(db_file), tmp_path / "server.log")
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            session, planned = start_screened_session(client)
            path = f"/api/sessions/{session}/results"
            backup = client.get("/api/export/backup").json()
        # A terminal session writing holds the file for a while: results and restores wait.
        with write_lock(db_file) as lock, ThreadPoolExecutor(max_workers=10) as pool:
            restores = [
                pool.submit(_post, server.url, "/api/import", json=_with_diary(backup, n))
                for n in range(RESTORES)
            ]
            results = [
                pool.submit(
                    _send_until_stored, server.url, path, result_body(p, exercise, f"beside-{p}")
                )
                for p, exercise in enumerate(planned)
            ]
            # Past the time a connection of the restore's own gives up on the lock (SQLite's
            # usual 5 s), unless a restore has answered before.
            wait(restores, timeout=HELD_SECONDS)
            lock.release()
            restored = [sent.result() for sent in restores]
            sent = [sending.result() for sending in results]
    finally:
        server.stop()

    assert [(answer.status_code, answer.text) for answer in restored] == [
        (200, answer.text) for answer in restored
    ]
    assert all(a.json()["inserted"]["pain_entries"] == ENTRIES_PER_RESTORE for a in restored)
    assert all(statuses[-1] == 201 for statuses in sent), sent
    with sqlite3.connect(db_file) as connection:
        positions = connection.execute("SELECT position FROM exercise_results ORDER BY 1")
        assert [p for (p,) in positions] == list(range(len(planned)))
        diary = connection.execute("SELECT COUNT(*) FROM pain_entries WHERE context = 'diary'")
        assert diary.fetchone() == (RESTORES * ENTRIES_PER_RESTORE,)
