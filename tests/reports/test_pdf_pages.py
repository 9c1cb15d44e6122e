"""The report over five weeks of a Mon/Wed/Fri plan: every note in full, names, pages, fonts."""

import re
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from spinecoach.catalog.loader import default_catalog
from spinecoach.planning import Constraints, plan
from spinecoach.records import PainContext, PersonRecord, SessionStatus
from spinecoach.reports.pdf import ReportData, doctor_report_pdf
from spinecoach.reports.trends import compute_trends
from tests.reports.pages import inked_share, render_pages
from tests.reports.records import NOW, Diary
from tests.reports.test_pdf import text_of

ALICE = PersonRecord(id=1, name="Alice", created_at=NOW - timedelta(days=60))
THIS_MONDAY = (NOW - timedelta(days=NOW.weekday())).replace(hour=8)


def note(number: int) -> str:
    """Return a long note, about 330 characters, whose first and last words name it."""
    middle = " ".join(
        ["my lower back felt stiff after sitting at the desk all morning but eased"] * 4
    )
    return f"Note{number}start {middle} note{number}end"


def snapshot(routine_id: str, day: datetime) -> dict[str, Any]:
    """Return a routine as a session stores it: what the planner planned, names included."""
    return plan(Constraints(routine=routine_id), [], day.date(), default_catalog()).to_dict()


def five_weeks(notes: int = 16) -> Diary:
    """Sessions every Monday, Wednesday and Friday for five weeks, and long diary notes."""
    diary = Diary()
    days = [
        THIS_MONDAY - timedelta(weeks=week) + timedelta(days=offset)
        for week in range(4, -1, -1)
        for offset in (0, 2, 4)
    ]
    for index, day in enumerate(d for d in days if d < NOW):
        score = 6 - index // 4
        planned = snapshot("all-six", day)
        diary.session(
            day,
            before=score,
            after=max(score - 1, 0),
            routine_id="all-six",
            routine=planned,
            exercises=[item["exercise"] for item in planned["exercises"]],
        )
    for index in range(notes):
        diary.pain(
            NOW - timedelta(days=33 - 2 * index, hours=3),
            4,
            PainContext.DIARY,
            note=note(index + 1),
        )
    return diary


def report_of(diary: Diary) -> bytes:
    summaries = diary.summaries()
    trends = compute_trends(summaries, diary.pains, (), NOW)
    data = ReportData(
        person=ALICE,
        screening=None,
        summaries=summaries,
        pains=diary.pains,
        psfs=(),
        trends=trends,
        catalog=default_catalog(),
    )
    return doctor_report_pdf(data)


def test_all_sixteen_long_notes_are_printed_in_full() -> None:
    _, text = text_of(report_of(five_weeks(notes=16)))

    assert "The person's notes (16)" in text
    for number in range(1, 17):
        assert " ".join(note(number).split()) in text, f"note {number} is cut or missing"
    assert "Showing the latest" not in text and "…" not in text


def test_routines_and_exercises_are_named_not_given_by_id() -> None:
    diary = five_weeks(notes=0)
    # A session stored by an older version: its snapshot has ids only, so the catalogue names it.
    diary.session(NOW - timedelta(hours=2), before=3, status=SessionStatus.STOPPED_PAIN)

    _, text = text_of(report_of(diary))

    assert "Routines used: All six stretches (14 sessions), Morning on the floor (1 session)" in (
        text
    )
    assert "Morning on the floor Hip bridge 3 -> -" in text  # it stopped in its second stretch
    assert "Done in it: Knee to chest. Not reached: Hip bridge." in text
    assert "Latest session (25 Nov 2026, Morning on the floor)" in text
    # Its snapshot does not say the dose: the report says so rather than guess "no hold".
    assert "Knee to chest not known not known each side" in text
    assert "Hip bridge not known not known both sides together" in text
    for exercise_id in ("all-six", "morning-floor", "knee-to-chest", "cat-cow", "spinal-torsion"):
        assert exercise_id not in text


def test_doses_streaks_and_counts_read_in_plain_words() -> None:
    _, text = text_of(report_of(five_weeks(notes=0)))

    assert "Cat and cow 8 no hold both sides together" in text
    assert "Knee to chest 3 20 seconds each side" in text
    assert not re.search(r"\b0 s\b", text) and "(s)" not in text and "(ies)" not in text
    assert "Daily streak current 1 day in a row, longest 1 day" in text
    assert (
        "Against the plan Sessions on 2 of 3 planned days this week; on plan 4 weeks in a row"
        in (text)
    )
    assert "Weeks on plan 4 of 4 full weeks" in text


def test_every_font_in_the_report_is_embedded(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_of(five_weeks()))

    listing = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True, timeout=60
    ).stdout

    fonts = listing.splitlines()[2:]  # after the header and its underline
    assert fonts, listing
    for line in fonts:
        # Columns: name, type (one or two words), encoding, then emb sub uni as yes/no.
        assert line.split()[-5] == "yes", f"not embedded: {line}"
    assert "Helvetica" not in listing


def test_report_pages_are_full_except_the_last(tmp_path: Path) -> None:
    pages = render_pages(report_of(five_weeks(notes=16)), tmp_path, "report")

    shares = [inked_share(page) for page in pages]

    assert len(pages) == 3, shares
    for number, share in enumerate(shares[:-1], start=1):
        assert share > 0.85, f"page {number} of {len(pages)} is only {share:.0%} used"
