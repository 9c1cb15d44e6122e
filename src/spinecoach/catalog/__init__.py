"""The content: six stretches, their chair versions, positions, spine regions and routines.

Only the cheap vocabulary is re-exported here; import models from `catalog.schema` and the
loader from `catalog.loader`, so that importing an enum never loads Pydantic or YAML.
"""

from spinecoach.catalog.vocabulary import (
    Equipment,
    Experience,
    Movement,
    PhaseKind,
    Place,
    Position,
    Side,
    Sides,
    SpineRegion,
)

__all__ = [
    "Equipment",
    "Experience",
    "Movement",
    "PhaseKind",
    "Place",
    "Position",
    "Side",
    "Sides",
    "SpineRegion",
]
