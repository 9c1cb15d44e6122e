from datetime import UTC, datetime, timedelta

import pytest

from spinecoach.errors import InvalidInputError
from spinecoach.safety.pain import (
    CARRY_ON_ADVICE,
    IMPROVEMENT_TAKES_TIME,
    SEE_DOCTOR_ABOUT_PAIN,
    STOP_AND_REST_ADVICE,
    NextPlanAdjustment,
    PainEntry,
    PersistentPainReason,
    check_during_session,
    check_persistent_pain,
    next_plan_adjustment,
    pain_not_improving,
    pain_score,
    severe_pain_days_in_a_row,
)

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def at(days_ago: int, hour: int = 9) -> datetime:
    """Return `hour`:00 on the calendar day `days_ago` days before NOW."""
    return (NOW - timedelta(days=days_ago)).replace(hour=hour, minute=0)


def ago(days: float) -> datetime:
    """Return the exact moment `days` days before NOW."""
    return NOW - timedelta(days=days)


def history(*scores_by_days_ago: tuple[int, int]) -> list[PainEntry]:
    return [PainEntry(at(days_ago), score) for days_ago, score in scores_by_days_ago]


def spread(scores: list[int], over_days: float) -> list[PainEntry]:
    """Space the scores evenly over `over_days`, the last one today."""
    step = over_days / (len(scores) - 1)
    return [
        PainEntry(at(0) - timedelta(days=step * (len(scores) - 1 - index)), score)
        for index, score in enumerate(scores)
    ]


# --- pain scores -------------------------------------------------------------------------------


@pytest.mark.parametrize("score", [0, 1, 7, 10])
def test_whole_scores_from_0_to_10_are_accepted(score: int) -> None:
    assert pain_score(score) == score


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "between 0 and 10, got -1"),
        (11, "between 0 and 10, got 11"),
        (5.5, "a whole number from 0 to 10, got 5.5"),
        (5.0, "a whole number from 0 to 10, got 5.0"),
        ("5", "a whole number from 0 to 10, got '5'"),
        (True, "a whole number from 0 to 10, got True"),
        (None, "a whole number from 0 to 10, got None"),
    ],
)
def test_other_pain_scores_are_refused_naming_the_field(value: object, message: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        pain_score(value, "pain after")

    assert raised.value.user_message == f"pain after: must be {message}"


@pytest.mark.parametrize("score", [-1, 11, 3.5])
def test_a_pain_entry_refuses_a_bad_score(score: int) -> None:
    with pytest.raises(InvalidInputError, match="pain score: must be"):
        PainEntry(NOW, score)


def test_a_pain_entry_refuses_a_time_that_is_not_a_datetime() -> None:
    with pytest.raises(InvalidInputError, match="pain entry time: must be a date and time"):
        PainEntry("2026-11-24", 3)  # type: ignore[arg-type]  # bad input on purpose


# --- stop and rest when pain worsens during a session (doctor/2) ------------------------------


@pytest.mark.parametrize(
    ("before", "now", "stop"),
    [
        (3, 3, False),
        (3, 4, True),
        (3, 2, False),
        (0, 0, False),
        (0, 1, True),
        (9, 10, True),
        (10, 10, False),
    ],
)
def test_any_rise_during_a_session_means_stop_and_rest(before: int, now: int, stop: bool) -> None:
    check = check_during_session(before, now)

    assert check.stop is stop
    assert check.advice == (STOP_AND_REST_ADVICE if stop else CARRY_ON_ADVICE)


def test_stop_advice_says_to_rest() -> None:
    assert "rest" in STOP_AND_REST_ADVICE


@pytest.mark.parametrize(("before", "now", "field"), [(11, 3, "pain before"), (3, -2, "pain now")])
def test_session_check_refuses_bad_scores(before: int, now: int, field: str) -> None:
    with pytest.raises(InvalidInputError, match=f"^{field}: "):
        check_during_session(before, now)


# --- step back after a meaningful rise (MCID 2 points) ------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "worse_during", "expected"),
    [
        (3, 3, None, NextPlanAdjustment(False, frozenset())),
        (3, 4, None, NextPlanAdjustment(False, frozenset())),
        (3, 5, None, NextPlanAdjustment(True, frozenset())),
        (3, 6, None, NextPlanAdjustment(True, frozenset())),
        (0, 1, None, NextPlanAdjustment(False, frozenset())),
        (0, 2, None, NextPlanAdjustment(True, frozenset())),
        (8, 10, None, NextPlanAdjustment(True, frozenset())),
        (9, 10, None, NextPlanAdjustment(False, frozenset())),
        (6, 2, None, NextPlanAdjustment(False, frozenset())),
        (None, 9, None, NextPlanAdjustment(False, frozenset())),
        (2, None, None, NextPlanAdjustment(False, frozenset())),
        (None, None, None, NextPlanAdjustment(False, frozenset())),
        (3, 5, "hip-bridge", NextPlanAdjustment(True, frozenset({"hip-bridge"}))),
        (3, 4, "cat-cow", NextPlanAdjustment(True, frozenset({"cat-cow"}))),
        (3, 3, "cat-cow", NextPlanAdjustment(True, frozenset({"cat-cow"}))),
        (None, None, "childs-pose", NextPlanAdjustment(True, frozenset({"childs-pose"}))),
    ],
)
def test_next_plan_steps_back_after_a_two_point_rise_or_a_stop(
    before: int | None, after: int | None, worse_during: str | None, expected: NextPlanAdjustment
) -> None:
    assert next_plan_adjustment(before, after, worse_during) == expected


