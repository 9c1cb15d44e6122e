"""`trends`, `chart`, `report` and `handout` on a real SQLite file, read back as a person would."""

import io
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import fmean

import pytest
from pypdf import PdfReader

from spinecoach.records import PainContext, SessionStatus
from spinecoach.store.database import open_database
from spinecoach.store.repository import Repository
from tests.cli.conftest import Run, answers, rows

ROUTINE = {
    "id": "desk-break",
    "name": "Desk break",
    "exercises": [
        {
            "exercise": "seated-back-twist",
            "name": "Seated back twist",
            "repetitions": 5,
            "hold_seconds": 10,
            "sides": "each",
        },
    ],
}


# The sessions that count, written in SQL apart from the code's rule: ended, at normal speed,
# with at least one stretch done. fill's session stopped for pain did nothing, so 11 of 12.
COUNTED = (
    "select count(*) from sessions s where status != 'in-progress' and speed = 1.0 and exists"
    " (select 1 from exercise_results r where r.session_id = s.id and not r.skipped)"
)


def fill(db_file: Path, weeks: int = 4) -> None:
    """Record a screening and three sessions a week for some weeks, pain easing, with notes."""
    engine = open_database(f"sqlite:///{db_file}")
    repository = Repository(engine)
    now = datetime.now(UTC)
    start = now - timedelta(weeks=weeks, hours=1)
    person = repository.ensure_default_person(start)
    repository.record_screening(
        person.id,
        taken_at=start,
        answers=answers(),
        outcome="go",
        rules_version="2026-11-1",
        doctor_acknowledged=True,
    )
    for index in range(weeks * 3):
        at = start + timedelta(days=index * 7 / 3)
        stopped = index == 4
        session = repository.start_session(
            person.id, started_at=at, routine_id="desk-break", routine=ROUTINE, planned_seconds=230
        )
        before = max(0, 6 - index // 2)
        repository.record_pain(
            person.id,
            recorded_at=at,
            score=before,
            context=PainContext.BEFORE,
            session_id=session.id,
        )
        if not stopped:
            repository.record_exercise_result(
                session.id,
                exercise_id="seated-back-twist",
                position=0,
                completed_at=at + timedelta(minutes=4),
                repetitions_done=5,
                hold_seconds_actual=10.0,
                skipped=False,
            )
        end = at + timedelta(minutes=5)
        status = SessionStatus.STOPPED_PAIN if stopped else SessionStatus.COMPLETED
        # Stopped while moving in its one stretch, as the players record it.
        repository.finish_session(
            session.id,
            status=status,
            ended_at=end,
            pain_worse_during="seated-back-twist" if stopped else None,
        )
        repository.record_pain(
            person.id,
            recorded_at=end,
            score=before + (2 if stopped else -1) if before else 0,
            context=PainContext.AFTER,
            session_id=session.id,
            note="sharp twinge turning left" if stopped else None,
        )
    repository.record_pain(
        person.id,
        recorded_at=now - timedelta(days=1),
        score=2,
        context=PainContext.DIARY,
        note="walked to work without stopping",
    )
    engine.dispose()


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def test_the_report_is_one_or_two_pages_whose_numbers_match_the_database(
    spinecoach: Run, db_file: Path, tmp_path: Path
) -> None:
    fill(db_file)
    spinecoach("function", "--rate", "putting on socks=3", "--rate", "sitting through a film=4")
    output = tmp_path / "report.pdf"

    result = spinecoach("report", "-o", str(output))
    pages, text = pdf_text(output)

    assert result.returncode == 0, result.stderr
    before = [
        s
        for (s,) in rows(
            db_file, "select score from pain_entries where context = 'before' order by recorded_at"
        )
    ]
    sessions = rows(db_file, COUNTED)[0][0]
    stopped = rows(db_file, "select count(*) from sessions where status = 'stopped-pain'")[0][0]
    screened = rows(db_file, "select taken_at from screenings")[0][0]
    assert 1 <= pages <= 2
    assert "Verdict: meaningful improvement" in text
    assert f"from {fmean(before[:3]):.1f} to {fmean(before[-3:]):.1f} over 4 weeks" in text
    assert f"{sessions} in the period" in text
    assert f"Sessions stopped because pain got worse ({stopped})" in text
    assert f"{datetime.fromisoformat(str(screened)):%d %b %Y}, outcome go" in text
    assert "Seated back twist 5 10 seconds each side" in text
    assert f"Routines used: Desk break ({sessions} sessions)" in text
    assert "sharp twinge turning left" in text and "walked to work without stopping" in text
    assert "putting on socks 3" in text


def test_the_report_since_a_day_counts_only_what_came_after(
    spinecoach: Run, db_file: Path, tmp_path: Path
) -> None:
    fill(db_file)
    since = (datetime.now(UTC) - timedelta(days=7)).date()
    output = tmp_path / "week.pdf"

    spinecoach("report", "--since", since.isoformat(), "-o", str(output))
    _, text = pdf_text(output)

    recent = rows(db_file, f"{COUNTED} and started_at >= '{since}'")[0][0]
    assert f"{recent} in the period" in text
    assert "Period: " + f"{since:%d %b %Y}" in text


def test_trends_names_the_exercise_pain_stopped_and_the_week_against_the_plan(
    spinecoach: Run, db_file: Path
) -> None:
    fill(db_file)

    result = spinecoach("trends")

    assert result.returncode == 0, result.stderr
    assert "Stopped because pain got worse during: Seated back twist (1 time)." in result.stdout
    assert "planned days this week" in result.stdout and "Current streak" in result.stdout
    assert "seated-back-twist" not in result.stdout and "(1x)" not in result.stdout


def test_trends_json_gives_the_verdict_and_the_numbers(spinecoach: Run, db_file: Path) -> None:
    fill(db_file)

    data = json.loads(spinecoach("trends", "--json").stdout)
    text = spinecoach("trends").stdout

    assert data["verdict"]["kind"] == "improving"
    assert data["pain_change"]["series"] == "before"
    assert data["adherence"]["sessions"] == 11  # the stop for pain did nothing (COUNTED)
    assert data["adherence"]["stopped_exercises"] == {"seated-back-twist": 1}
    change = data["pain_change"]
    assert text.startswith(
        f"Meaningful improvement: before-session pain from {change['start']:.1f} to "
        f"{change['latest']:.1f} over 4 weeks, 11 sessions"
    )


def test_chart_writes_svg_with_a_text_alternative(
    spinecoach: Run, db_file: Path, tmp_path: Path
) -> None:
    fill(db_file)

    pain = spinecoach("chart", "pain", "-o", str(tmp_path / "pain.svg"))
    calendar = spinecoach("chart", "calendar", "-o", str(tmp_path / "days.svg"))

    descriptions = {
        name: ET.parse(tmp_path / name).getroot().findtext("{http://www.w3.org/2000/svg}desc")
        for name in ("pain.svg", "days.svg")
    }
    assert pain.returncode == 0 and calendar.returncode == 0
    assert "11 sessions, 1 stopped for pain" in str(descriptions["pain.svg"])
    assert "Days with a session from" in str(descriptions["days.svg"])


def test_chart_writes_a_real_png(spinecoach: Run, db_file: Path, tmp_path: Path) -> None:
    fill(db_file, weeks=2)
    output = tmp_path / "pain.png"

    result = spinecoach("chart", "pain", "-o", str(output))

    assert result.returncode == 0, result.stderr
    data = output.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    assert width == 1440  # the 720-unit chart at twice its size


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["chart", "pain", "-o", "pain.jpg"],
            "spinecoach: -o: 'pain.jpg' must end in .svg or .png",
        ),
        (
            ["chart", "bars", "-o", "c.svg"],
            "spinecoach: chart: 'bars' is not one of pain, calendar",
        ),
        (["report", "-o", "report.docx"], "spinecoach: -o: 'report.docx' must end in .pdf"),
        (["handout", "all-six", "-o", "sheet.png"], "spinecoach: -o: 'sheet.png' must end in .pdf"),
        (["handout", "yoga", "-o", "sheet.pdf"], "spinecoach: unknown routine 'yoga'"),
        (["report", "-o", "no/such/folder/r.pdf"], "spinecoach: -o: cannot write"),
    ],
)
def test_bad_output_or_name_is_one_line_and_exit_2_and_writes_nothing(
    spinecoach: Run, tmp_path: Path, arguments: list[str], message: str
) -> None:
    output = tmp_path / arguments[-1]
    arguments = [*arguments[:-1], str(output)] if "/" not in arguments[-1] else arguments

    result = spinecoach(*arguments)

    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert not output.exists()


