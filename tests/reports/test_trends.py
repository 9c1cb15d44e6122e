from datetime import timedelta
from fractions import Fraction

import pytest

from spinecoach.records import PainContext, SessionStatus
from spinecoach.reports.trends import VerdictKind, compute_trends
from spinecoach.safety.pain import SEE_DOCTOR_ABOUT_PAIN
from tests.reports.records import NOW, Diary, before_series, days_ago, psfs

RECENT = days_ago(20)  # both samples fall inside the pain rule's four-week look-back
LONG_AGO = days_ago(80)  # the pain rule no longer sees any of it


@pytest.mark.parametrize(
    ("first", "latest", "start", "expected"),
    [
        ((5, 5, 5), (3, 3, 3), RECENT, VerdictKind.IMPROVING),  # 2 points
        ((6, 6, 6), (5, 4, 3), RECENT, VerdictKind.IMPROVING),  # exactly 2 points
        ((5, 5, 5), (4, 3, 3), RECENT, VerdictKind.IMPROVING),  # 1.67 points is 33 %
        ((6, 6, 6), (5, 4, 4), RECENT, VerdictKind.NO_CLEAR_CHANGE),  # 1.67 points is 28 %
        ((4, 3, 3), (3, 2, 2), RECENT, VerdictKind.IMPROVING),  # 1 point is exactly 30 %
        ((4, 3, 3), (3, 3, 2), RECENT, VerdictKind.NO_CLEAR_CHANGE),  # 0.67 points, 20 %
        ((2, 2, 2), (1, 1, 1), RECENT, VerdictKind.IMPROVING),  # 50 % and a whole point
        ((2, 2, 2), (2, 1, 1), RECENT, VerdictKind.NO_CLEAR_CHANGE),  # 33 % but under 1 point
        ((3, 3, 3), (5, 5, 5), LONG_AGO, VerdictKind.WORSE),  # up exactly 2 points
        ((3, 3, 3), (5, 5, 4), LONG_AGO, VerdictKind.NO_CLEAR_CHANGE),  # up 1.67
        ((4, 4, 4), (4, 4, 4), LONG_AGO, VerdictKind.NO_CLEAR_CHANGE),
        ((4, 4, 4), (4, 4, 4), RECENT, VerdictKind.SEE_DOCTOR),  # the pain rule: not easing
        ((3, 3, 3), (5, 5, 5), RECENT, VerdictKind.SEE_DOCTOR),
    ],
)
def test_the_verdict_measures_change_against_the_mcid_and_the_pain_rule(
    first: tuple[int, int, int],
    latest: tuple[int, int, int],
    start: object,
    expected: VerdictKind,
) -> None:
    diary = before_series(first, latest, start=start, span_days=14)  # type: ignore[arg-type]

    trends = compute_trends(diary.summaries(), diary.pains, [], NOW)

    assert trends.verdict.kind is expected


def test_the_verdict_says_what_it_is_based_on() -> None:
    diary = before_series((4, 4, 3), (2, 2, 2), start=days_ago(29), span_days=28)

    verdict = compute_trends(diary.summaries(), diary.pains, [], NOW).verdict

    assert verdict.label == "meaningful improvement"
    assert "before-session pain from 3.7 to 2.0 over 4 weeks, 6 sessions" in verdict.sentence()


def test_see_a_doctor_comes_from_the_existing_pain_rule_with_its_advice() -> None:
    diary = before_series((4, 4, 4), (4, 4, 5), start=RECENT, span_days=14)

    verdict = compute_trends(diary.summaries(), diary.pains, [], NOW).verdict

    assert verdict.label == "not improving: see a doctor"
    assert verdict.advice == SEE_DOCTOR_ABOUT_PAIN
    assert verdict.basis.startswith("pain has not eased over the last two weeks")
    assert "from 4.0 to 4.3" in verdict.basis


def test_three_severe_days_call_for_a_doctor_even_with_too_little_data_for_a_trend() -> None:
    diary = Diary()
    for day in (3, 2, 1):
        diary.pain(days_ago(day), 8)

    trends = compute_trends(diary.summaries(), diary.pains, [], NOW)

    assert trends.change is None
    assert trends.verdict.kind is VerdictKind.SEE_DOCTOR
    assert "7 or more out of 10 on three days in a row" in trends.verdict.basis


