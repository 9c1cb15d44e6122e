"""Name the person on a printed page: their name and year of birth as they gave them."""

from spinecoach.records import PersonRecord

NO_NAME = "no name given"


def person_words(person: PersonRecord) -> str:
    """Say who the records belong to, e.g. 'Maria Lopez (born 1961)' or 'no name given'."""
    name = person.name or NO_NAME
    return f"{name} (born {person.birth_year})" if person.birth_year else name
