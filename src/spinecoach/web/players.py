"""Which browser plays a session: a random token in a cookie of its own, made when first needed.

The browser, not the tab: the player keeps its outbox and the session it plays in the
browser's storage, which every tab of it shares, so a result a closed tab left unsent is sent
by the next tab, under the same owner. Another browser (the laptop after the phone) that
carries the session on claims it, and the first one's later results are refused with a 409.
"""

import re
import secrets
from typing import Annotated

from fastapi import Depends, Request, Response

from spinecoach.store.liveness import SessionOwner

PLAYER_COOKIE = "spinecoach_player"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
ONE_YEAR_SECONDS = 365 * 24 * 3600


async def known_player(request: Request) -> SessionOwner | None:
    """Return the browser that sent the request, or None when it carries no player cookie."""
    token = request.cookies.get(PLAYER_COOKIE, "")
    return SessionOwner.browser(token) if _TOKEN.fullmatch(token) else None


async def player(request: Request, response: Response) -> SessionOwner:
    """Return the browser that sent the request, giving it a player cookie if it has none."""
    known = await known_player(request)
    if known is not None:
        return known
    token = secrets.token_urlsafe(16)
    response.set_cookie(
        PLAYER_COOKIE,
        token,
        max_age=ONE_YEAR_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return SessionOwner.browser(token)


def with_player_cookie(answer: Response, response: Response) -> Response:
    """Return the answer with the cookie player() set on the route's response, if it set one.

    For a route that returns a Response of its own, which FastAPI sends as it is.
    """
    for cookie in response.headers.getlist("set-cookie"):
        answer.headers.append("set-cookie", cookie)
    return answer


KnownPlayerDep = Annotated[SessionOwner | None, Depends(known_player)]
PlayerDep = Annotated[SessionOwner, Depends(player)]
