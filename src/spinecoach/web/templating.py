"""Jinja2 pages with autoescaping, rendered with the request so templates can build URLs."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


def in_clinic_mode(request: Request) -> bool:
    """Say whether the page is served by a clinic (some apps, like the phone setup page, have
    no settings at all)."""
    return bool(getattr(getattr(request.app.state, "settings", None), "clinic", False))


templates.env.globals["in_clinic_mode"] = in_clinic_mode


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """Render one page; `context` adds to what every page gets (the request)."""
    return templates.TemplateResponse(request, name, dict(context or {}), status_code=status_code)


def template_exists(name: str) -> bool:
    """Say whether a template file is present (the player page is built on another branch)."""
    return (TEMPLATES_DIR / name).is_file()
