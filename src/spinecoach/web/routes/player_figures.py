"""Figures for the session player: one repetition sampled over the compiled timeline's phases.

The answer is compact motion data (figures/frames.py), not an SVG: the page builds the
outlines from it on every frame (static/player/figure.js) at the time the timeline gives, so
the body moves in step with the cues and the breath pacer. Holds are drawn short (the pose
does not change during one) to keep the data small; the page maps a hold's time onto its
short slot.
"""

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response

from spinecoach.errors import InvalidInputError, NotFoundError, SpinecoachError
from spinecoach.figures.animation import MOVING_CUES, STILL_CUES, check_repetition_phases
from spinecoach.figures.frames import FigureFrames, figure_frames
from spinecoach.web.deps import SameSiteOnly
from spinecoach.web.schemas import error_responses

router = APIRouter(
    prefix="/api/player",
    tags=["player"],
    dependencies=[SameSiteOnly],
    responses=error_responses(403),
)


def parse_phases(text: str) -> tuple[tuple[str, float], ...]:
    """Return (cue kind, seconds) pairs from "prepare:0.5,inhale:4"; raise 422 naming the fault."""
    phases: list[tuple[str, float]] = []
    for item in text.split(","):
        kind, _, seconds_text = item.partition(":")
        if kind not in MOVING_CUES | STILL_CUES:
            raise HTTPException(422, f"phases: unknown cue kind {kind!r}")
        try:
            seconds = float(seconds_text)
        except ValueError:
            raise HTTPException(422, f"phases: {item!r} needs seconds, as in inhale:4") from None
        if not seconds > 0:  # NaN too
            raise HTTPException(422, f"phases: seconds must be above 0, {item!r}")
        phases.append((kind, seconds))
    return tuple(phases)


def checked_phases(exercise: str, text: str) -> tuple[tuple[str, float], ...]:
    """Return the phases if they are what a session asks for; raise 422 (404) otherwise."""
    phases = parse_phases(text)
    try:
        check_repetition_phases(exercise, phases)  # NotFoundError: 404 naming the known ids
    except InvalidInputError as error:
        raise HTTPException(422, f"phases: {error.user_message}") from None
    return phases


@lru_cache(maxsize=128)
def _figure(exercise: str, side: str | None, phases: tuple[tuple[str, float], ...]) -> FigureFrames:
    return figure_frames(exercise, side, list(phases) or None)


@router.get("/figure/{exercise}.json", responses=error_responses(404, 422))
def player_figure(
    response: Response,
    exercise: Annotated[str, Path(max_length=64, pattern=r"^[a-z0-9-]+$")],
    side: Annotated[str | None, Query(pattern=r"^(left|right)$")] = None,
    phases: Annotated[str | None, Query(max_length=400, description="kind:seconds,...")] = None,
) -> FigureFrames:
    """Return the exercise's motion over the given phases (one repetition), for the player."""
    parsed = checked_phases(exercise, phases) if phases else ()
    try:
        figure = _figure(exercise, side, parsed)
    except NotFoundError as error:
        raise HTTPException(404, error.user_message) from None
    except SpinecoachError as error:
        raise HTTPException(422, error.user_message) from None
    response.headers["Cache-Control"] = "public, max-age=86400"
    return figure
