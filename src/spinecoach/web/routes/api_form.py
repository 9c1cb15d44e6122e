"""JSON API for the camera coach: one exercise's form rules, read by the browser's form check."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from spinecoach.web.schemas import error_responses

router = APIRouter(prefix="/api", tags=["camera"])


class MovementRule(BaseModel):
    """A rule that follows the movement, with its value in the start and end key poses."""

    model_config = ConfigDict(populate_by_name=True)

    rule: str
    from_value: float = Field(alias="from")
    to_value: float = Field(alias="to")


class FormMovement(BaseModel):
    """One repetition: from one key pose to a checked one, and the rules that show how far."""

    from_pose: str
    to_pose: str
    rules: list[MovementRule]


class FormData(BaseModel):
    """What the browser needs to judge a body seen by the camera, as check-pose judges it."""

    exercise: str
    drawn_side: Literal["left", "right"] | None = Field(
        description="Set for stretches done on each side: the side the poses show."
    )
    view: dict[str, Any] = Field(description="Where to put the camera (azimuth, elevation, why).")
    landmarks: dict[str, Any] = Field(description="poses/_landmarks.yaml: names, derived points.")
    form: list[dict[str, Any]] = Field(description="Each checked pose with its rules, in order.")
    movement: FormMovement


@router.get(
    "/form/{exercise_id}",
    summary="Form rules for checking a body seen by the camera",
    response_model=FormData,
    response_model_by_alias=True,
    responses=error_responses(404),
)
def get_form(
    exercise_id: Annotated[str, Path(max_length=64, description="Exercise id, e.g. cat-cow.")],
) -> dict[str, Any]:
    """Return the landmarks file, the exercise's checked poses and rules, its view and movement.

    The same data `spinecoach check-pose` judges by; the browser evaluates it on the device.
    """
    # Imported on the first request: the pose geometry (numpy) would slow every start-up.
    from spinecoach.figures.form_data import form_data

    return form_data(exercise_id)  # NotFoundError -> 404 naming the known ids
