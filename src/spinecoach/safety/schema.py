"""Pydantic models of the red-flag screening questionnaire (safety/data/screening.yaml)."""

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from spinecoach.catalog.fields import Content, Slug, SourceId, Text

# "<year>-<month>-<revision>", e.g. "2026-11-1"; stored with every screening.
RulesVersion = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{1,2}-[0-9]+$")]


class ItemKind(StrEnum):
    """How a "yes" counts: a red flag routes to care, a symptom adds what to watch for."""

    RED_FLAG = "red-flag"
    SYMPTOM = "symptom"
    ACKNOWLEDGEMENT = "acknowledgement"


class RedFlagOutcome(StrEnum):
    """Where a "yes" to a red flag sends the person."""

    EMERGENCY = "emergency"
    SEE_DOCTOR = "see-doctor"


class Reference(Content):
    """A published source that a screening question is based on."""

    id: Slug
    citation: Text


class ScreeningItem(Content):
    """One yes/no question; the loader checks that outcome matches kind."""

    id: Slug
    kind: ItemKind
    question: Text
    outcome: RedFlagOutcome | None = None
    # Shown to the person when a red flag or symptom is answered yes, or an acknowledgement no.
    reason: Text
    sources: list[Slug] = Field(min_length=1)
    covers: list[SourceId] = Field(default_factory=list)


class Questionnaire(Content):
    """The versioned list of screening questions and the references they cite."""

    version: RulesVersion
    references: list[Reference] = Field(min_length=1)
    items: list[ScreeningItem] = Field(min_length=1)

    def item(self, item_id: str) -> ScreeningItem | None:
        """Return the item with this id, or None."""
        return next((item for item in self.items if item.id == item_id), None)
