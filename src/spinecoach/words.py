"""Small helpers for user-facing wording shared by every front end; imports nothing from us."""


def plural(count: float, word: str, many: str | None = None) -> str:
    """Return the count with the word in the right number: "1 day", "2 days", "1.5 minutes"."""
    return f"{count:g} {word_for(count, word, many)}"


def word_for(count: float, word: str, many: str | None = None) -> str:
    """Return the word alone in the right number for the count: "item" or "items"."""
    return word if count == 1 else (many or word + "s")


def whole_number(text: str) -> int | None:
    """Return the number a person typed in plain digits 0-9, or None for anything else.

    str.isdigit() also accepts "²" and other digits int() refuses, which crashed the prompts.
    """
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def name_key(text: str) -> str:
    """Return the form of a name that lookups compare: no case, dashes or apostrophes."""
    spaced = text.replace("-", " ").replace("_", " ").replace("'", "").replace("\u2019", "")
    return " ".join(spaced.casefold().split())
