"""Exercise figures as SVG files: a still key pose and a looping animation of one repetition."""

from functools import lru_cache

from fastapi import APIRouter
from fastapi.responses import Response

from spinecoach.catalog.loader import default_catalog
from spinecoach.figures.drawings import figure_svg
from spinecoach.figures.motion import animation_svg
from spinecoach.web.deps import SameSiteOnly

router = APIRouter(prefix="/figures", include_in_schema=False, dependencies=[SameSiteOnly])

# Figures depend only on the packaged content, so a browser may keep them for a day.
CACHE = {"Cache-Control": "public, max-age=86400"}
SVG = "image/svg+xml"


@lru_cache(maxsize=32)
def _still(exercise_id: str) -> str:
    default_catalog().exercise(exercise_id)  # NotFoundError (404) for an unknown id
    return figure_svg(exercise_id)


@lru_cache(maxsize=32)
def _moving(exercise_id: str) -> str:
    default_catalog().exercise(exercise_id)
    return animation_svg(exercise_id)


@router.get("/{exercise_id}.svg")
def still_figure(exercise_id: str) -> Response:
    """Return the exercise's main held pose as a still drawing."""
    return Response(_still(exercise_id), media_type=SVG, headers=CACHE)


@router.get("/{exercise_id}/moving.svg")
def moving_figure(exercise_id: str) -> Response:
    """Return one repetition of the exercise as a looping animation."""
    return Response(_moving(exercise_id), media_type=SVG, headers=CACHE)
