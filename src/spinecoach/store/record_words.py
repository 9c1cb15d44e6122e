"""What each table's rows are called when a message speaks to a person, not a programmer."""

from collections.abc import Mapping

RECORD_WORDS: Mapping[str, str] = {
    "people": "person",
    "screenings": "safety check",
    "sessions": "session",
    "exercise_results": "exercise result",
    "pain_entries": "pain score",
    "preferences": "saved choice",
    "psfs_entries": "activity check",
}


def record_named(table: str, row_id: object) -> str:
    """Name one row in words: "the session with id 3"."""
    return f"the {RECORD_WORDS.get(table, table)} with id {row_id}"
