import pytest

from spinecoach.words import name_key, plural, word_for


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (1, "day", "1 day"),
        (0, "day", "0 days"),
        (2, "exercise", "2 exercises"),
        (1.0, "minute", "1 minute"),
        (1.5, "minute", "1.5 minutes"),
        (3, "entry", "3 entries"),
    ],
)
def test_plural_uses_the_singular_only_for_exactly_one(
    count: float, word: str, expected: str
) -> None:
    many = "entries" if word == "entry" else None

    assert plural(count, word, many) == expected


def test_name_key_ignores_case_dashes_spaces_and_apostrophes() -> None:
    assert name_key("Child's  pose") == name_key("childs-pose") == "childs pose"


def test_word_for_gives_the_word_alone_in_the_right_number() -> None:
    assert (word_for(1, "item"), word_for(3, "item")) == ("item", "items")
