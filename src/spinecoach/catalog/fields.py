"""The strict base model and the field types every content file shares."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
# A passage of the source article: "<section>/<number>", e.g. "knee-to-chest/3".
SourceId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*/[0-9]+$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Content(BaseModel):
    """Strict base: unknown keys are errors, so a typo in a content file never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)
