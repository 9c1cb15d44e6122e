"""Results arriving together are committed together, and each is still recorded exactly once."""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2 as httpx

from tests.web.api_helpers import answers


def _post(base: str, path: str, body: dict[str, Any]) -> httpx.Response:
    with httpx.Client(base_url=base, timeout=30) as client:
        return client.post(path, json=body)


def test_many_results_at_once_are_each_recorded_once_with_retries_answered(
    web_server: str, client: httpx.Client
) -> None:
    client.post("/api/screening", json={"answers": answers()}).raise_for_status()
    started = client.post("/api/sessions", json={"routine": "all-six", "pain_before": 3})
    session = started.json()["session"]["id"]
    path = f"/api/sessions/{session}/results"
    planned = [item["exercise"] for item in started.json()["timeline"]["routine"]["exercises"]]

    def body(position: int, repetitions: int = 1) -> dict[str, Any]:
        return {
            "position": position,
            "exercise": planned[position],
            "repetitions_done": repetitions,
            "hold_seconds": 0.0,
            "skipped": False,
            "idempotency_key": f"key-{position}",
        }

    # A result is checked against the routine's six positions: three sent twice (a retry racing
    # the original), three sent twice with other numbers, each many times over.
    sends = [body(p) for p in range(3)] * 8 + [body(p, repetitions=1) for p in range(3, 6)]
    sends += [body(p, repetitions=0) for p in range(3, 6)]
    with ThreadPoolExecutor(max_workers=24) as pool:
        answered = list(pool.map(lambda b: _post(web_server, path, b), sends))

    by_position: dict[int, list[httpx.Response]] = {}
    for sent, response in zip(sends, answered, strict=True):
        by_position.setdefault(sent["position"], []).append(response)
    for position in range(3):
        codes = sorted(response.status_code for response in by_position[position])
        assert codes == [200] * 7 + [201], (position, [r.text for r in by_position[position]])
        assert len({response.text for response in by_position[position]}) == 1
    for position in range(3, 6):
        codes = sorted(response.status_code for response in by_position[position])
        assert codes == [201, 409]  # whichever came first is kept; the other is refused
    stored = client.get("/api/sessions/current").json()
    assert sorted(r["position"] for r in stored["results"]) == list(range(6))
