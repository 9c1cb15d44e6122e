"""Remembered choices said back in one line: "On a chair, 5 minutes, avoiding kneeling"."""

from spinecoach.catalog.labels import AT_PLACE, MOVEMENT_PHRASES, REGION_WORDS
from spinecoach.catalog.routine import Routine
from spinecoach.coaching.fit_words import either
from spinecoach.coaching.preferences import SessionPreferences
from spinecoach.words import plural


def choices_line(choices: SessionPreferences) -> str:
    """Return the place, minutes, what is avoided and where it hurts as one short line."""
    place = AT_PLACE[choices.place] if choices.place else "anywhere"
    parts = [place[0].upper() + place[1:]]
    parts.append(plural(choices.minutes, "minute") if choices.minutes else "no time limit")
    if choices.avoid:
        # In the order the questions list them, so the same choices always read the same.
        avoided = [
            phrase for movement, phrase in MOVEMENT_PHRASES.items() if movement in choices.avoid
        ]
        parts.append(f"avoiding {either(avoided, 'and')}")
    if choices.regions:
        regions = [
            words.lower() for region, words in REGION_WORDS.items() if region in choices.regions
        ]
        parts.append(f"for your {either(regions, 'and')}")
    return ", ".join(parts)


def planned_from_line(
    routine: Routine, choices: SessionPreferences | None, remembered: bool
) -> str:
    """Say what a plan made away from the questions follows: a routine, or which choices."""
    if choices is None:
        return f"It lists {routine.name}."
    if not remembered:
        return f"It lists {routine.name} ({choices_line(choices)}): no choices are remembered yet."
    return f"It lists {routine.name}, planned from your last choices: {choices_line(choices)}."
