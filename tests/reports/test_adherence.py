from datetime import date, timedelta

import pytest

from spinecoach.records import SessionStatus
from spinecoach.reports.adherence import adherence, longest_run
from tests.reports.records import NOW, Diary

THIS_MONDAY = NOW.replace(hour=8) - timedelta(days=2)


def test_weeks_count_sessions_against_the_plan_and_only_full_weeks_are_judged() -> None:
    diary = Diary()
    for week, count in ((3, 3), (2, 1), (1, 4), (0, 2)):  # weeks before this one, then this
        for index in range(count):
            diary.session(THIS_MONDAY - timedelta(weeks=week) + timedelta(days=index % 3))

    kept = adherence(diary.summaries(), NOW, planned_per_week=3)

    assert [count for _, count in kept.weekly_sessions] == [3, 1, 4, 2]
    assert (kept.complete_weeks, kept.weeks_on_plan) == (3, 2)
    assert kept.sessions_per_week == pytest.approx(8 / 3)
    assert "2.7 sessions a week against a plan of 3; on plan in 2 of 3 full weeks" in (
        kept.sentence()
    )


def test_a_week_without_sessions_counts_as_a_week_off_plan() -> None:
    diary = Diary()
    diary.session(THIS_MONDAY - timedelta(weeks=2))

    kept = adherence(diary.summaries(), NOW, planned_per_week=1)

    assert [count for _, count in kept.weekly_sessions] == [1, 0, 0]
    assert (kept.complete_weeks, kept.weeks_on_plan) == (2, 1)


def test_no_full_week_yet_has_no_weekly_mean() -> None:
    diary = Diary()
    diary.session(THIS_MONDAY)

    kept = adherence(diary.summaries(), NOW)

    assert kept.sessions_per_week is None
    assert "1 session so far this first week" in kept.sentence()


@pytest.mark.parametrize(
    ("days", "expected"),
    [([], 0), ([1], 1), ([1, 2, 3], 3), ([1, 2, 4, 5, 6, 9], 3), ([5, 1, 2, 2], 2)],
)
def test_longest_run_counts_consecutive_days(days: list[int], expected: int) -> None:
    assert longest_run(date(2026, 11, day) for day in days) == expected


def test_streaks_use_local_days_of_ended_sessions() -> None:
    diary = Diary()
    for day in (9, 8, 7, 6, 2, 1):
        diary.session(NOW - timedelta(days=day))
    diary.session(NOW - timedelta(hours=1), status=SessionStatus.IN_PROGRESS)

    kept = adherence(diary.summaries(), NOW)

    assert (kept.current_streak, kept.longest_streak, kept.sessions) == (2, 4, 6)


def test_exercises_stopped_for_pain_are_counted_most_first() -> None:
    diary = Diary()
    stopped = SessionStatus.STOPPED_PAIN
    diary.session(NOW - timedelta(days=3), status=stopped, done=0)
    diary.session(NOW - timedelta(days=2), status=stopped, exercises=["cat-cow"], done=0)
    diary.session(NOW - timedelta(days=1), status=stopped, done=0)
    diary.session(NOW - timedelta(hours=3), status=SessionStatus.QUIT)

    kept = adherence(diary.summaries(), NOW)

    # With no exercise results the session stopped in its first planned exercise.
    assert kept.stopped_exercises == (("knee-to-chest", 2), ("cat-cow", 1))
    assert kept.stopped_for_pain == 3
    assert len(kept.stopped_days) == 3


def test_a_monday_wednesday_friday_plan_is_judged_by_planned_days_not_by_a_daily_streak() -> None:
    diary = Diary()
    for week in (4, 3, 2, 1):
        for offset in (0, 2, 4):
            diary.session(THIS_MONDAY - timedelta(weeks=week) + timedelta(days=offset))
    diary.session(THIS_MONDAY)
    diary.session(THIS_MONDAY + timedelta(days=2))  # this Wednesday morning

    kept = adherence(diary.summaries(), NOW)

    assert kept.current_streak == 1
    assert (kept.days_this_week, kept.weeks_on_plan_in_a_row) == (2, 4)
    assert (
        "Sessions on 2 of 3 planned days this week; on plan 4 weeks in a row. "
        "Current streak 1 day in a row, longest 1 day."
    ) in kept.sentence()


def test_this_week_counts_towards_the_run_once_it_is_on_plan() -> None:
    diary = Diary()
    diary.session(THIS_MONDAY - timedelta(weeks=1))  # last week: one session of two planned
    diary.session(THIS_MONDAY)
    diary.session(THIS_MONDAY + timedelta(days=1))

    kept = adherence(diary.summaries(), NOW, planned_per_week=2)

    assert (kept.days_this_week, kept.weeks_on_plan_in_a_row) == (2, 1)
    assert "Sessions on 2 of 2 planned days this week; on plan 1 week in a row." in (
        kept.sentence()
    )


def test_more_days_than_planned_are_counted_as_they_are() -> None:
    diary = Diary()
    for offset in (0, 1, 2):
        diary.session(THIS_MONDAY + timedelta(days=offset))

    kept = adherence(diary.summaries(), NOW, planned_per_week=1)

    assert "Sessions on 3 days this week, 1 planned; on plan 1 week in a row." in (kept.sentence())


def test_two_sessions_on_one_day_are_one_day_of_the_plan() -> None:
    diary = Diary()
    for offset in (0, 0, 0, 2):  # last week: three sessions on Monday, one on Wednesday
        diary.session(THIS_MONDAY - timedelta(weeks=1) + timedelta(days=offset, hours=offset))
    diary.session(THIS_MONDAY)
    diary.session(THIS_MONDAY + timedelta(hours=2))

    kept = adherence(diary.summaries(), NOW, planned_per_week=3)

    assert [count for _, count in kept.weekly_sessions] == [4, 2]
    assert (kept.weeks_on_plan, kept.weeks_on_plan_in_a_row, kept.days_this_week) == (0, 0, 1)
    assert "Sessions on 1 of 3 planned days this week; last week was not on plan." in (
        kept.sentence()
    )
