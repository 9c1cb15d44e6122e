"""JSON request bodies, read by the app's one JSON reader (json_input) and not FastAPI's.

FastAPI's own reading keeps the last of two equal keys, so {"urine-difficulty": true,
"urine-difficulty": false} answered the screening with "no" where the terminal refuses it. Every
route with a JSON body reads it here: a JsonBodyRoute for routes FastAPI calls, read_json_body
for a route that reads its own body. A body the reader refuses is FastAPI's 422 with its
per-field list (one problem, located at "body", its message naming the fault); a body that is
JSON is then validated by Pydantic as before. OpenAPI still documents every body.
"""

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

from spinecoach.errors import InvalidInputError
from spinecoach.json_input import parse_json

Model = TypeVar("Model", bound=BaseModel)


def body_json(data: bytes) -> object:
    """Return a body as the shared JSON reader reads it; raise FastAPI's 422 naming the fault."""
    try:
        return parse_json(data, "the request body")
    except InvalidInputError as error:
        problem = {"type": "json_invalid", "loc": ("body",), "msg": error.user_message, "input": {}}
        raise RequestValidationError([problem]) from None


def json_body_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Return a route's openapi_extra that documents `model` as its required JSON body."""
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


async def read_json_body(request: Request, model: type[Model]) -> Model:
    """Return the request's JSON body as `model`; raise FastAPI's 422 naming each bad field."""
    try:
        return model.model_validate(body_json(await request.body()))
    except ValidationError as error:
        raise located(error, "body") from None


def located(error: ValidationError, *where: str) -> RequestValidationError:
    """Return FastAPI's 422 for a validation error, its locations starting with `where`."""
    return RequestValidationError(
        [{**e, "loc": (*where, *e["loc"])} for e in error.errors(include_url=False)]
    )


def declares_json(content_type: str) -> bool:
    """Say whether a Content-Type is one FastAPI reads as JSON (application/json or +json)."""
    media_type = content_type.partition(";")[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class _ReadJsonRequest(Request):
    """A request whose JSON body the shared reader parses, for FastAPI to validate."""

    async def json(self) -> Any:
        """Return the body as the shared reader parses it (once); raise its 422 when refused."""
        if not hasattr(self, "_json"):
            self._json = body_json(await self.body())
        return self._json


class JsonBodyRoute(APIRoute):
    """An APIRoute whose JSON body goes through the shared reader before FastAPI validates it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Return FastAPI's handler, given a request whose body the shared reader has read."""
        handle = super().get_route_handler()
        if self.body_field is None:
            return handle

        async def read_then_handle(request: Request) -> Response:
            reading = _ReadJsonRequest(request.scope, request.receive)
            # Read here, outside FastAPI's handler: inside it, any error while reading the body
            # becomes a bare 400 "There was an error parsing the body".
            if declares_json(reading.headers.get("content-type", "")) and await reading.body():
                await reading.json()
            return await handle(reading)

        return read_then_handle
