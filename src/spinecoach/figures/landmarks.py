"""The camera's landmarks and the midline points derived from them (poses/_landmarks.yaml).

Form rules may name only MediaPipe Pose's 33 landmarks and the derived points listed in that
file, so a camera that finds those 33 points can be judged exactly as the figures are.
"""

from functools import cache
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from spinecoach.catalog.files import display_name, read_model
from spinecoach.catalog.loader import DATA_DIR

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Content(BaseModel):
    """Strict base: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


LANDMARKS_FILE = DATA_DIR / "poses" / "_landmarks.yaml"


class Derived(Content):
    """A point that is the mean of earlier points, e.g. mid_hip of left_hip and right_hip."""

    name: Text
    mean: list[Text] = Field(min_length=2)


class LandmarkFile(Content):
    """The 33 landmark names in MediaPipe's order, derived points and words for body parts."""

    min_visibility: Annotated[float, Field(ge=0, le=1)]
    landmarks: list[Text] = Field(min_length=33, max_length=33)
    derived: list[Derived]
    parts: dict[str, Text]

    @model_validator(mode="after")
    def _defined_before_use(self) -> Self:
        known = set(self.landmarks)
        for index, point in enumerate(self.derived):
            unknown = [name for name in point.mean if name not in known]
            if unknown:
                raise ValueError(f"derived[{index}].mean: {unknown[0]!r} is not defined above")
            known.add(point.name)
        for name in self.landmarks:
            if body_part(name) not in self.parts:
                raise ValueError(f"parts: no word for {body_part(name)!r}")
        return self


def body_part(landmark: str) -> str:
    """Return a landmark's name without its side: left_knee -> knee, mouth_left -> mouth."""
    for side in ("left", "right"):
        landmark = landmark.removeprefix(f"{side}_").removesuffix(f"_{side}")
    return landmark


def read_landmark_file(path: Path = LANDMARKS_FILE, root: Path = DATA_DIR) -> LandmarkFile:
    """Read and validate the landmarks file; raise CatalogError naming the file and field."""
    return read_model(path, display_name(path, root), LandmarkFile)


@cache
def landmark_file() -> LandmarkFile:
    """Return the packaged landmarks file, read once per process."""
    return read_landmark_file()


def rule_point_names() -> frozenset[str]:
    """Return every name a form rule may use: the 33 landmarks and the derived points."""
    model = landmark_file()
    return frozenset(model.landmarks) | {point.name for point in model.derived}


def sources(name: str) -> frozenset[str]:
    """Return the landmarks a rule point is made from (itself, for a landmark)."""
    model = landmark_file()
    by_name = {point.name: point.mean for point in model.derived}
    if name not in by_name:
        return frozenset({name})
    return frozenset().union(*(sources(part) for part in by_name[name]))