@pytest.mark.parametrize(
    ("before", "after", "worse_during", "message"),
    [
        (11, 3, None, "pain before: must be between 0 and 10"),
        (3, -1, None, "pain after: must be between 0 and 10"),
        (None, 12, None, "pain after: must be between 0 and 10"),
        (12, None, None, "pain before: must be between 0 and 10"),
        (3, 4, " ", "pain worse during: must name an exercise id"),
    ],
)
def test_next_plan_adjustment_refuses_bad_input(
    before: int | None, after: int | None, worse_during: str | None, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=f"^{message}"):
        next_plan_adjustment(before, after, worse_during)


# --- pain not improving over two weeks (doctor/3) -----------------------------------------------


@pytest.mark.parametrize(
    ("entries", "not_improving"),
    [
        pytest.param(spread([5, 5, 5, 5, 5, 5], 14), True, id="flat-for-14-days"),
        pytest.param(spread([5, 5, 5, 5, 5, 5], 13), False, id="flat-for-13-days"),
        pytest.param(spread([5, 5, 5, 5, 5, 5], 13.99), False, id="flat-just-under-14-days"),
        pytest.param(spread([5, 5, 5, 5, 5], 20), False, id="five-entries-too-few"),
        pytest.param(spread([5, 5, 5, 5, 5, 5, 5], 20), True, id="seven-entries"),
        pytest.param(spread([5, 5, 5, 4, 4, 4], 14), False, id="one-point-better"),
        pytest.param(spread([5, 5, 5, 5, 5, 4], 14), False, id="latest-mean-slightly-lower"),
        pytest.param(spread([4, 5, 5, 5, 5, 5], 14), True, id="latest-mean-slightly-higher"),
        pytest.param(spread([3, 3, 3, 6, 6, 6], 14), True, id="worse"),
        pytest.param(spread([6, 6, 6, 1, 9, 2, 5, 6, 7], 14), True, id="means-equal-noisy"),
        pytest.param(spread([0, 0, 0, 0, 0, 0], 14), False, id="pain-free"),
        pytest.param(spread([1, 0, 0, 0, 0, 1], 14), True, id="mild-but-present"),
    ],
)
def test_pain_not_improving_over_two_weeks(entries: list[PainEntry], not_improving: bool) -> None:
    assert pain_not_improving(entries, NOW) is not_improving


def test_pain_not_improving_ignores_entries_older_than_four_weeks() -> None:
    old = history((40, 2), (39, 2), (38, 2))
    recent = history((14, 5), (12, 5), (10, 5), (4, 5), (2, 5), (0, 5))

    assert pain_not_improving(old + recent, NOW) is True


def test_entries_beyond_four_weeks_cannot_make_a_two_week_window() -> None:
    too_old = [PainEntry(ago(days), 5) for days in (29, 28.5, 28.01)]
    entries = too_old + [PainEntry(ago(days), 5) for days in (20, 18, 15)]

    assert pain_not_improving(entries, NOW) is False


@pytest.mark.parametrize(("days_ago", "counts"), [(28, True), (28.01, False)])
def test_an_entry_up_to_exactly_four_weeks_old_counts(days_ago: float, counts: bool) -> None:
    entries = [PainEntry(ago(days_ago), 5), *spread([5, 5, 5, 5, 5], 1)]

    assert pain_not_improving(entries, NOW) is counts


