"""/docs: Swagger UI served from our own origin (FastAPI's default loads it from a CDN)."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from spinecoach.web.templating import STATIC_DIR

router = APIRouter(include_in_schema=False)

# `make install` copies Swagger UI 5 here from npm's swagger-ui-dist (git-ignored). Version 5,
# not the swagger-ui-bundle wheel's 4.x: 4.x refuses FastAPI's OpenAPI 3.1 ("Unable to render
# this definition").
SWAGGER_UI_DIR = STATIC_DIR / "vendor" / "swagger-ui"

# No inline script: the Content-Security-Policy allows scripts from 'self' only, so the page
# loads Swagger UI and a tiny start-up module from /static.
DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>spinecoach API</title>
<link rel="icon" href="/static/icons/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="stylesheet" href="/static/css/docs.css">
</head>
<body>
<main><h1 class="visually-hidden">spinecoach API</h1><div id="swagger-ui"></div></main>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/js/docs.js"></script>
</body>
</html>
"""

MISSING_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>spinecoach API</title>
<link rel="icon" href="/static/icons/icon.svg" type="image/svg+xml"></head>
<body><main><h1>spinecoach API</h1>
<p>The documentation viewer is not installed (run <code>make install</code>).
The API's description is at <a href="/openapi.json">/openapi.json</a>.</p>
</main></body>
</html>
"""


@router.get("/docs")
def docs() -> HTMLResponse:
    """Return the interactive API documentation page."""
    if not (SWAGGER_UI_DIR / "swagger-ui-bundle.js").is_file():
        return HTMLResponse(MISSING_PAGE)
    return HTMLResponse(DOCS_PAGE)
