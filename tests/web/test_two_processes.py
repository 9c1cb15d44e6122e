"""Stateless processes: two uvicorn servers on one PostgreSQL serve one session alternately."""

from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.conftest import PostgresServer
from tests.web.api_helpers import answers
from tests.web.conftest import Server, start_server

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def two_servers(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[list[httpx.Client]]:
    """Two `spinecoach serve` processes (one with two workers) on one fresh database."""
    url = postgres_server.create_database()
    servers: list[Server] = []
    clients: list[httpx.Client] = []
    try:
        # One after the other: the first applies the migrations, the second finds them done.
        servers.append(start_server(url, tmp_path / "a.log"))
        servers.append(start_server(url, tmp_path / "b.log", "--workers", "2"))
        clients = [httpx.Client(base_url=s.url, timeout=30) for s in servers]
        yield clients
    finally:
        for client in clients:
            client.close()
        for server in servers:
            server.stop()


def test_one_session_is_served_by_either_process(two_servers: list[httpx.Client]) -> None:
    first, second = two_servers
    assert first.post("/api/screening", json={"answers": answers()}).status_code == 201
    started = second.post("/api/sessions", json={"routine": "all-six", "pain_before": 5})
    # One browser talks to both: it sends the player cookie it was given to either process.
    first.cookies.update(second.cookies)
    session = started.json()["session"]["id"]
    exercises = [e["exercise"] for e in started.json()["timeline"]["routine"]["exercises"]]

    statuses = []
    for position, exercise in enumerate(exercises[:4]):
        server = two_servers[position % 2]
        result = {
            "position": position,
            "exercise": exercise,
            "repetitions_done": 2,
            "hold_seconds": 15.0,
            "skipped": False,
            "idempotency_key": f"{session}-{position}",
        }
        statuses.append(server.post(f"/api/sessions/{session}/results", json=result).status_code)
        # The retry lands on the other process and still finds the stored result.
        retry = two_servers[(position + 1) % 2].post(
            f"/api/sessions/{session}/results", json=result
        )
        statuses.append(retry.status_code)
    current = first.get("/api/sessions/current").json()
    summary = second.post(
        f"/api/sessions/{session}/finish", json={"reason": "quit", "pain_after": 4}
    )

    assert statuses == [201, 200] * 4
    # What is left starts at the fifth planned exercise, recorded under its planned position.
    assert current["positions"][current["first_exercise"]] == 4
    assert current["session"]["id"] == session
    assert summary.json()["pain_before"] == 5
    assert first.get("/api/history").json()["sessions"][0]["status"] == "quit"