@pytest.mark.parametrize(
    ("scores", "span", "enough"),
    [
        (5, timedelta(days=30), False),  # five scores are too few, however long
        (6, timedelta(days=14) - timedelta(minutes=1), False),  # not yet two weeks
        (6, timedelta(days=14), True),
        (0, timedelta(days=14), False),
    ],
)
def test_too_little_data_says_too_early_and_what_is_missing(
    scores: int, span: timedelta, enough: bool
) -> None:
    diary = Diary()
    start = days_ago(31)
    for index in range(scores):
        step = span * index / max(scores - 1, 1)
        diary.session(start + step, before=6 - index)

    trends = compute_trends(diary.summaries(), diary.pains, [], NOW)

    assert (trends.change is not None) is enough
    assert (trends.verdict.kind is VerdictKind.TOO_EARLY) is not enough
    if not enough:
        assert "fewer than 6 before-session or diary scores" in trends.verdict.basis


def test_before_session_and_diary_scores_are_never_mixed() -> None:
    diary = Diary()
    for day in (24, 23, 22):
        diary.session(days_ago(day), before=6)
    for day in (3, 2, 1):
        diary.pain(days_ago(day), 2)

    trends = compute_trends(diary.summaries(), diary.pains, [], NOW)

    assert trends.change is None
    assert trends.verdict.kind is VerdictKind.TOO_EARLY


def test_diary_scores_decide_when_there_are_too_few_before_session_scores() -> None:
    diary = Diary()
    for day, score in zip((24, 23, 22, 3, 2, 1), (6, 6, 6, 3, 3, 3), strict=True):
        diary.pain(days_ago(day), score)
    diary.session(days_ago(10), before=9)

    trends = compute_trends(diary.summaries(), diary.pains, [], NOW)

    assert trends.change is not None
    assert trends.change.context is PainContext.DIARY
    assert (trends.change.start, trends.change.latest) == (Fraction(6), Fraction(3))
    assert trends.verdict.basis.startswith("diary pain from 6.0 to 3.0")


def test_weekly_pain_keeps_before_and_diary_apart_and_counts_sessions() -> None:
    diary = Diary()
    monday = NOW.replace(hour=8) - timedelta(days=9)  # Monday of last week
    diary.session(monday, before=6, after=4)
    diary.session(monday + timedelta(days=2), before=4, after=4)
    diary.pain(monday + timedelta(days=1), 7)
    diary.session(NOW - timedelta(hours=2), before=3, after=2)

    weeks = compute_trends(diary.summaries(), diary.pains, [], NOW).weeks

    assert [(w.monday.isoformat(), w.before, w.diary, w.sessions) for w in weeks] == [
        ("2026-11-16", 5.0, 7.0, 2),
        ("2026-11-23", 3.0, None, 1),
    ]


def test_change_per_session_is_the_mean_of_after_minus_before() -> None:
    diary = Diary()
    diary.session(days_ago(3), before=6, after=4)
    diary.session(days_ago(2), before=4, after=5)
    diary.session(days_ago(1), before=4)  # no score after: not counted

    trends = compute_trends(diary.summaries(), diary.pains, [], NOW)

    assert (trends.per_session, trends.sessions_with_both) == (-0.5, 2)


def test_since_limits_the_trend_but_the_pain_rule_sees_everything() -> None:
    diary = before_series((8, 8, 8), (8, 8, 8), start=days_ago(20), span_days=14)
    for day in (5, 4, 3):
        diary.session(days_ago(day), before=2)

    trends = compute_trends(diary.summaries(), diary.pains, [], NOW, since=days_ago(5.5))

    assert {p.score for s in trends.scores.series.values() for p in s.every} == {2}
    assert trends.adherence.sessions == 3
    assert trends.verdict.kind is VerdictKind.SEE_DOCTOR


def test_function_change_is_part_of_the_verdict() -> None:
    diary = before_series((5, 5, 5), (3, 3, 3), start=RECENT, span_days=14)
    entries = [psfs(1, RECENT, socks=3, sitting=4), psfs(2, days_ago(2), socks=6, sitting=5)]

    verdict = compute_trends(diary.summaries(), diary.pains, entries, NOW).verdict

    assert verdict.function is not None
    assert "better, beyond the 2-point detectable change (from 3.5 to 5.5" in verdict.function


def test_sessions_in_progress_are_not_counted_as_done() -> None:
    diary = Diary()
    diary.session(days_ago(1), before=3, after=3)
    diary.session(days_ago(0.1), before=3, status=SessionStatus.IN_PROGRESS)

    trends = compute_trends(diary.summaries(), diary.pains, [], NOW)

    assert trends.adherence.sessions == 1
