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
