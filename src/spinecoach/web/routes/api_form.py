"""JSON API for the camera coach: one exercise's form rules, read by the browser's form check."""

from typing import Annotated, Any

from fastapi import APIRouter, Path

from spinecoach.figures.form_data import form_data
from spinecoach.web.schemas import error_responses

router = APIRouter(prefix="/api", tags=["camera"])


@router.get(
    "/form/{exercise_id}",
    summary="Form rules for checking a body seen by the camera",
    responses=error_responses(404),
)
def get_form(
    exercise_id: Annotated[str, Path(max_length=64, description="Exercise id, e.g. cat-cow.")],
) -> dict[str, Any]:
    """Return the landmarks file, the exercise's checked poses and rules, its view and movement.

    The same data `spinecoach check-pose` judges by; the browser evaluates it on the device.
    """
    return form_data(exercise_id)  # NotFoundError -> 404 naming the known ids
