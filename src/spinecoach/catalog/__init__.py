"""The content: six stretches, positions, spine regions and routines, validated on load."""

from spinecoach.catalog.loader import Catalog, default_catalog, load_catalog
from spinecoach.catalog.schema import (
    Equipment,
    Exercise,
    Movement,
    Phase,
    PhaseKind,
    Place,
    Position,
    PositionInfo,
    RoutineTemplate,
    Side,
    Sides,
    SpineRegion,
)

__all__ = [
    "Catalog",
    "Equipment",
    "Exercise",
    "Movement",
    "Phase",
    "PhaseKind",
    "Place",
    "Position",
    "PositionInfo",
    "RoutineTemplate",
    "Side",
    "Sides",
    "SpineRegion",
    "default_catalog",
    "load_catalog",
]
