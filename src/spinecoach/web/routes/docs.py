"""/docs: Swagger UI served from our own origin (FastAPI's default loads it from a CDN)."""

from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

# No inline script: the Content-Security-Policy allows scripts from 'self' only, so the page
# loads Swagger UI and a tiny start-up module from /static.
DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>spinecoach API</title>
<link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css">
</head>
<body>
<main><h1 class="visually-hidden">spinecoach API</h1><div id="swagger-ui"></div></main>
<script src="/static/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/js/docs.js"></script>
</body>
</html>
"""


def swagger_ui_directory() -> str:
    """Return the folder of Swagger UI's files inside the swagger-ui-bundle package."""
    vendor = files("swagger_ui_bundle") / "vendor"
    # The folder is named after the Swagger UI version the package bundles.
    folder = next(entry for entry in vendor.iterdir() if entry.name.startswith("swagger-ui"))
    return str(folder)


@router.get("/docs")
def docs() -> HTMLResponse:
    """Return the interactive API documentation page."""
    return HTMLResponse(DOCS_PAGE)
