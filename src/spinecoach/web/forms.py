"""Read HTML form fields into typed values, collecting a message per bad field to re-show."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from starlette.datastructures import FormData, QueryParams

from spinecoach.catalog.vocabulary import Experience, Movement, Place, SpineRegion
from spinecoach.planning import Constraints

E = TypeVar("E", bound=StrEnum)
Fields = FormData | QueryParams


@dataclass
class FormErrors:
    """Messages keyed by field name; empty when every value was usable."""

    messages: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        """Keep the first message for a field."""
        self.messages.setdefault(name, message)

    def __bool__(self) -> bool:
        return bool(self.messages)


def text(fields: Fields, name: str) -> str:
    """Return a field's text, stripped; '' when absent."""
    value = fields.get(name)
    return value.strip() if isinstance(value, str) else ""


def choice(fields: Fields, name: str, enum: type[E], errors: FormErrors) -> E | None:
    """Return the enum member chosen, None when blank, or record an error."""
    value = text(fields, name)
    if not value:
        return None
    try:
        return enum(value)
    except ValueError:
        errors.add(name, f"choose one of: {', '.join(member.value for member in enum)}")
        return None


def choices(fields: Fields, name: str, enum: type[E], errors: FormErrors) -> list[E]:
    """Return every enum member ticked under one name, recording unknown values."""
    picked: list[E] = []
    for value in fields.getlist(name):
        try:
            picked.append(enum(str(value)))
        except ValueError:
            errors.add(name, f"{str(value)[:40]!r} is not one of the choices")
    return picked


def whole_number(
    fields: Fields, name: str, low: int, high: int, errors: FormErrors, required: bool = True
) -> int | None:
    """Return an integer between low and high, or record why the value cannot be used."""
    value = text(fields, name)
    if not value:
        if required:
            errors.add(name, "please choose a number")
        return None
    try:
        number = int(value)
    except ValueError:
        errors.add(name, f"{value[:20]!r} is not a whole number")
        return None
    if not low <= number <= high:
        errors.add(name, f"choose a number from {low} to {high}")
        return None
    return number


def note(fields: Fields, name: str, errors: FormErrors, limit: int = 2000) -> str | None:
    """Return an optional free-text note, refusing one that is too long."""
    value = text(fields, name)
    if len(value) > limit:
        errors.add(name, f"keep it under {limit} characters")
        return None
    return value or None


def plan_constraints(fields: Fields, errors: FormErrors) -> Constraints:
    """Read the plan form (place, minutes, avoid, region, routine) into constraints."""
    minutes = whole_number(fields, "minutes", 1, 120, errors, required=False)
    routine = text(fields, "routine")
    if len(routine) > 100:
        errors.add("routine", "that routine name is too long")
        routine = ""
    return Constraints(
        place=choice(fields, "place", Place, errors),
        minutes=float(minutes) if minutes is not None else None,
        avoid=frozenset(choices(fields, "avoid", Movement, errors)),
        regions=frozenset(choices(fields, "region", SpineRegion, errors)),
        experience=choice(fields, "experience", Experience, errors) or Experience.NEW,
        routine=routine or None,
    )


def plan_query(constraints: Constraints) -> list[tuple[str, str]]:
    """Return the constraints as query pairs, to carry a plan from page to page."""
    pairs: list[tuple[str, str]] = []
    if constraints.place:
        pairs.append(("place", constraints.place.value))
    if constraints.minutes:
        pairs.append(("minutes", str(int(constraints.minutes))))
    pairs += [("avoid", movement.value) for movement in sorted(constraints.avoid)]
    pairs += [("region", region.value) for region in sorted(constraints.regions)]
    if constraints.experience is not Experience.NEW:
        pairs.append(("experience", constraints.experience.value))
    if constraints.routine:
        pairs.append(("routine", constraints.routine))
    return pairs


def values(pairs: Iterable[tuple[str, str]]) -> Mapping[str, list[str]]:
    """Group query pairs by name, for templates that re-check boxes."""
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped
