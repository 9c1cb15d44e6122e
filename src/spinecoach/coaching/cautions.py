"""Cautions for today's session drawn from what the person told us, for every front end."""

from spinecoach.records import PersonRecord
from spinecoach.safety.leg_pain import leg_pain_advice, pain_spreads_down_leg
from spinecoach.store.repository import Repository


def session_cautions(repository: Repository, person: PersonRecord) -> tuple[str, ...]:
    """Return what to watch for in a session: the leg advice when pain spreads down a leg."""
    latest = repository.latest_screening(person.id)
    # The latest kind named decides, so it is the only one read.
    kinds = [repository.latest_pain_kind(person.id)]
    if pain_spreads_down_leg(latest.answers if latest else None, kinds):
        return (leg_pain_advice(),)
    return ()