def test_the_handout_shows_each_exercise_with_its_dose_and_the_safety_advice(
    spinecoach: Run, tmp_path: Path
) -> None:
    output = tmp_path / "sheet.pdf"

    result = spinecoach("handout", "morning-floor", "-o", str(output))
    plan = json.loads(spinecoach("timeline", "morning-floor", "--json").stdout)["routine"]
    pages, text = pdf_text(output)

    assert result.returncode == 0, result.stderr
    assert pages <= 3
    assert "Safety first" in text and "never into pain" in text
    for item in plan["exercises"]:
        hold = f", hold {item['hold_seconds']} s" if item["hold_seconds"] else ""
        sides = ", each side" if item["sides"] == "each" else ""
        label = "Starting dose"  # no sessions yet
        assert f"{item['name']} {label}: {item['repetitions']} repetitions{hold}{sides}" in text
    assert "These are starting doses" in text


def test_the_handout_prints_the_doses_the_plan_gives_after_weeks_of_sessions(
    spinecoach: Run, db_file: Path, tmp_path: Path
) -> None:
    fill(db_file)
    output = tmp_path / "sheet.pdf"

    result = spinecoach("handout", "desk-break", "-o", str(output))
    plan = json.loads(spinecoach("plan", "--routine", "desk-break", "--json").stdout)
    _, text = pdf_text(output)

    assert result.returncode == 0, result.stderr
    twist = next(i for i in plan["exercises"] if i["exercise"] == "seated-back-twist")
    assert twist["hold_seconds"] > 10, "the sessions should have raised the twist's hold"
    for item in plan["exercises"]:
        hold = f", hold {item['hold_seconds']} s" if item["hold_seconds"] else ""
        sides = ", each side" if item["sides"] == "each" else ""
        touched = item["exercise"] == "seated-back-twist"
        label = "Your dose now" if touched else "Starting dose"
        repetitions = f"{item['repetitions']} repetitions"
        assert f"{item['name']} {label}: {repetitions}{hold}{sides}" in text
    assert "starting doses" not in text.split("Safety first")[0]
