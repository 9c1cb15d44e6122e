"""HTML pages of the journey: home, first run, plan, exercises, history, settings, about."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from spinecoach.web.templating import render, template_exists

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    """Show today's suggested routine with one big Start button."""
    return render(request, "home.html", {"nav": "home"})


@router.get("/play", response_class=HTMLResponse)
def play(request: Request, session_id: int | None = None) -> Response:
    """Show the in-browser player (its template comes with the player's branch)."""
    if not template_exists("player.html"):
        return render(
            request,
            "error.html",
            {"status": 404, "title": "Player not here yet", "detail": "This build has no player."},
            status_code=404,
        )
    return render(request, "player.html", {"session_id": session_id})
