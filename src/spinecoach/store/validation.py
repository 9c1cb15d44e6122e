"""Check values before they are written, so a bad one stops the write with a message naming it."""

import json
import math
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar

from spinecoach.errors import InvalidInputError
from spinecoach.records import (
    MAX_CORRECTION_LENGTH,
    MAX_CORRECTIONS,
    PSFS_MAX_ACTIVITIES,
    PSFS_MAX_ACTIVITY_LENGTH,
    CameraCounts,
    JsonValue,
    PsfsRating,
)

MAX_NOTE_LENGTH = 2000
MAX_NAME_LENGTH = 200
# Nobody alive was born before this; a typo such as 0961 or 1061 is caught here.
EARLIEST_BIRTH_YEAR = 1900
# Control characters (Unicode Cc): a NUL or an escape in a note ends up raw in pages, CSV files
# and PDFs. A note may hold line breaks and tabs; a name or an identifier holds none.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A browser sends a text box's line breaks as CR LF: a CR is a line break only before a LF.
_CONTROL_IN_NOTE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")

E = TypeVar("E", bound=StrEnum)


def utc_timestamp(field: str, value: datetime) -> datetime:
    """Return the timestamp in UTC; naive timestamps are refused because their zone is a guess."""
    if not isinstance(value, datetime):
        raise InvalidInputError(f"{field}: expected a date and time, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(f"{field}: {value.isoformat()} has no time zone; give one (UTC)")
    return value.astimezone(UTC)


def not_before(field: str, value: datetime, start_field: str, start: datetime) -> None:
    """Refuse a timestamp earlier than the start it must follow."""
    if value < start:
        raise InvalidInputError(
            f"{field}: {value.isoformat()} is before {start_field} {start.isoformat()}"
        )


def choice(enum: type[E], field: str, value: E | str) -> E:
    """Return the enum member for the value, or say which values are allowed."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidInputError(f"{field}: {value!r} is not one of {allowed}") from None


def optional_choice(enum: type[E], field: str, value: E | str | None) -> E | None:
    """Return the enum member for the value, or None when no value was given."""
    return None if value is None else choice(enum, field, value)


def whole_number(field: str, value: int, minimum: int, maximum: int | None = None) -> int:
    """Return the integer if it lies in [minimum, maximum]; booleans are not numbers here."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{field}: expected a whole number, got {value!r}")
    if value < minimum or (maximum is not None and value > maximum):
        upper = "" if maximum is None else f" and at most {maximum}"
        raise InvalidInputError(f"{field}: {value} must be at least {minimum}{upper}")
    return value


