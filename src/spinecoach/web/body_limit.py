"""Request body limits: a body is counted as it arrives and refused (413) once past its limit.

A body was read whole before any size check: a 300 MB upload took the server to 846 MB. Here
every request has a small limit that a route may raise before it reads (restoring a backup);
the bytes are counted as the server receives them, so a body too large is refused after at
most one chunk past the limit, and one whose Content-Length already says so before any is read.
Starlette's own limit (max_body_size) answers a declared-too-large body in plain text, past our
error handlers and security headers; this one raises an HTTPException that they answer.
"""

from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spinecoach.json_input import size_words

SCOPE_KEY = "spinecoach.body_limit"


@dataclass
class BodyBudget:
    """How many bytes this request's body may have, and how many have arrived."""

    limit: int
    received: int = 0


class BodyTooLarge(HTTPException):
    """The request body is larger than its route takes: 413 with the limit in words."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413, f"the request body is larger than {size_words(limit)}, the most this address takes"
        )


def allow_body_bytes(request: Request, limit: int) -> None:
    """Let this request's body grow to `limit` bytes; call it before reading the body."""
    budget: BodyBudget = request.scope[SCOPE_KEY]
    budget.limit = limit


class BodyLimit:
    """Count every request body as it arrives; past its limit, the next read raises 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        budget = BodyBudget(self.limit)
        scope[SCOPE_KEY] = budget
        declared = _declared_length(scope)

        async def counted() -> Message:
            # Checked at the first read, not here: the route may raise the limit first.
            if declared is not None and declared > budget.limit:
                raise BodyTooLarge(budget.limit)
            message = await receive()
            if message["type"] == "http.request":
                budget.received += len(message.get("body", b""))
                if budget.received > budget.limit:
                    raise BodyTooLarge(budget.limit)
            return message

        await self.app(scope, counted, send)


def _declared_length(scope: Scope) -> int | None:
    """Return the Content-Length the request declares, or None without a usable one."""
    for name, value in scope["headers"]:  # ASGI gives header names in lower case
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None
