"""Parse JSON the app reads from files, refusing duplicate keys that would hide a value."""

import json

from spinecoach.records import JsonValue


def _refuse_duplicates(pairs: list[tuple[str, JsonValue]]) -> dict[str, JsonValue]:
    """Build an object, raising ValueError when a key appears twice (json keeps the last)."""
    result: dict[str, JsonValue] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def loads_strict(text: str) -> JsonValue:
    """Parse JSON text; raise ValueError for malformed text, duplicate keys, NaN or Infinity."""

    def refuse_constant(name: str) -> JsonValue:
        raise ValueError(f"{name} is not a JSON number")

    parsed: JsonValue = json.loads(
        text, object_pairs_hook=_refuse_duplicates, parse_constant=refuse_constant
    )
    return parsed
