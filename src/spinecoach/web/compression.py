"""Gzip for what a browser downloads, but not for the acknowledgement of each exercise result."""

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import Receive, Scope, Send


class Compression(GZipMiddleware):
    """Compress answers of 500 bytes or more; pass recorded results' answers straight through.

    A result's answer is some 200 bytes, never compressed, yet wrapping it cost 7 % of the
    route that a session calls most (bench/web.py, sampled with py-spy).
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].endswith("/results")
        ):
            await self.app(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)
