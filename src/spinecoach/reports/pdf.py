"""The report for a doctor: one or two A4 pages read in a minute, as PDF bytes.

Pure: the adapter loads the records and passes them in; this module never touches storage.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from spinecoach.catalog.loader import Catalog
from spinecoach.records import (
    PainContext,
    PainEntryRecord,
    PersonRecord,
    PsfsRecord,
    ScreeningOutcome,
    ScreeningRecord,
    SessionStatus,
)
from spinecoach.reports.charts import pain_chart_summary, pain_chart_svg
from spinecoach.reports.history import SessionSummary
from spinecoach.reports.pdf_layout import MUTED, Document
from spinecoach.reports.person_words import NO_NAME, person_words
from spinecoach.reports.trends import SERIES_WORDS, Trends
from spinecoach.session_outcome import SessionOutcome
from spinecoach.words import plural

SCREENING_WORDS = {
    ScreeningOutcome.GO: "no red flags found",
    ScreeningOutcome.SEE_DOCTOR: "see a doctor before stretching",
    ScreeningOutcome.EMERGENCY: "emergency signs reported",
}
CONTEXT_WORDS = {
    PainContext.BEFORE: "before session",
    PainContext.DURING: "during session",
    PainContext.AFTER: "after session",
    PainContext.DIARY: "diary",
}


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, loaded by the adapter from the person's records."""

    person: PersonRecord
    screening: ScreeningRecord | None
    summaries: Sequence[SessionSummary]  # the period's sessions, oldest first
    pains: Sequence[PainEntryRecord]  # the period's pain entries (those with a note suffice)
    psfs: Sequence[PsfsRecord]
    trends: Trends
    # Names routines and exercises whose stored snapshot does not (sessions from older versions).
    catalog: Catalog | None = None
    # Whether the period has older notes than `pains` carries (it carries the latest).
    more_notes: bool = False


def _day(when: datetime, data: ReportData) -> str:
    return f"{when.astimezone(data.trends.now.tzinfo):%d %b %Y}"


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


