from pathlib import Path

import pytest

from spinecoach.catalog.coverage import uncovered_passages
from spinecoach.catalog.loader import load_catalog
from spinecoach.safety import covered_source_ids
from tests.catalog.conftest import edit


def test_every_passage_of_the_article_is_covered() -> None:
    catalog = load_catalog()

    missing = uncovered_passages(catalog, covered_source_ids())

    assert [passage.id for passage in missing] == []


def test_safety_rules_cover_the_articles_doctor_advice() -> None:
    assert {"doctor/1", "doctor/2", "doctor/3"} <= covered_source_ids()


def test_removing_a_steps_reference_makes_its_passage_uncovered(data_copy: Path) -> None:
    edit(data_copy / "exercises/hip-bridge.yaml", "covers: [hip-bridge/3]", "covers: []")
    catalog = load_catalog(data_copy)

    missing = uncovered_passages(catalog, covered_source_ids())

    assert [passage.id for passage in missing] == ["hip-bridge/3"]


@pytest.mark.parametrize("passage", ["spine/2", "spine/6", "closing/1"])
def test_facts_are_covered_by_regions_or_guidance(passage: str) -> None:
    catalog = load_catalog()

    assert passage not in [p.id for p in uncovered_passages(catalog)]
