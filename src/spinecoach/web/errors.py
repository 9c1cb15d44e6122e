"""The one place where an exception becomes a response: JSON under /api, an error page elsewhere."""

import json
import logging
import math

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from spinecoach.errors import (
    BusyError,
    CatalogError,
    ConflictError,
    InvalidInputError,
    NotAllowedError,
    NotFoundError,
    NothingFitsError,
    NotSignedInError,
    OutsidePlanError,
    SpinecoachError,
    TooManyAttemptsError,
    UnsafeRoutineError,
)
from spinecoach.web.nothing_fits import nothing_fits_detail
from spinecoach.web.templating import render

logger = logging.getLogger("spinecoach.web")

# Looked up along the class hierarchy (as starlette's handlers are), so a new subclass inherits
# its parent's status.
STATUS_FOR: dict[type[SpinecoachError], int] = {
    NotFoundError: 404,
    NotSignedInError: 401,
    NotAllowedError: 403,
    TooManyAttemptsError: 429,
    ConflictError: 409,
    UnsafeRoutineError: 403,
    # 400, not 422: FastAPI's 422 always carries its per-field list, so the OpenAPI schema of
    # a 422 body stays true; our own checks answer with one sentence.
    NothingFitsError: 400,
    InvalidInputError: 400,
    # A result the routine could not have produced: the body was well formed but one of its
    # fields disagrees with the plan, so 422 like any other invalid field, one sentence naming it.
    OutsidePlanError: 422,
    CatalogError: 500,  # content is checked at startup; reaching this is a bug
    # Another writer held the database past the wait: nothing was written, a retry will do.
    BusyError: 503,
    SpinecoachError: 400,
}
TITLES = {
    400: "That did not work",
    401: "Token needed",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "Already recorded",
    413: "Too much at once",
    422: "Please check what you entered",
    500: "Something went wrong on our side",
    503: "Busy for a moment",
}
# A bad input is echoed in a 422 only this far: a 10 MB body was once echoed back whole (73 MB).
SHOWN_INPUT_CHARACTERS = 200
# Seconds a client waits before sending again what the busy database refused: a lock held
# longer than the write queue's wait is usually a restore or another program's long write.
RETRY_AFTER_SECONDS = 2


def status_for(error: SpinecoachError) -> int:
    """Return the HTTP status of a domain error, found through its class hierarchy."""
    for cls in type(error).__mro__:
        if cls in STATUS_FOR:
            return STATUS_FOR[cls]
    return 400


def wants_json(request: Request) -> bool:
    """Say whether the caller is the JSON API rather than a person's browser page."""
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, detail: str) -> Response:
    """Return `{"detail": ...}` for the API, the error page with the same message otherwise."""
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    title = TITLES.get(status, "That did not work")
    context = {"status": status, "title": title, "detail": detail}
    return render(request, "error.html", context, status_code=status)


async def _domain_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, SpinecoachError)
    status = status_for(error)
    if status == 500:
        logger.exception("content error reached a request", exc_info=error)
    if isinstance(error, NothingFitsError):
        return error_response(request, status, nothing_fits_detail(error))
    if isinstance(error, NotSignedInError) and not wants_json(request):
        # A patient's page in clinic mode, on a device no link has enrolled.
        return render(request, "not_enrolled.html", {}, status_code=status)
    response = error_response(request, status, error.user_message)
    if status == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if isinstance(error, TooManyAttemptsError):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    response = error_response(request, error.status_code, str(error.detail))
    if error.headers:
        response.headers.update(error.headers)
    return response


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if wants_json(request):
        # FastAPI's own per-field list, so API clients see which field is wrong; the inputs
        # echoed in it are made JSON first (a NaN, or bytes that are not UTF-8, were a 500),
        # and cut short.
        safe = RequestValidationError([_shown(problem) for problem in error.errors()])
        return await request_validation_exception_handler(request, safe)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc'][1:])}: {problem['msg']}"
        for problem in error.errors()
    )
    return error_response(request, 422, problems)


def _shown(problem: dict[str, object]) -> object:
    """Return a validation problem as JSON can carry it, its echoed input cut short."""
    safe = _json_safe(problem)
    assert isinstance(safe, dict)
    if "input" in safe:
        text = json.dumps(safe["input"], ensure_ascii=False)
        if len(text) > SHOWN_INPUT_CHARACTERS:
            safe["input"] = text[:SHOWN_INPUT_CHARACTERS] + "…"
    return safe


def _json_safe(value: object) -> object:
    """Return the value with what JSON cannot carry (NaN, infinities, raw bytes) as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    return value


async def _unexpected_error(request: Request, error: Exception) -> Response:
    logger.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(request, 500, "an unexpected error happened; it has been logged")


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception the app can raise to one response shape."""
    app.add_exception_handler(SpinecoachError, _domain_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
