"""Demos and sessions with nothing done stay in the history but out of every number."""

from datetime import timedelta

from spinecoach.catalog.loader import default_catalog
from spinecoach.planning import Constraints, plan
from spinecoach.records import (
    ExerciseResultRecord,
    PersonRecord,
    SessionStatus,
)
from spinecoach.reports.adherence import adherence
from spinecoach.reports.fhir import FhirRecords, build_bundle
from spinecoach.reports.history import streak_days
from spinecoach.reports.pdf import ReportData, doctor_report_pdf
from spinecoach.reports.trends import compute_trends
from spinecoach.safety.loader import default_screening
from tests.reports.records import NOW, Diary
from tests.web.progress_helpers import pdf_text


def test_demos_and_skipped_sessions_leave_the_streak_week_and_adherence_alone() -> None:
    diary = Diary()
    diary.session(NOW - timedelta(days=2), before=4, after=3)
    diary.session(NOW - timedelta(days=1), before=4, after=4, done=0)  # all skipped
    diary.session(NOW - timedelta(hours=2), before=1, after=1, speed=50.0)  # a demo
    diary.session(NOW - timedelta(hours=1), status=SessionStatus.STOPPED_PAIN, done=0)
    diary.session(NOW - timedelta(minutes=30), status=SessionStatus.STOPPED_PAIN, speed=20.0)

    kept = adherence(diary.summaries(), NOW)

    assert kept.sessions == 1
    assert kept.current_streak == 0  # the counted session was two days ago
    # A stop for pain is reported even with nothing done before it; a demo's stop is not.
    assert kept.stopped_for_pain == 1
    counted = {s.session.started_at.date() for s in diary.summaries() if s.counts}
    assert streak_days(counted, NOW.date()) == 0


def test_pain_scores_around_a_demo_do_not_move_the_verdict() -> None:
    diary, with_demos = Diary(), Diary()
    for day in range(28, 0, -3):  # ten sessions over four weeks, pain easing from 6 to 3
        score = 3 + day // 9
        for records in (diary, with_demos):
            records.session(NOW - timedelta(days=day), before=score, after=score)
    for hours in (3, 2, 1):  # three quick demos today, answered with 0
        with_demos.session(NOW - timedelta(hours=hours), before=0, after=0, speed=50.0)

    plain = compute_trends(diary.summaries(), diary.pains, [], NOW)
    demos = compute_trends(with_demos.summaries(), with_demos.pains, [], NOW)

    assert plain.change is not None and demos.change is not None
    assert demos.change.latest == plain.change.latest
    assert demos.change.sessions == plain.change.sessions == 10
    assert demos.verdict == plain.verdict
    assert demos.adherence.sessions == 10


def test_the_fhir_bundle_leaves_demos_out_and_never_calls_nothing_done_completed() -> None:
    diary = Diary()
    routine = plan(Constraints(routine="desk-break"), [], NOW.date(), default_catalog())
    skipped = diary.session(NOW - timedelta(days=1), before=3, after=3, done=0)
    demo = diary.session(NOW - timedelta(hours=1), before=2, after=2, speed=50.0)
    results = {
        skipped.id: [
            ExerciseResultRecord(
                id=1,
                session_id=skipped.id,
                exercise_id="knee-to-chest",
                position=0,
                completed_at=NOW - timedelta(days=1),
                repetitions_done=0,
                hold_seconds_actual=0.0,
                skipped=True,
            )
        ]
    }
    records = FhirRecords(
        person=PersonRecord(id=1, name="Alice", created_at=NOW - timedelta(days=30)),
        routine=routine,
        questionnaire=default_screening(),
        sessions=diary.sessions,
        results=results,
        pain_entries=diary.pains,
    )

    bundle = build_bundle(records, NOW)

    resources = [entry["resource"] for entry in bundle["entry"]]
    procedures = [r for r in resources if r["resourceType"] == "Procedure"]
    observations = [r for r in resources if r["resourceType"] == "Observation"]
    assert [p["id"] for p in procedures] == [f"session-{skipped.id}"]
    assert procedures[0]["status"] == "not-done"
    assert procedures[0]["statusReason"] == {"text": "every stretch was skipped"}
    assert len(observations) == 2  # the skipped session's before and after; no demo score
    assert not any(f"session-{demo.id}" in str(o.get("partOf", "")) for o in observations)


def test_the_report_says_which_sessions_its_numbers_leave_out_and_why() -> None:
    diary = Diary()
    diary.session(NOW - timedelta(days=3), before=4, after=3)
    diary.session(NOW - timedelta(days=2), before=4, after=4, done=0)  # all skipped
    diary.session(NOW - timedelta(days=1), status=SessionStatus.STOPPED_PAIN, done=0)
    diary.session(NOW - timedelta(hours=2), before=1, after=1, speed=50.0)
    summaries = diary.summaries()
    trends = compute_trends(summaries, diary.pains, [], NOW)

    _, text = pdf_text(
        doctor_report_pdf(
            ReportData(
                person=PersonRecord(id=1, name="Alice", created_at=NOW - timedelta(days=9)),
                screening=None,
                summaries=summaries,
                pains=diary.pains,
                psfs=[],
                trends=trends,
            )
        )
    )

    assert (
        "1 demonstration at faster than normal speed; 1 session with every stretch skipped; "
        "1 session stopped before a stretch was done" in text
    )
