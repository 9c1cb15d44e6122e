from datetime import UTC, date, datetime, timedelta

import pytest

from spinecoach.records import (
    ExerciseResultRecord,
    SessionRecord,
    SessionStatus,
)
from spinecoach.reports.history import (
    STATUS_WORDS,
    exercise_in_progress,
    sessions_this_week,
    streak_days,
)

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        ([], 0),
        ([0], 1),
        ([1], 1),  # yesterday still counts: today's session may not have happened yet
        ([2], 0),
        ([0, 1, 2], 3),
        ([0, 1, 3], 2),
        ([1, 2, 3, 5], 3),
    ],
)
def test_streak_counts_consecutive_days_ending_today_or_yesterday(
    days_ago: list[int], expected: int
) -> None:
    assert streak_days([TODAY - timedelta(days=n) for n in days_ago], TODAY) == expected


def test_sessions_this_week_count_from_monday() -> None:
    monday = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    starts = [monday, monday + timedelta(days=2), monday - timedelta(minutes=1)]

    assert sessions_this_week(starts, TODAY) == 2


def session(exercises: list[str]) -> SessionRecord:
    return SessionRecord(
        id=1,
        person_id=1,
        started_at=datetime(2026, 11, 25, tzinfo=UTC),
        routine_id="all-six",
        routine={"exercises": [{"exercise": e} for e in exercises]},
        planned_seconds=600,
        status=SessionStatus.STOPPED_PAIN,
        ended_at=datetime(2026, 11, 25, 0, 5, tzinfo=UTC),
    )


def test_the_exercise_in_progress_is_the_one_after_the_last_recorded() -> None:
    planned = session(["knee-to-chest", "hip-bridge", "cat-cow"])

    assert exercise_in_progress(planned, []) == "knee-to-chest"
    assert exercise_in_progress(planned, [result_at(0), result_at(1)]) == "cat-cow"
    assert exercise_in_progress(planned, [result_at(0), result_at(1), result_at(2)]) is None


def result_at(position: int) -> ExerciseResultRecord:
    return ExerciseResultRecord(
        id=position + 1,
        session_id=1,
        exercise_id="x",
        position=position,
        completed_at=datetime(2026, 11, 25, tzinfo=UTC),
        repetitions_done=3,
        hold_seconds_actual=60.0,
        skipped=False,
    )


def test_every_session_status_has_plain_words_without_dashes() -> None:
    assert set(STATUS_WORDS) == set(SessionStatus)
    assert STATUS_WORDS[SessionStatus.STOPPED_PAIN] == "stopped: pain got worse"
    assert all("-" not in words for words in STATUS_WORDS.values())
