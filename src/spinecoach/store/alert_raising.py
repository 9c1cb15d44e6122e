"""Raise a clinic patient's alerts inside the transaction that stores the record behind them.

Called by the pain, screening and session stores when the person belongs to a clinic; a
personal install (clinic_id NULL) never raises one. The rules themselves are alert_rules.py.
"""

from datetime import UTC, date, datetime, time

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session as OrmSession

from spinecoach.alert_rules import (
    RaisedAlert,
    pain_alert,
    pain_stop_alert,
    quiet_spell,
    screening_alert,
)
from spinecoach.clinic_records import AlertKind
from spinecoach.records import ScreeningOutcome
from spinecoach.store.clinic_rows import AlertRow, ProgrammeRow
from spinecoach.store.models import PainEntryRow, PersonRow, ScreeningRow, SessionRow

# One open alert of these kinds is enough: a patient scoring 7 every day for a week needs one
# call, not seven. Once acknowledged, the next such score raises a new one.
ONE_OPEN_AT_A_TIME = frozenset({AlertKind.SEVERE_PAIN, AlertKind.PAIN_RISING, AlertKind.PAIN_UP})


def store_alert(
    orm: OrmSession,
    person: PersonRow,
    raised: RaisedAlert,
    raised_at: datetime,
    source_uuid: str | None,
) -> None:
    """Add the alert to the person's clinic, unless one of its kind is open and one is enough."""
    assert person.clinic_id is not None  # callers check it is a clinic's patient
    if raised.kind in ONE_OPEN_AT_A_TIME and orm.scalar(
        select(
            exists().where(
                AlertRow.person_id == person.id,
                AlertRow.kind == raised.kind.value,
                AlertRow.acknowledged_at.is_(None),
            )
        )
    ):
        return
    orm.add(
        AlertRow(
            clinic_id=person.clinic_id,
            person_id=person.id,
            kind=raised.kind.value,
            raised_at=raised_at,
            detail=raised.detail[:200],
            source_uuid=source_uuid,
        )
    )


def raise_for_screening(orm: OrmSession, person: PersonRow, row: ScreeningRow) -> None:
    """Raise the red-flag alert of a screening that did not say go."""
    raised = screening_alert(ScreeningOutcome(row.outcome))
    if person.clinic_id is not None and raised is not None:
        store_alert(orm, person, raised, row.taken_at, row.uuid)


def raise_for_pain_stop(orm: OrmSession, person: PersonRow, session: SessionRow) -> None:
    """Raise the critical alert of a session stopped because pain got worse."""
    if person.clinic_id is None or session.ended_at is None:
        return
    stretch = session.pain_worse_during.replace("-", " ") if session.pain_worse_during else None
    store_alert(orm, person, pain_stop_alert(stretch), session.ended_at, session.uuid)


def raise_for_pain(orm: OrmSession, person: PersonRow, row: PainEntryRow) -> None:
    """Raise the pain alert the new score calls for, against the score before and at the start."""
    if person.clinic_id is None:
        return
    earlier = (
        select(PainEntryRow.score)
        .where(PainEntryRow.person_id == person.id, PainEntryRow.id != row.id)
        .where(
            or_(
                PainEntryRow.recorded_at < row.recorded_at,
                (PainEntryRow.recorded_at == row.recorded_at) & (PainEntryRow.id < row.id),
            )
        )
        .order_by(PainEntryRow.recorded_at.desc(), PainEntryRow.id.desc())
        .limit(1)
    )
    previous = orm.scalar(earlier)
    at_start = None
    started = programme_began(orm, person.id)
    if started is not None:
        at_start = orm.scalar(
            select(PainEntryRow.score)
            .where(PainEntryRow.person_id == person.id, PainEntryRow.recorded_at >= started)
            .order_by(PainEntryRow.recorded_at, PainEntryRow.id)
            .limit(1)
        )
    raised = pain_alert(row.score, previous, at_start)
    if raised is not None:
        store_alert(orm, person, raised, row.recorded_at, row.uuid)


def raise_for_quiet_spell_ended(orm: OrmSession, person: PersonRow, started: datetime) -> None:
    """Keep the quiet spell a new session ends, if nobody saw it while it lasted."""
    if person.clinic_id is None:
        return
    began = programme_began(orm, person.id)
    if began is None or began > started:
        return
    # A patient added after the programme's start date is counted from when they were added.
    began = max(began, person.created_at)
    last = orm.scalar(
        select(func.max(SessionRow.started_at)).where(
            SessionRow.person_id == person.id, SessionRow.started_at < started
        )
    )
    spell = quiet_spell(max(last or began, began), started)
    if spell is not None and not orm.scalar(
        select(
            exists().where(
                AlertRow.person_id == person.id,
                AlertRow.kind == spell.kind.value,
                AlertRow.raised_at == spell.raised_at,
            )
        )
    ):
        store_alert(orm, person, RaisedAlert(spell.kind, spell.detail), spell.raised_at, None)


def programme_began(orm: OrmSession, person_id: int) -> datetime | None:
    """Return the start of the patient's first programme (midnight UTC), or None without one."""
    first: date | None = orm.scalar(
        select(func.min(ProgrammeRow.starts)).where(ProgrammeRow.person_id == person_id)
    )
    return None if first is None else datetime.combine(first, time(), tzinfo=UTC)
