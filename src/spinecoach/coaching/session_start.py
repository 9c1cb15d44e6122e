"""Start a session in one step: safety gate, plan, then begin (closing an interrupted one)."""

from dataclasses import dataclass
from datetime import datetime

from spinecoach.catalog.loader import Catalog
from spinecoach.catalog.routine import Routine
from spinecoach.catalog.vocabulary import PainKind
from spinecoach.coaching.preferences import SessionPreferences, remember
from spinecoach.coaching.safety_gate import refuse_unless_safe, safety_gate
from spinecoach.coaching.sessions import PainDetails, begin_prepared, prepare
from spinecoach.planning import Constraints
from spinecoach.records import PersonRecord, SessionRecord
from spinecoach.store.liveness import SessionOwner
from spinecoach.store.repository import Repository


@dataclass(frozen=True)
class Started:
    """A session just begun and the routine it plays."""

    session: SessionRecord
    routine: Routine


def start_session(
    repository: Repository,
    person: PersonRecord,
    constraints: Constraints,
    pain_before: int,
    details: PainDetails,
    catalog: Catalog,
    now: datetime,
    speed: float = 1.0,
    player: SessionOwner | None = None,
) -> Started:
    """Refuse unless the safety screen allows it, plan, begin the session, remember the choices.

    For a front end that asks nothing between planning and beginning (the browser): the
    terminal asks in between, so it calls the same steps one by one. player is the browser
    that plays it, since any web worker may serve its requests (begin_session says more).
    """
    refuse_unless_safe(safety_gate(repository, person, now).outcome)
    prepared = prepare(repository, person, constraints, catalog, now, resume_choice=False)
    begun = begin_prepared(
        repository, person, prepared, pain_before, details, now, speed=speed, owner=player
    )
    if constraints.routine is None:  # the choices made, kept as the defaults for next time
        kind = PainKind(details.kind) if details.kind else None
        chosen = SessionPreferences(
            constraints.place, constraints.minutes, constraints.avoid, constraints.regions, kind
        )
        remember(repository, person, chosen, now)
    return Started(begun.session, prepared.routine)
