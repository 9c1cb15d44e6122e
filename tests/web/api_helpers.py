"""Helpers for API tests: screening answers and the error shape every failure must have."""

from typing import Any

import httpx2 as httpx

from spinecoach.safety.loader import default_screening
from spinecoach.safety.schema import ItemKind


def answers(**yes: bool) -> dict[str, bool]:
    """Every red flag no, every acknowledgement yes, then overrides by id (dashes as _)."""
    given = {item.id: item.kind is ItemKind.ACKNOWLEDGEMENT for item in default_screening().items}
    given.update({key.replace("_", "-"): value for key, value in yes.items()})
    return given


def assert_error(response: httpx.Response, status: int) -> Any:
    """Assert the response is the given 4xx with a JSON `detail`; return the detail."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail"}
    assert body["detail"]
    return body["detail"]


def result_body(position: int, exercise: str, key: str) -> dict[str, Any]:
    """Return an exercise result as the player sends it: one repetition, no hold."""
    return {
        "position": position,
        "exercise": exercise,
        "repetitions_done": 1,
        "hold_seconds": 0.0,
        "skipped": False,
        "idempotency_key": key,
    }


def start_screened_session(client: httpx.Client) -> tuple[int, list[str]]:
    """Pass the safety screen, start all-six; return the session's id and planned exercises."""
    client.post("/api/screening", json={"answers": answers()}).raise_for_status()
    started = client.post("/api/sessions", json={"routine": "all-six", "pain_before": 3})
    routine = started.json()["timeline"]["routine"]
    return started.json()["session"]["id"], [item["exercise"] for item in routine["exercises"]]
