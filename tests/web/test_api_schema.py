"""Property-based API tests from the app's own /openapi.json: no 500, no answer off its schema."""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.testclient import TestClient

from spinecoach.serving import WebSettings
from spinecoach.web.app import create_app
from tests.web.api_helpers import answers

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


# Loaded at import, not through schemathesis.pytest.from_fixture, which fails on pytest 9
# ("'Function' object has no attribute '_nodeid'"). The database lives in its own temp dir.
DATA_DIR = Path(tempfile.mkdtemp(prefix="spinecoach-schema-"))
# schemathesis's in-process client calls the app as "testserver".
APP = create_app(
    WebSettings(database_url=f"sqlite:///{DATA_DIR / 'schema.db'}", extra_hosts=("testserver",))
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def screened_person_with_a_session() -> Iterator[None]:
    """Give the generated requests a screened person with a session in progress to act on."""
    with TestClient(APP, base_url="http://testserver") as client:
        client.post("/api/screening", json={"answers": answers()})
        client.post("/api/sessions", json={"routine": "desk-break", "pain_before": 3})
        yield
    shutil.rmtree(DATA_DIR, ignore_errors=True)


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


def test_the_schema_lists_every_api_operation() -> None:
    paths = set(schema.raw_schema["paths"])

    assert {
        "/api/catalog",
        "/api/plan",
        "/api/timeline",
        "/api/screening",
        "/api/sessions",
        "/api/sessions/{session_id}/results",
        "/api/sessions/{session_id}/finish",
        "/api/pain",
        "/api/history",
    } <= paths
    assert not any(path.startswith(("/docs", "/static", "/plan")) for path in paths)
