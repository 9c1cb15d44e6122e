"""The report for a doctor: one or two A4 pages read in a minute, as PDF bytes.

Pure: the adapter loads the records and passes them in; this module never touches storage.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

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
MAX_NOTES = 12
MAX_NOTE_CHARACTERS = 220


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, loaded by the adapter from the person's records."""

    person: PersonRecord
    screening: ScreeningRecord | None
    summaries: Sequence[SessionSummary]  # the period's sessions, oldest first
    pains: Sequence[PainEntryRecord]  # the period's pain entries
    psfs: Sequence[PsfsRecord]
    trends: Trends


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
                f"{trends.sessions_with_both} sessions",
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
        rows.append(["Weeks on plan", f"{kept.weeks_on_plan} of {kept.complete_weeks} full weeks"])
    streak = f"current {plural(kept.current_streak, 'day')}, longest {kept.longest_streak}"
    rows.append(["Streak", streak])
    rows.append(["Sessions stopped because pain got worse", str(kept.stopped_for_pain)])
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


def _routine(pdf: Document, data: ReportData) -> None:
    pdf.heading("Routine and doses")
    ended = [s for s in data.summaries if s.session.status is not SessionStatus.IN_PROGRESS]
    if not ended:
        pdf.para("No sessions in this period.")
        return
    used = Counter(s.session.routine_id for s in ended)
    pdf.para(
        "Routines used: " + ", ".join(f"{name} ({count}x)" for name, count in used.most_common())
    )
    latest = ended[-1].session
    rows = []
    exercises = latest.routine.get("exercises")
    for item in exercises if isinstance(exercises, list) else []:
        if not isinstance(item, dict):
            continue
        hold = item.get("hold_seconds")
        rows.append(
            [
                str(item.get("name", item.get("exercise", "?"))),
                str(item.get("repetitions", "?")),
                f"{hold} s" if hold is not None else "moving, no hold",
                "each side" if item.get("sides") == "each" else "both sides together",
            ]
        )
    pdf.para(f"Latest session ({_day(latest.started_at, data)}, {latest.routine_id}):", 9)
    pdf.rows(["Exercise", "Repetitions", "Hold", "Sides"], rows, (70, 28, 40, 40))


def _exercise_name(summary: SessionSummary) -> str | None:
    """Return the name the routine snapshot gives the exercise pain stopped, else its id."""
    exercise = summary.pain_worse_during
    planned = summary.session.routine.get("exercises")
    for item in planned if isinstance(planned, list) else []:
        if isinstance(item, dict) and item.get("exercise") == exercise and item.get("name"):
            return str(item["name"])
    return exercise


def _stopped(pdf: Document, data: ReportData) -> None:
    stopped = [s for s in data.summaries if s.session.status is SessionStatus.STOPPED_PAIN]
    pdf.heading(f"Sessions stopped because pain got worse ({len(stopped)})")
    if not stopped:
        pdf.para("None.")
        return
    rows = [
        [
            _day(s.session.started_at, data),
            s.session.routine_id,
            _exercise_name(s) or "not known",
            f"{_score(s.pain_before)} -> {_score(s.pain_after)}",
        ]
        for s in stopped[-10:]
    ]
    pdf.rows(["Day", "Routine", "During exercise", "Pain before -> after"], rows, (30, 40, 56, 52))
    if len(stopped) > 10:
        pdf.para(f"Showing the latest 10 of {len(stopped)}.", 8, colour=MUTED)


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
    pdf.heading(f"The person's notes ({len(noted)})")
    if not noted:
        pdf.para("No notes.")
        return
    rows = []
    for pain in noted[-MAX_NOTES:]:
        note = pain.note.strip() if pain.note else ""
        if len(note) > MAX_NOTE_CHARACTERS:
            note = note[: MAX_NOTE_CHARACTERS - 1] + "…"
        rows.append(
            [_day(pain.recorded_at, data), f"{pain.score} ({CONTEXT_WORDS[pain.context]})", note]
        )
    pdf.rows(["Day", "Pain", "Note"], rows, (26, 34, 118))
    if len(noted) > MAX_NOTES:
        pdf.para(f"Showing the latest {MAX_NOTES} of {len(noted)}.", 8, colour=MUTED)


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
