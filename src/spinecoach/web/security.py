"""Guards of a local server: Host check, cross-site refusal, LAN token, security headers."""

import hmac
import json
from collections.abc import Mapping
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spinecoach.serving import TOKEN_COOKIE, WebSettings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Everything from our own origin; nothing inline, no CDN. data: images are Swagger UI's icons;
# blob: media lets the player play speech clips it decoded from /api/speech. 'wasm-unsafe-eval'
# lets the camera coach compile the pose model's WebAssembly (served by us); it allows no eval.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; "
    "media-src 'self' blob:; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # The LAN URL carries the token: never send it to another origin in a Referer. (Not
    # "no-referrer": Chromium then sends "Origin: null" on our own form posts.)
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


def host_name(host_header: str) -> str:
    """Return the host part of a Host header value, lower case, without port or brackets."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _headers(scope: Scope) -> dict[str, str]:
    return {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}


def cross_site_reason(method: str, headers: Mapping[str, str]) -> str | None:
    """Return why a state-changing request comes from another site, or None if it does not."""
    if method in SAFE_METHODS:
        return None
    return foreign_site_reason(headers)


def foreign_site_reason(headers: Mapping[str, str]) -> str | None:
    """Return why any request comes from another site's page, or None if it does not."""
    # Browsers that send Sec-Fetch-Site say exactly where a request comes from; "same-site" is
    # refused too, since another app on localhost:3000 is same-site with us.
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        if fetch_site in ("same-origin", "none"):
            return None
        return f"Sec-Fetch-Site is {fetch_site!r}"
    origin = headers.get("origin")
    if origin is not None:
        parts = urlsplit(origin)
        if origin == "null" or parts.netloc.lower() != headers.get("host", "").lower():
            return f"Origin {origin!r} is not this server"
    return None


def cross_site_refusal(reason: str) -> str:
    """Return the words of a 403 for a request another site's page sent."""
    return f"refused a request from another site ({reason})"


def token_matches(given: str | None, expected: str) -> bool:
    """Compare a presented token with the secret in constant time."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def _presented_token(scope: Scope, headers: dict[str, str]) -> tuple[str | None, bool]:
    """Return the token the request carries and whether it came in the query string."""
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
    if "token" in query:
        return query["token"], True
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip(), False
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is the same as none
        return None, False
    morsel = cookie.get(TOKEN_COOKIE)
    return (morsel.value if morsel else None), False


class SecurityMiddleware:
    """Refuse foreign Host headers, cross-site writes and token-less LAN requests; add headers."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.allowed_hosts = settings.allowed_hosts
        self.token = settings.lan_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if host_name(headers.get("host", "")) not in self.allowed_hosts:
            # DNS rebinding: a foreign name resolving to us must not reach the person's data.
            await _refuse(send, 400, "this server does not answer to that Host name")
            return
        if self.token is not None:
            given, in_query = _presented_token(scope, headers)
            if not token_matches(given, self.token):
                await _refuse(send, 401, "open the link with the token that `serve --lan` printed")
                return
            if in_query and scope["method"] in SAFE_METHODS:
                await _store_token_and_redirect(scope, send, self.token)
                return
        reason = cross_site_reason(scope["method"], headers)
        if reason is not None:
            await _refuse(send, 403, cross_site_refusal(reason))
            return
        await self.app(scope, receive, _with_security_headers(send))


def _with_security_headers(send: Send) -> Send:
    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
        await send(message)

    return send_with_headers


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _store_token_and_redirect(scope: Scope, send: Send, token: str) -> None:
    """Move the token from the URL into an HttpOnly cookie, then reload without it."""
    query = [
        (key, value)
        for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        if key != "token"
    ]
    # One leading slash only: "//host" or "/\\host" would send the browser to another site.
    path = "/" + scope["path"].lstrip("/\\")
    location = path + (f"?{urlencode(query)}" if query else "")
    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000"
    if scope.get("scheme") == "https":
        cookie += "; Secure"  # never sent back over plain HTTP, where the network could read it
    headers = [
        (b"location", location.encode()),
        (b"set-cookie", cookie.encode()),
        (b"content-length", b"0"),
        (b"cache-control", b"no-store"),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
