"""A FastAPI route that calls its endpoint directly: for the route a session calls most.

Recording an exercise result spent a ninth of the server's time in FastAPI's per-request
machinery (dependency solving, two exit stacks) and nearly as much again in matching its path
twice through an included router (bench/web.py, py-spy). A DirectRoute keeps what FastAPI
derives from the endpoint's signature (OpenAPI, its 422 for a bad path parameter) and skips the
rest per request.
"""

import inspect
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError
from starlette.routing import request_response

from spinecoach.web.json_body import located

Endpoint = Callable[..., Awaitable[Response]]


class DirectRoute(APIRoute):
    """An APIRoute whose async endpoint takes `request` and its path parameters, nothing else.

    The endpoint reads its own body (json_body.read_json_body). Add it with
    `app.router.add_api_route(..., route_class_override=DirectRoute)` before any include_router:
    on the app's own router it is matched once, first.
    """

    def __init__(self, path: str, endpoint: Endpoint, **options: Any) -> None:
        super().__init__(path, endpoint, **options)
        self.app = request_response(self.get_route_handler())

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Return a handler that checks the path parameters and awaits the endpoint."""
        endpoint: Endpoint = self.endpoint
        checks = _path_checks(endpoint, self.param_convertors)

        async def handle(request: Request) -> Response:
            values: dict[str, Any] = {}
            for name, check in checks.items():
                try:
                    values[name] = check.validate_python(request.path_params[name])
                except ValidationError as error:
                    raise located(error, "path", name) from None
            return await endpoint(request=request, **values)

        return handle


def _path_checks(endpoint: Endpoint, names: dict[str, Any]) -> dict[str, TypeAdapter[Any]]:
    """Return a validator for each path parameter, from the endpoint's annotations."""
    parameters = inspect.signature(endpoint, eval_str=True).parameters
    unknown = set(parameters) - set(names) - {"request"}
    if unknown:
        raise TypeError(f"a DirectRoute endpoint takes only request and path parameters: {unknown}")
    return {name: TypeAdapter(parameters[name].annotation) for name in names}
