"""The report's figures over the known register of dataset.py, every one worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hromada.reports import periods
from hromada.reports.figures import AppealsReport, appeals_report, period_figures

TODAY = dt.date(2026, 11, 20)


def counts(shares):
    """{code: (count, percent)} of the entries that have a count."""
    return {s.code: (s.count, s.percent) for s in shares if s.count}


@pytest.fixture
def q1(register) -> AppealsReport:
    return appeals_report(periods.quarter(2025, 1), today=TODAY)


def test_appeals_are_counted_by_registration_date_without_duplicates(q1):
    f = q1.current
    assert (f.period.start, f.period.end, f.as_of) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 3, 31),
        dt.date(2025, 3, 31),
    )
    assert f.total == 8  # q1–q8; q9 duplicates q1
    assert (f.duplicates, f.repeated, f.collective, f.anonymous) == (1, 1, 1, 1)
    assert [(m.label, m.count) for m in f.by_month] == [("01.2025", 2), ("02.2025", 3), ("03.2025", 3)]


def test_channels_groups_and_kinds_have_shares_of_appeals_rounded_half_up(q1):
    f = q1.current
    assert counts(f.by_channel) == {
        "post": (2, 25),
        "personal_reception": (1, 13),  # 12.5 → 13
        "web": (1, 13),
        "phone": (1, 13),
        "gov_hotline": (2, 25),
        "regional_hotline": (1, 13),
    }
    assert len(f.by_channel) == 12  # every active channel is listed, with 0 where none came
    assert [(s.code, s.count, s.percent) for s in f.by_channel_group] == [
        ("written", 2, 25),
        ("oral", 1, 13),
        ("electronic", 1, 13),
        ("phone", 1, 13),
        ("hotline", 3, 38),  # 37.5 → 38
    ]
    assert counts(f.by_kind) == {"proposal": (1, 13), "application": (5, 63), "complaint": (2, 25)}


def test_priority_appeals_are_counted_by_category_of_any_author(q1):
    f = q1.current
    assert f.priority == 3  # q2 (combatant), q6 (one of two authors a combatant), q8 (disability_2)
    assert counts(f.priority_by_category) == {"combatant": (2, 25), "disability_2": (1, 13)}


def test_issues_have_shares_of_issues_and_results_as_they_stand(q1):
    f = q1.current
    assert (f.issues_total, f.issues_pending) == (9, 1)  # q4's housing issue has no result
    assert counts(f.by_topic) == {
        "transport": (2, 22),
        "social_protection": (1, 11),
        "communal": (5, 56),  # 55.6 → 56
        "housing": (1, 11),
    }
    assert counts(f.by_result) == {
        "resolved": (3, 33),
        "refused": (1, 11),
        "explained": (2, 22),  # q2's transport issue and q6, answered after the quarter
        "forwarded": (1, 11),
        "not_considered": (1, 11),  # the anonymous q7
    }


def test_departments_show_terms_as_of_the_period_end(q1):
    communal, social = q1.current.departments
    assert (communal.code, communal.received, communal.answered, communal.on_time) == ("communal", 5, 3, 2)
    # q2 answered late, q4 open past its due date; q5 forwarded is neither; q9 (duplicate) not counted
    assert (communal.answered_late, communal.open_overdue, communal.overdue) == (1, 1, 2)
    assert communal.average_days == Decimal("10.3")  # (7 + 21 + 3) / 3
    assert communal.on_time_rate == 50  # 2 of 4 decided
    # q6 was answered on 02.04, after the quarter, and is due 03.04: neither answered nor overdue
    assert (social.code, social.received, social.answered, social.on_time, social.overdue) == (
        "social",
        2,
        1,
        1,
        0,
    )
    assert (social.average_days, social.on_time_rate) == (Decimal("7.0"), 100)
    assert (q1.current.answered, q1.current.on_time, q1.current.overdue) == (4, 3, 2)


def test_the_same_period_a_year_earlier_is_counted_alike(q1):
    p = q1.previous
    assert (p.period.start, p.period.end) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert (p.total, p.duplicates, p.repeated, p.collective, p.anonymous, p.priority) == (5, 0, 0, 0, 0, 1)
    assert counts(p.by_channel) == {"post": (2, 40), "phone": (1, 20), "gov_hotline": (2, 40)}
    assert counts(p.by_kind) == {"application": (3, 60), "complaint": (2, 40)}
    assert (p.issues_total, p.issues_pending, counts(p.by_result)) == (5, 4, {"resolved": (1, 20)})
    communal, social = p.departments
    assert (communal.received, communal.answered, communal.on_time, communal.overdue) == (1, 1, 1, 0)
    assert (social.received, social.answered, social.open_overdue, social.on_time_rate) == (1, 0, 1, 0)
    assert social.average_days is None


def test_terms_are_counted_up_to_today_when_the_period_still_runs(register):
    # The II quarter of 2025 seen on 06.05.2025: q10 and q11 registered, nothing resolved.
    f = period_figures(periods.quarter(2025, 2), today=dt.date(2025, 5, 6))
    assert (f.as_of, f.total, f.departments) == (dt.date(2025, 5, 6), 3, [])


def test_half_year_adds_both_quarters(register):
    f = period_figures(periods.Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30)), today=TODAY)
    assert f.period.title == "I півріччя 2025 року"
    assert (f.total, f.issues_total, f.duplicates) == (11, 12, 1)
    assert counts(f.by_channel)["gov_hotline"] == (3, 27)


def test_a_period_without_appeals_has_zeros_and_no_departments(register):
    f = period_figures(periods.year(2020), today=TODAY)
    assert (f.total, f.issues_total, f.priority, f.departments) == (0, 0, 0, [])
    assert all(s.count == 0 and s.percent == 0 for s in f.by_channel)
    assert len(f.by_month) == 12
