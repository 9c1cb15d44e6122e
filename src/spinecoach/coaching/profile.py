"""The person's profile: the name and year of birth they give, shown on reports and exports.

Asked once, after the safety questions (never before them or in their place), in whichever
front end the person uses first; skipping counts as asked. Both stay optional.
"""

from dataclasses import dataclass
from datetime import datetime

from spinecoach.records import JsonValue, PersonRecord
from spinecoach.store.repository import Repository


@dataclass(frozen=True)
class Profile:
    """What the person told us about themselves; either part may be missing."""

    name: str | None = None
    birth_year: int | None = None


def profile_of(person: PersonRecord) -> Profile:
    """Return the profile kept in the person's record."""
    return Profile(name=person.name, birth_year=person.birth_year)


def profile_json(person: PersonRecord) -> dict[str, JsonValue]:
    """Return the profile as the terminal's --json and the JSON API both give it."""
    return {"name": person.name, "birth_year": person.birth_year}


def save_profile(
    repository: Repository, person: PersonRecord, profile: Profile, now: datetime
) -> PersonRecord:
    """Store the name and year of birth (None clears one); the question then counts as asked."""
    return repository.set_profile(person.id, profile.name, profile.birth_year, now)


def skip_profile(repository: Repository, person: PersonRecord, now: datetime) -> PersonRecord:
    """Remember that the person chose not to answer now, so the question is not put again."""
    return repository.mark_profile_asked(person.id, now)


def should_ask_profile(person: PersonRecord) -> bool:
    """Say whether to offer the name question: only to someone never asked."""
    return not person.profile_asked


def profile_sentence(person: PersonRecord) -> str:
    """Say in words what is kept, e.g. 'Name: Maria Lopez. Year of birth: 1961.'"""
    name = f"Name: {person.name}." if person.name else "No name given."
    year = f" Year of birth: {person.birth_year}." if person.birth_year else ""
    return name + year
