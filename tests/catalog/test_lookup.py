"""People type names as they read them: ids, names and aliases match in any case."""

import pytest

from spinecoach.catalog.loader import load_catalog
from spinecoach.catalog.vocabulary import SpineRegion, region_word, spine_region
from spinecoach.errors import NotFoundError


@pytest.mark.parametrize("typed", ["cat-cow", "Cat and cow", "CAT AND COW", "cat-camel", "Cat Cow"])
def test_exercise_is_found_by_id_name_or_alias_in_any_case(typed: str) -> None:
    assert load_catalog().exercise(typed).id == "cat-cow"


def test_childs_pose_is_found_with_or_without_the_apostrophe() -> None:
    catalog = load_catalog()

    assert (
        catalog.exercise("child's pose").id == catalog.exercise("Childs Pose").id == "childs-pose"
    )


@pytest.mark.parametrize("typed", ["desk-break", "Desk break", "DESK BREAK"])
def test_routine_is_found_by_id_or_name_in_any_case(typed: str) -> None:
    assert load_catalog().routine(typed).id == "desk-break"


def test_unknown_name_still_lists_the_known_ids() -> None:
    with pytest.raises(NotFoundError, match="unknown exercise 'plank'; known: knee-to-chest"):
        load_catalog().exercise("plank")


@pytest.mark.parametrize(
    ("word", "region"),
    [
        ("neck", SpineRegion.CERVICAL),
        ("upper back", SpineRegion.THORACIC),
        ("Lower-Back", SpineRegion.LUMBAR),
        ("pelvis", SpineRegion.SACRUM),
        ("tailbone", SpineRegion.COCCYX),
        ("lumbar", SpineRegion.LUMBAR),
        ("COCCYX", SpineRegion.COCCYX),
    ],
)
def test_regions_are_read_in_everyday_words_or_their_anatomical_names(
    word: str, region: SpineRegion
) -> None:
    assert spine_region(word) is region


def test_every_region_has_an_everyday_word() -> None:
    assert [region_word(region) for region in SpineRegion] == [
        "neck",
        "upper back",
        "lower back",
        "pelvis",
        "tailbone",
    ]
