"""Read JSON that a person or a script hands us: duplicate keys and NaN are refused, not guessed.

Python's json keeps the last of two equal keys, so {"chest-pain": true, "chest-pain": false}
would silently read as "no"; for safety answers that is the wrong way to guess. Every JSON the
app reads goes through here: the adapters' files and request bodies alike. The same policy
refuses NaN and infinities (not JSON, though Python reads them), nesting deeper than any of our
files goes, and a file larger than any of ours, each with a message naming the problem.
"""

import json
import math
import re
from pathlib import Path

from spinecoach.errors import InvalidInputError

# Our deepest file, a FHIR bundle, nests 10 levels. Python's parser recurses once per level
# and a 10,000-deep list exhausted it (a crash, not a message); 32 leaves room and stops that.
MAX_DEPTH = 32
# A backup of five years of daily use is 2.6 MB (bench/exchange.py); 32 MB is twelve times it.
MAX_FILE_BYTES = 32 * 1024 * 1024

# A whole JSON string (escapes included), to blank out before counting brackets.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


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


def _finite_float(text: str) -> float:
    """Read a number with a fraction or exponent, refusing one too large for a float (1e400)."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text[:20]} is too large a number")
    return number


# Built once: json.loads with hooks builds a new decoder on every call (5 us per body).
_DECODER = json.JSONDecoder(
    object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=_finite_float
)


def size_words(count: int) -> str:
    """Return a byte count as a person reads it: 64 KB, 32 MB."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    return f"{count / 1024:g} KB"


def nesting_depth(text: str) -> int:
    """Return how deeply arrays and objects nest in JSON text (brackets inside strings aside)."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def parse_json(data: str | bytes, source: str) -> object:
    """Parse JSON text or UTF-8 bytes; raise InvalidInputError naming the source and the problem."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInputError(
            f"{source}: larger than {size_words(MAX_FILE_BYTES)}, more than any spinecoach file"
        )
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise InvalidInputError(f"{source}: not UTF-8 text") from None
    # Counting brackets is needed only when there are enough of them to go too deep.
    if text.count("[") + text.count("{") > MAX_DEPTH and nesting_depth(text) > MAX_DEPTH:
        raise InvalidInputError(
            f"{source}: nested more than {MAX_DEPTH} levels deep, deeper than any spinecoach file"
        )
    try:
        return _DECODER.decode(text)
    except _DuplicateKey as error:
        raise InvalidInputError(
            f"{source}: the key {error.args[0]!r} is given more than once; give each key once"
        ) from None
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"{source}: not valid JSON at line {error.lineno}: {error.msg}"
        ) from None
    except ValueError as error:
        # Python refuses integers of more than 4,300 digits with advice for programmers.
        problem = "a number has too many digits" if "digits" in str(error) else str(error)
        raise InvalidInputError(f"{source}: not valid JSON: {problem}") from None


def read_json_file(path: Path) -> object:
    """Read and parse a UTF-8 JSON file; every problem is one InvalidInputError naming it."""
    try:
        with path.open("rb") as file:
            # One byte past the limit is enough to know the file is too large.
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InvalidInputError(f"{path}: cannot be read ({error.strerror})") from error
    return parse_json(data, str(path))
