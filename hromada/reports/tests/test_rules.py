"""The arithmetic of reports: shares rounded half up, changes, average days, on-time rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hromada.reports import rules


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 8, 13),  # 12.5 → 13: half up, not to even
        (5, 8, 63),  # 62.5 → 63
        (3, 8, 38),  # 37.5 → 38
        (1, 3, 33),
        (2, 3, 67),
        (1, 200, 1),  # 0.5 → 1
        (1, 201, 0),  # 0.497… → 0
        (8, 8, 100),
        (0, 8, 0),
        (0, 0, 0),  # a share of nothing
        (1221, 2104, 58),  # domain.md's hotline share
        (1004, 2230, 45),
    ],
)
def test_percent_is_whole_and_rounded_half_up_when_computed(part, whole, expected):
    assert rules.percent(part, whole) == expected


@pytest.mark.parametrize(
    ("current", "previous", "difference", "percent"),
    [
        (8, 5, 3, 60),
        (7, 8, -1, -13),  # −12.5 → −13: half away from zero
        (9, 8, 1, 13),
        (5, 5, 0, 0),
        (3, 0, 3, None),  # nothing a year earlier: no percent
        (0, 0, 0, None),
    ],
)
def test_change_gives_difference_and_percent_when_compared(current, previous, difference, percent):
    change = rules.Change(current, previous)
    assert (change.difference, change.percent) == (difference, percent)


@pytest.mark.parametrize(
    ("days", "count", "expected"),
    [(31, 3, Decimal("10.3")), (38, 4, Decimal("9.5")), (1, 20, Decimal("0.1")), (7, 1, Decimal("7.0"))],
)
def test_average_days_has_one_decimal_rounded_half_up_when_computed(days, count, expected):
    assert rules.average_days(days, count) == expected


def test_average_days_is_none_when_nothing_was_answered():
    assert rules.average_days(0, 0) is None


def test_on_time_rate_counts_on_time_among_decided_when_computed():
    assert rules.on_time_rate(2, 2) == 50
    assert rules.on_time_rate(3, 2) == 60
    assert rules.on_time_rate(0, 1) == 0
    assert rules.on_time_rate(0, 0) is None


def test_top_keeps_the_given_order_of_equal_counts_when_ranking():
    items = [("a", 1), ("b", 5), ("c", 0), ("d", 1), ("e", 2)]
    assert rules.top(items, 3) == [("b", 5), ("e", 2), ("a", 1)]