def _header(pdf: Document, data: ReportData) -> None:
    trends = data.trends
    first = trends.since or (data.summaries[0].session.started_at if data.summaries else None)
    period = f"{_day(first, data)} to {_day(trends.now, data)}" if first else "no sessions yet"
    pdf.use(16, bold=True)
    pdf.cell(
        0, 8, pdf.safe("Low back pain stretching: progress report"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.para(
        f"Person: {person_words(data.person)}   ·   Period: {period}   ·   "
        f"Printed {trends.now:%d %b %Y %H:%M}",
        9.5,
    )
    pdf.para(
        "Self-reported through the spinecoach stretching app (six stretches for low back "
        "pain). Pain on the 0-10 numeric rating scale (NPRS). Not a diagnosis.",
        8,
        colour=MUTED,
    )


def _verdict(pdf: Document, data: ReportData) -> None:
    verdict = data.trends.verdict
    pdf.heading(f"Verdict: {verdict.label}")
    pdf.para(f"Based on {verdict.basis}.")
    if verdict.function:
        pdf.para(verdict.function)
    pdf.para(verdict.advice, 9, colour=MUTED)


def _numbers(pdf: Document, data: ReportData) -> None:
    trends, kept = data.trends, data.trends.adherence
    rows: list[list[str]] = []
    if trends.change is not None:
        change = trends.change
        rows.append(
            [
                f"{SERIES_WORDS[change.context].capitalize()} (mean of first / latest 3)",
                f"{float(change.start):.1f} -> {float(change.latest):.1f} "
                f"({float(-change.drop):+.1f} points)",
            ]
        )
    for week in trends.weeks[-1:]:
        latest = [
            f"{w} {v:.1f}"
            for w, v in (("before", week.before), ("diary", week.diary))
            if v is not None
        ]
        rows.append(
            [f"Latest week's mean pain (from {week.monday:%d %b})", ", ".join(latest) or "-"]
        )
    if trends.per_session is not None:
        rows.append(
            [
                "Change within a session (after minus before)",
                f"{trends.per_session:+.1f} points on average over "
                f"{plural(trends.sessions_with_both, 'session')}",
            ]
        )
    per_week = kept.sessions_per_week
    rows.append(
        [
            "Sessions",
            f"{kept.sessions} in the period"
            + (
                f"; {per_week:.1f} a week (plan: {kept.planned_per_week})"
                if per_week is not None
                else ""
            ),
        ]
    )
    if kept.complete_weeks:
        rows.append(
            [
                "Weeks on plan",
                f"{kept.weeks_on_plan} of {plural(kept.complete_weeks, 'full week')}",
            ]
        )
    plan = "; ".join(filter(None, (kept.this_week(), kept.plan_run())))
    rows.append(["Against the plan", plan[0].upper() + plan[1:]])
    streak = (
        f"current {plural(kept.current_streak, 'day')} in a row, "
        f"longest {plural(kept.longest_streak, 'day')}"
    )
    rows.append(["Daily streak", streak])
    rows.append(["Sessions stopped because pain got worse", str(kept.stopped_for_pain)])
    left_out = _not_counted(data.summaries)
    if left_out:
        rows.append(["Not counted above", left_out])
    pdf.heading("Numbers")
    pdf.rows(["Measure", "Value"], rows, (92, 86))


def _chart(pdf: Document, data: ReportData) -> None:
    pdf.heading("Pain over time")
    top = pdf.get_y()
    if top > pdf.h - 95:
        pdf.add_page()
        top = pdf.get_y()
    height = pdf.picture(pain_chart_svg(data.trends), pdf.l_margin, top, pdf.epw)
    pdf.set_y(top + height + 1)
    pdf.para(pain_chart_summary(data.trends), 7.5, colour=MUTED)


def _screening(pdf: Document, data: ReportData) -> None:
    pdf.heading("Safety screening (red flags)")
    screening = data.screening
    if screening is None:
        pdf.para("No screening on record.")
        return
    flagged = sorted(
        key for key, value in screening.answers.items() if value is True and key != "asked-doctor"
    )
    asked = "yes" if screening.doctor_acknowledged else "no"
    pdf.para(
        f"Latest: {_day(screening.taken_at, data)}, outcome {screening.outcome.value} "
        f"({SCREENING_WORDS[screening.outcome]}); rules version {screening.rules_version}. "
        f"Says they asked a health professional about these stretches: {asked}."
        + (f" Answered yes: {', '.join(flagged)}." if flagged else "")
    )


def _routine_name(summary: SessionSummary, data: ReportData) -> str:
    """Return the routine's name from its snapshot, else from the catalogue, else its id."""
    routine_id = summary.session.routine_id
    if isinstance(summary.session.routine.get("name"), str) or data.catalog is None:
        return summary.routine_name
    template = data.catalog.routines.get(routine_id)
    return template.name if template else routine_id


def _exercise_name(exercise_id: str, summary: SessionSummary, data: ReportData) -> str:
    """Return the exercise's name from the session's snapshot, else the catalogue, else its id."""
    planned = summary.session.routine.get("exercises")
    for item in planned if isinstance(planned, list) else []:
        if isinstance(item, dict) and item.get("exercise") == exercise_id and item.get("name"):
            return str(item["name"])
    exercise = data.catalog.exercises.get(exercise_id) if data.catalog else None
    return exercise.name if exercise else exercise_id


def _hold_words(hold: object) -> str:
    """Describe a planned hold: a moving stretch has none (0), an old snapshot may not say."""
    if not isinstance(hold, int):
        return "not known"
    return plural(hold, "second") if hold > 0 else "no hold"


def _sides_words(item: Mapping[str, object], data: ReportData) -> str:
    """Say whether the stretch was done on each side, from the snapshot or else the catalogue."""
    sides = item.get("sides")
    exercise_id = item.get("exercise")
    if sides is None and data.catalog and isinstance(exercise_id, str):
        exercise = data.catalog.exercises.get(exercise_id)
        sides = exercise.dose.sides.value if exercise else None
    if sides is None:
        return "not known"
    return "each side" if sides == "each" else "both sides together"


def _not_counted(summaries: Sequence[SessionSummary]) -> str:
    """Say which sessions of the period the numbers leave out, and why, or "" for none."""
    ended = [s for s in summaries if s.session.status is not SessionStatus.IN_PROGRESS]
    demos = sum(1 for s in ended if s.session.demo)
    empty = [s for s in ended if not s.session.demo and not s.counts]
    skipped = sum(1 for s in empty if s.outcome is SessionOutcome.NONE_DONE)
    stopped = len(empty) - skipped
    parts = [
        *([plural(demos, "demonstration") + " at faster than normal speed"] if demos else []),
        *([plural(skipped, "session") + " with every stretch skipped"] if skipped else []),
        *([plural(stopped, "session") + " stopped before a stretch was done"] if stopped else []),
    ]
    return "; ".join(parts)


def _routine(pdf: Document, data: ReportData) -> None:
    pdf.heading("Routine and doses")
    ended = [s for s in data.summaries if s.counts]
    if not ended:
        pdf.para("No sessions in this period.")
        return
    used = Counter(_routine_name(s, data) for s in ended)
    pdf.para(
        "Routines used: "
        + ", ".join(f"{name} ({plural(count, 'session')})" for name, count in used.most_common())
    )
    latest = ended[-1]
    rows = []
    exercises = latest.session.routine.get("exercises")
    for item in exercises if isinstance(exercises, list) else []:
        if not isinstance(item, dict):
            continue
        exercise_id = item.get("exercise")
        repetitions = item.get("repetitions")
        rows.append(
            [
                _exercise_name(exercise_id, latest, data)
                if isinstance(exercise_id, str)
                else "not known",
                str(repetitions) if isinstance(repetitions, int) else "not known",
                _hold_words(item.get("hold_seconds")),
                _sides_words(item, data),
            ]
        )
    pdf.para(
        f"Latest session ({_day(latest.session.started_at, data)}, {_routine_name(latest, data)}):",
        9,
    )
    pdf.rows(["Exercise", "Repetitions", "Hold", "Sides"], rows, (70, 28, 40, 40))
    summary = ended[-1]
    skipped = _named(summary, summary.skipped, data)
    not_reached = _named(summary, summary.not_reached, data)
    pdf.para(
        f"Done in it: {_named(summary, summary.done, data)}."
        + (f" Skipped: {skipped}." if skipped else "")
        + (f" Not reached: {not_reached}." if not_reached else ""),
        8,
        colour=MUTED,
    )


def _named(summary: SessionSummary, exercises: Sequence[str], data: ReportData) -> str:
    """Return the stretches by name (as _exercise_name finds it), comma-separated."""
    return ", ".join(_exercise_name(exercise, summary, data) for exercise in exercises)


def _stopped(pdf: Document, data: ReportData) -> None:
    stopped = [
        s
        for s in data.summaries
        if s.session.status is SessionStatus.STOPPED_PAIN and not s.session.demo
    ]
    pdf.heading(f"Sessions stopped because pain got worse ({len(stopped)})")
    if not stopped:
        pdf.para("None.")
        return
    rows = [
        [
            _day(s.session.started_at, data),
            _routine_name(s, data),
            _exercise_name(s.pain_worse_during, s, data) if s.pain_worse_during else "not known",
            f"{_score(s.pain_before)} -> {_score(s.pain_after)}",
        ]
        for s in stopped  # all of them, like the notes: the table runs on over pages
    ]
    pdf.rows(["Day", "Routine", "During exercise", "Pain before -> after"], rows, (30, 40, 56, 52))


def _function(pdf: Document, data: ReportData) -> None:
    pdf.heading("Everyday activities (Patient-Specific Functional Scale)")
    change = data.trends.function
    if change is None:
        entries = len(data.psfs)
        if not entries:
            pdf.para("Not filled in yet.")
        else:
            pdf.para(f"Filled in once ({_day(data.psfs[-1].taken_at, data)}); no change yet.")
        if entries:
            only = data.psfs[-1]
            pdf.rows(
                ["Activity", "Rating 0-10"],
                [[r.activity, str(r.score)] for r in only.ratings],
                (120, 58),
            )
        return
    rows = [
        [
            a.activity,
            str(a.first),
            str(a.latest),
            f"{a.latest - a.first:+d}" + (" (beyond 3-point MDC)" if a.detectable else ""),
        ]
        for a in change.activities
    ]
    pdf.rows(
        [
            "Activity",
            f"{_day(change.first.taken_at, data)}",
            f"{_day(change.latest.taken_at, data)}",
            "Change",
        ],
        rows,
        (76, 28, 28, 46),
    )
    pdf.para(change.sentence(), 9)


def _notes(pdf: Document, data: ReportData) -> None:
    noted = [p for p in data.pains if p.note and p.note.strip()]
    shown = f"the latest {len(noted)}; older ones not listed" if data.more_notes else len(noted)
    pdf.heading(f"The person's notes ({shown})")
    if not noted:
        pdf.para("No notes.")
        return
    # Each note in full: the table runs onto as many pages as it needs.
    rows = [
        [
            _day(pain.recorded_at, data),
            f"{pain.score} ({CONTEXT_WORDS[pain.context]})",
            pain.note.strip() if pain.note else "",
        ]
        for pain in noted
    ]
    pdf.rows(["Day", "Pain", "Note"], rows, (26, 34, 118))


def doctor_report_pdf(data: ReportData) -> bytes:
    """Return the report as PDF bytes: verdict, numbers, chart, screening, routine, notes."""
    pdf = Document(
        "spinecoach progress report",
        f"spinecoach progress report for {data.person.name or NO_NAME}",
        data.trends.now,
    )
    for section in (
        _header,
        _verdict,
        _numbers,
        _chart,
        _screening,
        _routine,
        _stopped,
        _function,
        _notes,
    ):
        section(pdf, data)
    return bytes(pdf.output())
