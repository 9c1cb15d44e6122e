"""Check that every passage of the source article is covered by content or a safety rule."""

from collections.abc import Iterable

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.schema import SourcePassage


def catalog_covers(catalog: Catalog) -> set[str]:
    """Return the passage ids covered by exercises, spine regions and general guidance."""
    covered: set[str] = set()
    for exercise in catalog.exercises.values():
        covered |= exercise.covers
    for region in catalog.body.regions:
        covered.update(region.covers)
    for guidance in catalog.body.guidance:
        covered.update(guidance.covers)
    return covered


def uncovered_passages(catalog: Catalog, also_covered: Iterable[str] = ()) -> list[SourcePassage]:
    """Return the source passages nothing covers; also_covered adds ids covered elsewhere."""
    covered = catalog_covers(catalog) | set(also_covered)
    return [passage for passage in catalog.source.passages if passage.id not in covered]
