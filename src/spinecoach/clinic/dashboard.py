"""The clinic's dashboard: every patient sorted by who needs a call, filtered, one page at a time.

Open alerts come first, the most urgent severity first and, within it, the longest waiting
first; then everyone else by name. A patient's current quiet spell (days without a session
while a programme is in force) is stored as an alert the first time the dashboard sees it,
so it stays open until acknowledged even if the next session ends the spell.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from spinecoach.alert_rules import RULES, QuietSpell, quiet_spell
from spinecoach.clinic_records import (
    SEVERITY_RANK,
    AlertKind,
    AlertRecord,
    PatientRecord,
    ProgrammeRecord,
)
from spinecoach.errors import InvalidInputError
from spinecoach.prescribing import programme_in_force
from spinecoach.records import PsfsRecord
from spinecoach.reports.adherence import monday_of
from spinecoach.reports.trends import LABELS, VerdictKind
from spinecoach.store.clinic_alerts import ClinicAlerts
from spinecoach.store.clinic_roster import ClinicRoster, RosterEntry

# Remote therapeutic monitoring counts days with data in a 30-day period: the same window.
ACTIVE_WINDOW = timedelta(days=30)
PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
NO_ALERT_RANK = len(SEVERITY_RANK)
# A patient page shows every open alert and the latest acknowledged; older ones stay stored.
ACKNOWLEDGED_SHOWN = 20


@dataclass(frozen=True, slots=True)
class DashboardFilter:
    """What the clinician asked to see: a name to search, an alert kind, a clinician's patients."""

    search: str = ""
    alert: AlertKind | None = None
    clinician: int | None = None


@dataclass(frozen=True, slots=True)
class PatientLine:
    """One patient's line on the dashboard."""

    patient: PatientRecord
    programme: ProgrammeRecord | None
    sessions_this_week: int
    active_days_30: int
    latest_pain: tuple[int, datetime] | None
    function_first: PsfsRecord | None
    function_latest: PsfsRecord | None
    last_session_at: datetime | None
    alerts: tuple[AlertRecord, ...]
    verdict: VerdictKind

    @property
    def verdict_label(self) -> str:
        """Return the pain verdict in the words of the patient's history page."""
        return LABELS[self.verdict]


@dataclass(frozen=True, slots=True)
class DashboardPage:
    """One page of the sorted, filtered patient list."""

    lines: tuple[PatientLine, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """Return how many pages the filtered list makes (at least one, even when empty)."""
        return max(1, -(-self.total // self.per_page))


def current_spells(entries: Sequence[RosterEntry], now: datetime) -> list[tuple[int, QuietSpell]]:
    """Return the quiet spell of each patient with a programme in force who has one."""
    spells = []
    for entry in entries:
        if programme_in_force(entry.programmes, now.date()) is None:
            continue
        # A patient added after the programme's start date is counted from when they were added.
        began = max(
            datetime.combine(min(p.starts for p in entry.programmes), time(), tzinfo=UTC),
            entry.patient.created_at,
        )
        since = max(entry.last_session_at or began, began)
        spell = quiet_spell(since, now)
        if spell is not None:
            spells.append((entry.patient.id, spell))
    return spells


def _rank(alerts: Sequence[AlertRecord]) -> tuple[int, datetime]:
    """Sort key: the most urgent severity first, then the longest waiting."""
    if not alerts:
        return (NO_ALERT_RANK, datetime.max.replace(tzinfo=UTC))
    return (
        min(SEVERITY_RANK[RULES[a.kind].severity] for a in alerts),
        min(a.raised_at for a in alerts),
    )


def _wanted(entry: RosterEntry, alerts: Sequence[AlertRecord], chosen: DashboardFilter) -> bool:
    if chosen.search and chosen.search.casefold() not in entry.patient.name.casefold():
        return False
    if chosen.alert is not None and all(a.kind is not chosen.alert for a in alerts):
        return False
    if chosen.clinician is not None:
        latest = entry.programmes[-1] if entry.programmes else None
        return latest is not None and latest.prescribed_by == chosen.clinician
    return True


def dashboard(
    roster: ClinicRoster,
    alerts: ClinicAlerts,
    now: datetime,
    chosen: DashboardFilter,
    verdicts_of: Callable[[Mapping[int, Sequence[PsfsRecord]]], dict[int, VerdictKind]],
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> DashboardPage:
    """Return one page of the clinic's patients, the ones needing attention first.

    verdicts_of gives patients' pain verdicts as their own history pages word them, from each
    one's activity-scale entries (the first and latest); it is asked for the page shown only.
    """
    if not 1 <= per_page <= MAX_PAGE_SIZE:
        raise InvalidInputError(f"per_page: {per_page} is not between 1 and {MAX_PAGE_SIZE}")
    if page < 1:
        raise InvalidInputError(f"page: {page} is not 1 or more")
    entries = roster.entries()
    alerts.keep_quiet_spells(current_spells(entries, now))
    open_alerts = alerts.open_alerts()
    chosen_entries = sorted(
        (e for e in entries if _wanted(e, open_alerts.get(e.patient.id, []), chosen)),
        key=lambda e: (*_rank(open_alerts.get(e.patient.id, [])), e.patient.name.casefold()),
    )
    shown = chosen_entries[(page - 1) * per_page : page * per_page]
    week_start = datetime.combine(monday_of(now.date()), time(), tzinfo=now.tzinfo)
    month_start = now - ACTIVE_WINDOW
    figures = roster.figures([e.patient.id for e in shown], min(week_start, month_start))
    verdicts = verdicts_of(
        {
            person_id: [entry for entry in (found.first_psfs, found.latest_psfs) if entry]
            for person_id, found in figures.items()
        }
    )
    lines = []
    for entry in shown:
        found = figures[entry.patient.id]
        lines.append(
            PatientLine(
                patient=entry.patient,
                programme=programme_in_force(entry.programmes, now.date()),
                sessions_this_week=sum(1 for s in found.session_starts if s >= week_start),
                active_days_30=len(
                    days_active([s for s in found.session_starts if s >= month_start])
                ),
                latest_pain=found.latest_pain,
                function_first=found.first_psfs,
                function_latest=found.latest_psfs,
                last_session_at=entry.last_session_at,
                alerts=tuple(open_alerts.get(entry.patient.id, ())),
                verdict=verdicts[entry.patient.id],
            )
        )
    return DashboardPage(tuple(lines), len(chosen_entries), page, per_page)


def days_active(starts: Iterable[datetime]) -> set[date]:
    """Return the calendar days (UTC) with at least one session."""
    return {start.astimezone(UTC).date() for start in starts}


def patient_alerts(
    roster: ClinicRoster, alerts: ClinicAlerts, person_id: int, now: datetime
) -> list[AlertRecord]:
    """Return the patient's open and latest acknowledged alerts, keeping a quiet spell first."""
    alerts.keep_quiet_spells(current_spells(roster.entries(person_id), now))
    return alerts.patient_alerts(person_id, ACKNOWLEDGED_SHOWN)
