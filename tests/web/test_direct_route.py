"""A DirectRoute answers as FastAPI's own route would, and its OpenAPI entry is the same."""

from typing import Annotated

import pytest
from fastapi import FastAPI, Path, Request, Response
from fastapi.responses import JSONResponse
from starlette.testclient import TestClient

from spinecoach.web.direct_route import DirectRoute
from tests.web.api_helpers import assert_error

Id = Annotated[int, Path(ge=1, le=1000)]


async def echo(item_id: Id, request: Request) -> Response:
    return JSONResponse({"item": item_id, "method": request.method})


def both_ways() -> FastAPI:
    app = FastAPI()
    app.router.add_api_route("/plain/{item_id}", echo, methods=["POST"])
    app.router.add_api_route(
        "/direct/{item_id}", echo, methods=["POST"], route_class_override=DirectRoute
    )
    return app


@pytest.mark.parametrize("item_id", ["7", "1000", "0", "1001", "x", "1.5", "-3", "9" * 30])
def test_a_direct_route_answers_each_path_value_as_fastapi_does(item_id: str) -> None:
    with TestClient(both_ways()) as client:
        plain = client.post(f"/plain/{item_id}")
        direct = client.post(f"/direct/{item_id}")

    assert (direct.status_code, direct.json()) == (plain.status_code, plain.json())
    assert direct.status_code in (200, 422)


def test_a_direct_route_is_documented_as_fastapi_documents_its_own() -> None:
    paths = both_ways().openapi()["paths"]

    def without_ids(operation: dict[str, object]) -> dict[str, object]:
        return {k: v for k, v in operation.items() if k not in ("operationId", "summary")}

    assert without_ids(paths["/direct/{item_id}"]["post"]) == without_ids(
        paths["/plain/{item_id}"]["post"]
    )


def test_an_endpoint_wanting_more_than_its_path_is_refused_when_the_route_is_made() -> None:
    async def wants_query(item_id: Id, request: Request, page: int = 1) -> Response:
        return Response()

    app = FastAPI()
    with pytest.raises(TypeError, match="page"):
        app.router.add_api_route(
            "/x/{item_id}", wants_query, methods=["GET"], route_class_override=DirectRoute
        )


def test_the_result_route_refuses_a_session_id_out_of_range_naming_it(api: TestClient) -> None:
    body = {"position": 0, "exercise": "cat-cow", "repetitions_done": 1, "hold_seconds": 0}
    body |= {"skipped": False, "idempotency_key": "k"}

    for session in ("0", "x", "2147483648"):
        detail = assert_error(api.post(f"/api/sessions/{session}/results", json=body), 422)

        assert [problem["loc"] for problem in detail] == [["path", "session_id"]]