def test_pain_not_improving_does_not_depend_on_input_order() -> None:
    entries = spread([5, 5, 5, 4, 4, 4], 14)

    assert pain_not_improving(list(reversed(entries)), NOW) is False


# --- severe pain on three calendar days in a row (doctor/3) ------------------------------------


@pytest.mark.parametrize(
    ("entries", "severe"),
    [
        pytest.param(history((2, 7), (1, 7), (0, 7)), True, id="7-on-three-days"),
        pytest.param(history((2, 6), (1, 7), (0, 7)), False, id="first-day-6"),
        pytest.param(history((2, 7), (1, 6), (0, 7)), False, id="middle-day-6"),
        pytest.param(history((2, 7), (1, 7), (0, 6)), False, id="last-day-6"),
        pytest.param(history((1, 9), (0, 9)), False, id="only-two-days"),
        pytest.param(history((3, 8), (2, 8), (0, 8)), False, id="gap-day-without-entry"),
        pytest.param(history((4, 8), (3, 8), (1, 8), (0, 8)), False, id="two-runs-of-two"),
        pytest.param(history((3, 7), (2, 8), (1, 10), (0, 7)), True, id="four-days"),
        pytest.param(history((9, 7), (8, 7), (7, 7), (0, 2)), True, id="run-a-week-ago"),
        pytest.param(history((1, 8), (1, 8), (0, 8)), False, id="same-day-twice"),
        pytest.param(
            [*history((2, 3), (1, 8), (0, 7)), PainEntry(at(2, hour=20), 7)],
            True,
            id="one-severe-score-makes-a-day-severe",
        ),
        pytest.param(
            [PainEntry(at(2, hour=23), 7), PainEntry(at(1, hour=0), 7), PainEntry(at(0, 0), 7)],
            True,
            id="calendar-days-not-24h-periods",
        ),
        pytest.param(history((31, 9), (30, 9), (29, 9)), False, id="older-than-four-weeks"),
    ],
)
def test_severe_pain_on_three_calendar_days_in_a_row(
    entries: list[PainEntry], severe: bool
) -> None:
    assert severe_pain_days_in_a_row(entries, NOW) is severe


# --- the combined check -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "reasons"),
    [
        ([], ()),
        (spread([2, 2, 2, 1, 1, 1], 14), ()),
        (spread([4, 4, 4, 4, 4, 4], 14), (PersistentPainReason.NOT_IMPROVING,)),
        (history((2, 8), (1, 8), (0, 8)), (PersistentPainReason.SEVERE_DAYS,)),
        (
            spread([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 8, 8, 8, 8, 8], 14),
            (PersistentPainReason.NOT_IMPROVING, PersistentPainReason.SEVERE_DAYS),
        ),
    ],
)
def test_persistent_pain_check_gives_every_reason(
    entries: list[PainEntry], reasons: tuple[PersistentPainReason, ...]
) -> None:
    check = check_persistent_pain(entries, NOW)

    assert check.reasons == reasons
    assert check.see_doctor is bool(reasons)
    assert check.advice == (SEE_DOCTOR_ABOUT_PAIN if reasons else None)


def test_an_entry_after_now_is_refused() -> None:
    entries = [*history((1, 3)), PainEntry(NOW + timedelta(minutes=1), 3)]

    with pytest.raises(InvalidInputError, match=r"pain history\[1\]\.at: .* is after now"):
        check_persistent_pain(entries, NOW)


def test_mixing_naive_and_aware_times_is_refused() -> None:
    entries = [PainEntry(datetime(2026, 11, 20, 9, 0), 3)]

    with pytest.raises(InvalidInputError, match=r"pain history\[0\]\.at: mixes"):
        check_persistent_pain(entries, NOW)


def test_naive_times_work_when_now_is_naive_too() -> None:
    naive_now = NOW.replace(tzinfo=None)
    entries = [PainEntry(naive_now - timedelta(days=day), 8) for day in (2, 1, 0)]

    assert check_persistent_pain(entries, naive_now).see_doctor is True


# --- reminder ---------------------------------------------------------------------------------


def test_improvement_reminder_is_one_line_about_time() -> None:
    assert "\n" not in IMPROVEMENT_TAKES_TIME
    assert "weeks" in IMPROVEMENT_TAKES_TIME
