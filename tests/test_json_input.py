"""The one JSON reader: what it refuses, and the message that names the problem."""

import json
from pathlib import Path

import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.json_input import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    nesting_depth,
    parse_json,
    read_json_file,
    size_words,
)


def refusal(data: str | bytes) -> str:
    """Return the message the reader refuses the data with."""
    with pytest.raises(InvalidInputError) as refused:
        parse_json(data, "answers.json")
    return refused.value.user_message


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"a": {"b": true, "b": false}}', "answers.json: the key 'b' is given more than once"),
        ('{"hold": NaN}', "answers.json: not valid JSON: NaN is not a JSON number"),
        ('{"hold": -Infinity}', "answers.json: not valid JSON: -Infinity is not a JSON number"),
        ('{"hold": 1e400}', "answers.json: not valid JSON: 1e400 is too large a number"),
        ("1" * 5000, "answers.json: not valid JSON: a number has too many digits"),
        (b"\xff\xfe{}", "answers.json: not UTF-8 text"),
        ('{"a": 1', "answers.json: not valid JSON at line 1"),
    ],
)
def test_what_json_cannot_say_once_and_exactly_is_refused_by_name(
    data: str | bytes, message: str
) -> None:
    assert refusal(data).startswith(message)


def test_nesting_past_the_limit_is_refused_before_the_parser_recurses() -> None:
    assert refusal(nested(10_000)) == (
        f"answers.json: nested more than {MAX_DEPTH} levels deep, deeper than any spinecoach file"
    )
    assert refusal('{"a": ' * 40 + "1" + "}" * 40).endswith("deeper than any spinecoach file")
    assert "nested" in refusal(nested(MAX_DEPTH + 1))
    assert parse_json(nested(MAX_DEPTH), "ok.json") == json.loads(nested(MAX_DEPTH))


def test_brackets_inside_strings_are_not_nesting() -> None:
    text = json.dumps({"note": "[[[{{{" * 50, "quote": 'a "quoted [ bracket'})

    assert nesting_depth(text) == 1
    assert parse_json(text, "note.json") == json.loads(text)


def test_input_larger_than_any_of_our_files_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk is written

    with pytest.raises(InvalidInputError) as refused:
        read_json_file(huge)

    assert refused.value.user_message == (
        f"{huge}: larger than {size_words(MAX_FILE_BYTES)}, more than any spinecoach file"
    )


def test_sizes_read_as_a_person_says_them() -> None:
    assert (size_words(64 * 1024), size_words(32 * 1024 * 1024)) == ("64 KB", "32 MB")
