"""The plain-HTTP port of `serve --lan`: the local authority's certificate and how to install it.

A phone cannot open the HTTPS app before it trusts the authority, so this one page comes over
plain HTTP; it holds nothing secret and answers nothing else.
"""

from dataclasses import replace
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from spinecoach.errors import InvalidInputError
from spinecoach.serving import WebSettings, settings_from_environment
from spinecoach.tls.pem import certificate_der, certificate_pem, read_certificate
from spinecoach.web.security import SecurityMiddleware, host_name
from spinecoach.web.templating import STATIC_DIR, render

CERTIFICATE_FILE = "spinecoach-ca"
# The type iOS Safari offers to install as a profile and Android saves as a CA certificate.
DER_TYPE = "application/x-x509-ca-cert"
PEM_TYPE = "application/x-pem-file"


def create_setup_app(settings: WebSettings) -> Starlette:
    """Return the app that serves the authority's certificate and the page that explains it."""
    if settings.authority_certificate is None:
        raise InvalidInputError("the phone setup page needs the authority's certificate file")
    path = settings.authority_certificate
    authority = read_certificate(Path(path).read_bytes(), path)
    der, pem = certificate_der(authority), certificate_pem(authority)

    def https_address(request: Request) -> str:
        host = host_name(request.headers.get("host", ""))
        shown = f"[{host}]" if ":" in host else host
        return f"https://{shown}:{settings.port}/"

    async def instructions(request: Request) -> Response:
        return render(request, "phone_setup.html", {"https_url": https_address(request)})

    async def certificate(request: Request) -> Response:
        as_pem = request.url.path.endswith(".pem")
        name = f"{CERTIFICATE_FILE}.{'pem' if as_pem else 'crt'}"
        return Response(
            pem if as_pem else der,
            media_type=PEM_TYPE if as_pem else DER_TYPE,
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    async def stylesheet(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "css" / "app.css", media_type="text/css")

    async def nothing_else(request: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, HTTPException) else 404
        detail = f"only the phone setup is here; spinecoach itself is at {https_address(request)}"
        return JSONResponse({"detail": detail}, status_code=status)

    app = Starlette(
        routes=[
            Route("/", instructions),
            Route(f"/{CERTIFICATE_FILE}.crt", certificate),
            Route(f"/{CERTIFICATE_FILE}.pem", certificate),
            Route("/static/css/app.css", stylesheet),
        ],
        exception_handlers={HTTPException: nothing_else},
    )
    # The same Host check and headers as the app; no token, since nothing here is secret.
    app.add_middleware(SecurityMiddleware, settings=replace(settings, lan_token=None))
    return app


def setup_app_from_environment() -> Starlette:
    """Build the setup app from the settings `spinecoach serve --lan` left in the environment."""
    return create_setup_app(settings_from_environment())
