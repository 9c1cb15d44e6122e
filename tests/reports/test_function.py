from datetime import timedelta

import pytest

from spinecoach.reports.function import (
    FunctionDirection,
    activities_to_rate,
    function_change,
    psfs_due,
)
from tests.reports.records import NOW, days_ago, psfs


@pytest.mark.parametrize(
    ("age", "due"),
    [
        (timedelta(days=14), True),
        (timedelta(days=14) - timedelta(seconds=1), False),
        (timedelta(days=40), True),
        (timedelta(0), False),
    ],
)
def test_the_scale_is_offered_two_weeks_after_the_latest_entry(age: timedelta, due: bool) -> None:
    entries = [psfs(1, days_ago(60), socks=2), psfs(2, NOW - age, socks=4)]

    assert psfs_due(entries, NOW) is due


def test_the_scale_is_due_at_the_start() -> None:
    assert psfs_due([], NOW) is True


def test_later_entries_rate_the_activities_named_first() -> None:
    entries = [psfs(2, days_ago(1), film=5), psfs(1, days_ago(20), socks=2, film=3)]

    assert activities_to_rate(entries) == ("socks", "film")


@pytest.mark.parametrize(
    ("first", "latest", "direction"),
    [
        ({"socks": 2, "film": 4}, {"socks": 4, "film": 6}, FunctionDirection.BETTER),  # +2.0
        ({"socks": 2, "film": 4}, {"socks": 4, "film": 5}, FunctionDirection.NO_DETECTABLE_CHANGE),
        ({"socks": 6, "film": 6}, {"socks": 4, "film": 4}, FunctionDirection.WORSE),  # -2.0
        ({"socks": 6, "film": 6}, {"socks": 5, "film": 4}, FunctionDirection.NO_DETECTABLE_CHANGE),
        (
            {"a": 3, "b": 3, "c": 4},
            {"a": 5, "b": 5, "c": 6},  # +2.0 from thirds that do not add up exactly in floats
            FunctionDirection.BETTER,
        ),
    ],
)
def test_function_change_is_judged_against_the_2_point_detectable_change(
    first: dict[str, int], latest: dict[str, int], direction: FunctionDirection
) -> None:
    change = function_change([psfs(1, days_ago(28), **first), psfs(2, NOW, **latest)])

    assert change is not None
    assert change.direction is direction


@pytest.mark.parametrize(
    ("first", "latest", "detectable"), [(2, 5, True), (2, 4, False), (5, 2, True), (5, 3, False)]
)
def test_one_activity_counts_when_it_moves_3_points(
    first: int, latest: int, detectable: bool
) -> None:
    change = function_change([psfs(1, days_ago(14), socks=first), psfs(2, NOW, socks=latest)])

    assert change is not None
    assert change.activities[0].detectable is detectable


def test_only_activities_rated_both_times_are_compared() -> None:
    change = function_change(
        [psfs(1, days_ago(14), socks=2, film=8), psfs(2, NOW, socks=6, stairs=1)]
    )

    assert change is not None
    assert [a.activity for a in change.activities] == ["socks"]
    assert change.change == 4


def test_no_change_until_the_scale_was_filled_in_twice() -> None:
    assert function_change([psfs(1, NOW, socks=3)]) is None
    assert function_change([]) is None


@pytest.mark.parametrize(
    ("days", "span"),
    [(0, "on the same day"), (1, "over 1 day"), (3, "over 3 days"), (14, "over 2 weeks")],
)
def test_the_change_says_its_time_span_in_plain_english(days: int, span: str) -> None:
    change = function_change([psfs(1, days_ago(days), socks=2), psfs(2, NOW, socks=6)])

    assert change is not None
    assert span in change.sentence()
    assert "(s)" not in change.sentence() and "(ies)" not in change.sentence()
