"""The choices a person makes before a session, remembered as the defaults for the next one."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from spinecoach.catalog.vocabulary import Movement, PainKind, Place, SpineRegion
from spinecoach.planning import Constraints
from spinecoach.records import JsonValue, PersonRecord
from spinecoach.store.repository import Repository

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class SessionPreferences:
    """Where the person stretches, for how long, what to avoid and where it hurts."""

    place: Place | None = None
    minutes: float | None = None
    avoid: frozenset[Movement] = field(default_factory=frozenset)
    regions: frozenset[SpineRegion] = field(default_factory=frozenset)
    kind: PainKind | None = None

    def constraints(self) -> Constraints:
        """Return what the planner needs from these choices."""
        return Constraints(
            place=self.place, minutes=self.minutes, avoid=self.avoid, regions=self.regions
        )

    def to_json(self) -> dict[str, JsonValue]:
        """Return the stored shape: plain strings and numbers, lists sorted."""
        return {
            "place": self.place.value if self.place else None,
            "minutes": self.minutes,
            "avoid": list[JsonValue](sorted(movement.value for movement in self.avoid)),
            "regions": list[JsonValue](sorted(region.value for region in self.regions)),
            "kind": self.kind.value if self.kind else None,
        }

    @classmethod
    def from_json(cls, data: object) -> "SessionPreferences":
        """Read stored choices, dropping any value this version no longer knows."""
        if not isinstance(data, dict):
            return cls()
        minutes = data.get("minutes")
        return cls(
            place=_member(Place, data.get("place")),
            minutes=float(minutes) if isinstance(minutes, int | float) and minutes > 0 else None,
            avoid=frozenset(_members(Movement, data.get("avoid"))),
            regions=frozenset(_members(SpineRegion, data.get("regions"))),
            kind=_member(PainKind, data.get("kind")),
        )


def _member(enum: type[E], value: object) -> E | None:
    return next((member for member in enum if member.value == value), None)


def _members(enum: type[E], values: object) -> Iterable[E]:
    if not isinstance(values, list):
        return ()
    return [member for value in values if (member := _member(enum, value)) is not None]


def remembered(repository: Repository, person: PersonRecord) -> SessionPreferences:
    """Return the person's last choices, or empty ones before their first session."""
    latest = repository.latest_preferences(person.id)
    return SessionPreferences.from_json(dict(latest.choices)) if latest else SessionPreferences()


def remember(
    repository: Repository, person: PersonRecord, choices: SessionPreferences, now: datetime
) -> None:
    """Keep these choices as the defaults for next time, unless they are already the latest."""
    if remembered(repository, person) != choices:
        repository.record_preferences(person.id, recorded_at=now, choices=choices.to_json())