def seconds(field: str, value: float) -> float:
    """Return a finite, non-negative number of seconds."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(f"{field}: expected a number of seconds, got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise InvalidInputError(f"{field}: {value} must be a finite number of seconds >= 0")
    return float(value)


def speed(field: str, value: float) -> float:
    """Return a finite playback speed above zero (1 is normal speed)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(f"{field}: expected a number, got {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise InvalidInputError(f"{field}: {value} must be a finite number above 0")
    return float(value)


def flag(field: str, value: bool) -> bool:
    """Return the value if it is a real boolean, not a truthy stand-in."""
    if not isinstance(value, bool):
        raise InvalidInputError(f"{field}: expected true or false, got {value!r}")
    return value


def identifier(field: str, value: str, max_length: int) -> str:
    """Return a non-empty text identifier that fits its column."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{field}: must be a non-empty text, got {value!r}")
    if len(value) > max_length:
        raise InvalidInputError(
            f"{field}: {value[:40]!r}... is longer than {max_length} characters"
        )
    _refuse_control(field, value, _CONTROL)
    return value


def person_name(field: str, value: str) -> str:
    """Return a person's name without surrounding spaces: 1 to 200 characters, no control ones."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{field}: expected text, got {value!r}")
    name = value.strip()
    if not name:
        raise InvalidInputError(f"{field}: must not be empty")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInputError(
            f"{field}: {len(name)} characters is longer than {MAX_NAME_LENGTH}; shorten it"
        )
    _refuse_control(field, name, _CONTROL)
    return name


def birth_year(field: str, value: int, now: datetime) -> int:
    """Return a year of birth from 1900 to this year; a year still to come is a typo."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{field}: expected a year such as 1961, got {value!r}")
    this_year = now.astimezone(UTC).year
    if not EARLIEST_BIRTH_YEAR <= value <= this_year:
        raise InvalidInputError(
            f"{field}: {value} is not a year of birth; give a year from "
            f"{EARLIEST_BIRTH_YEAR} to {this_year}"
        )
    return value


def optional_note(field: str, value: str | None) -> str | None:
    """Return the note exactly as typed, or None.

    Its length is limited, and control characters other than line breaks and tabs are refused.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInputError(f"{field}: expected text, got {value!r}")
    if len(value) > MAX_NOTE_LENGTH:
        raise InvalidInputError(
            f"{field}: {len(value)} characters is longer than {MAX_NOTE_LENGTH}; shorten it"
        )
    _refuse_control(field, value, _CONTROL_IN_NOTE)
    return value


def _refuse_control(field: str, value: str, control: re.Pattern[str]) -> None:
    found = control.search(value)
    if found is not None:
        raise InvalidInputError(
            f"{field}: holds a control character (U+{ord(found.group()):04X}) at position "
            f"{found.start() + 1}; remove it"
        )


def json_object(field: str, value: object) -> dict[str, JsonValue]:
    """Return a deep, plain-JSON copy of a mapping with text keys, or say why it cannot be one."""
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{field}: expected a JSON object, got {type(value).__name__}")
    try:
        copied: dict[str, JsonValue] = json.loads(json.dumps(dict(value), allow_nan=False))
    except (TypeError, ValueError) as error:
        raise InvalidInputError(f"{field}: cannot be stored as JSON: {error}") from None
    if copied.keys() != value.keys():
        raise InvalidInputError(f"{field}: every key of the JSON object must be text")
    return copied


def psfs_ratings(field: str, ratings: Sequence[PsfsRating]) -> list[JsonValue]:
    """Return one to five named activities rated 0-10, each named once, as stored JSON."""
    if not isinstance(ratings, Sequence) or not 1 <= len(ratings) <= PSFS_MAX_ACTIVITIES:
        raise InvalidInputError(f"{field}: give one to {PSFS_MAX_ACTIVITIES} activities")
    stored: list[JsonValue] = []
    seen: set[str] = set()
    for index, rating in enumerate(ratings):
        where = f"{field}[{index}]"
        activity = identifier(
            f"{where}.activity", rating.activity, PSFS_MAX_ACTIVITY_LENGTH
        ).strip()
        if activity.casefold() in seen:
            raise InvalidInputError(f"{where}.activity: {activity!r} is named twice")
        seen.add(activity.casefold())
        score = whole_number(f"{where}.score", rating.score, 0, 10)
        stored.append({"activity": activity, "score": score})
    return stored


def camera_counts(field: str, counts: CameraCounts) -> CameraCounts:
    """Return the camera coach's counts if each one fits: whole reps, seconds, short sentences."""
    corrections = counts.corrections
    if isinstance(corrections, str) or not isinstance(corrections, Sequence):
        raise InvalidInputError(f"{field}.corrections: expected a list of sentences")
    if len(corrections) > MAX_CORRECTIONS:
        raise InvalidInputError(
            f"{field}.corrections: {len(corrections)} is more than {MAX_CORRECTIONS} sentences"
        )
    return CameraCounts(
        reps_seen=whole_number(f"{field}.reps_seen", counts.reps_seen, 0),
        good_form_seconds=seconds(f"{field}.good_form_seconds", counts.good_form_seconds),
        corrections=tuple(
            identifier(f"{field}.corrections[{index}]", sentence, MAX_CORRECTION_LENGTH)
            for index, sentence in enumerate(corrections)
        ),
    )
