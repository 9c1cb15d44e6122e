"""Read JSON that a person or a script hands us: duplicate keys and NaN are refused, not guessed.

Python's json keeps the last of two equal keys, so {"chest-pain": true, "chest-pain": false}
would silently read as "no"; for safety answers that is the wrong way to guess. Every JSON the
app reads goes through here: the adapters' files and request bodies alike.
"""

import json
from pathlib import Path

from spinecoach.errors import InvalidInputError


class _DuplicateKey(ValueError):
    """A key appeared twice in one JSON object."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Build an object, refusing a key given twice."""
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constant(name: str) -> object:
    """Refuse NaN and Infinity, which are not JSON although Python's reader accepts them."""
    raise ValueError(f"{name} is not a JSON number")


def parse_json(text: str, source: str) -> object:
    """Parse JSON text; raise InvalidInputError naming the source and the problem."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except _DuplicateKey as error:
        raise InvalidInputError(
            f"{source}: the key {error.args[0]!r} is given more than once; give each key once"
        ) from None
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"{source}: not valid JSON at line {error.lineno}: {error.msg}"
        ) from None
    except ValueError as error:
        raise InvalidInputError(f"{source}: not valid JSON: {error}") from None


def read_json_file(path: Path) -> object:
    """Read and parse a UTF-8 JSON file; every problem is one InvalidInputError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInputError(f"{path}: cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise InvalidInputError(f"{path}: not UTF-8 text") from error
    return parse_json(text, str(path))
