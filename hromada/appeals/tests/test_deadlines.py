"""Строки розгляду (Law art. 20, domain.md §2 "Terms"): pure date arithmetic, no database.

Every date below was checked against a real calendar; the weekday is noted next to it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hromada.appeals.deadlines import (
    TermRules,
    add_month,
    ceiling,
    due_date_for_term,
    forward_deadline,
    latest_allowed,
    month_limit,
    registration_date,
    settle,
)
from hromada.core.calendar import WorkCalendar

d = dt.date.fromisoformat
at = dt.datetime.fromisoformat

WARTIME = WorkCalendar()  # martial law on (default): public holidays are working days
PEACETIME = WorkCalendar(martial_law=False)


def rules(shift: str = "previous", *, martial_law: bool = True, **kwargs) -> TermRules:
    return TermRules(calendar=WARTIME if martial_law else PEACETIME, shift=shift, **kwargs)


def test_defaults_follow_the_law_and_domain_rules():
    default = TermRules()
    assert default.shift == "previous"
    assert default.short_days == 15
    assert default.max_days == 45
    assert default.forward_days == 5
    assert default.day_start == dt.time(9, 0)
    assert default.day_end == dt.time(18, 0)
    assert default.calendar.martial_law is True


# --- add_month / month_limit --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-01-15", "2026-02-15"),  # same day number
        ("2026-01-29", "2026-02-28"),  # no 29.02 in 2026 → last day
        ("2026-01-30", "2026-02-28"),
        ("2026-01-31", "2026-02-28"),  # 31.01 → 28.02
        ("2028-01-29", "2028-02-29"),  # leap year: 29.02 exists
        ("2028-01-30", "2028-02-29"),
        ("2028-01-31", "2028-02-29"),  # 31.01 → 29.02 in a leap year
        ("2026-02-28", "2026-03-28"),
        ("2028-02-29", "2028-03-29"),
        ("2026-03-31", "2026-04-30"),  # 31.03 → 30.04
        ("2026-04-30", "2026-05-30"),
        ("2026-05-31", "2026-06-30"),
        ("2026-08-31", "2026-09-30"),
        ("2026-12-15", "2027-01-15"),  # December → January of the next year
        ("2026-12-31", "2027-01-31"),
    ],
)
def test_add_month_gives_same_day_or_month_end_when_starting(start, expected):
    assert add_month(d(start)) == d(expected)
    assert month_limit(d(start)) == d(expected)


# --- ceiling (45 days) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("registered", "expected"),
    [
        ("2026-01-28", "2026-03-14"),  # Sat (the ceiling itself is not moved)
        ("2026-01-30", "2026-03-16"),  # Mon
        ("2026-03-01", "2026-04-15"),  # Wed
        ("2026-12-31", "2027-02-14"),  # Sun, across the new year
        ("2028-01-31", "2028-03-16"),  # Thu, across 29.02.2028
    ],
)
def test_ceiling_is_45_calendar_days_after_registration(registered, expected):
    assert ceiling(d(registered), TermRules()) == d(expected)


def test_ceiling_follows_max_days_when_configured():
    assert ceiling(d("2026-03-01"), TermRules(max_days=30)) == d("2026-03-31")


# --- due dates on working days ------------------------------------------------------------------


@pytest.mark.parametrize("shift", ["previous", "next", "keep"])
@pytest.mark.parametrize(
    ("start", "term", "expected"),
    [
        ("2026-03-01", "15d", "2026-03-16"),  # Sun → Mon
        ("2026-03-02", "15d", "2026-03-17"),  # Mon → Tue
        ("2026-12-20", "15d", "2027-01-04"),  # Sun → Mon, across the new year
        ("2026-03-31", "1m", "2026-04-30"),  # Tue → Thu (31.03 → 30.04)
        ("2028-01-31", "1m", "2028-02-29"),  # Mon → Tue (leap year)
        ("2026-12-15", "1m", "2027-01-15"),  # Tue → Fri (December → January)
        ("2026-01-15", "15d", "2026-01-30"),  # Thu → Fri
    ],
)
def test_due_date_is_raw_date_when_it_is_a_working_day(start, term, expected, shift):
    assert due_date_for_term(d(start), term, rules(shift)) == d(expected)


# --- due dates on weekends ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "term", "shift", "expected"),
    [
        # 15 days landing on Saturday 14.03.2026
        ("2026-02-27", "15d", "previous", "2026-03-13"),  # → Fri
        ("2026-02-27", "15d", "next", "2026-03-16"),  # → Mon
        ("2026-02-27", "15d", "keep", "2026-03-14"),  # → Sat
        # 15 days landing on Sunday 15.03.2026
        ("2026-02-28", "15d", "previous", "2026-03-13"),  # → Fri
        ("2026-02-28", "15d", "next", "2026-03-16"),  # → Mon
        ("2026-02-28", "15d", "keep", "2026-03-15"),  # → Sun
        # 1 month landing on Sunday 15.02.2026
        ("2026-01-15", "1m", "previous", "2026-02-13"),  # → Fri
        ("2026-01-15", "1m", "next", "2026-02-16"),  # → Mon
        ("2026-01-15", "1m", "keep", "2026-02-15"),
        # 1 month from 31.01.2026 → 28.02.2026, a Saturday
        ("2026-01-31", "1m", "previous", "2026-02-27"),  # → Fri
        ("2026-01-31", "1m", "next", "2026-03-02"),  # → Mon
        ("2026-01-31", "1m", "keep", "2026-02-28"),
        # 1 month landing on Saturday 14.03.2026
        ("2026-02-14", "1m", "previous", "2026-03-13"),
        ("2026-02-14", "1m", "next", "2026-03-16"),
        ("2026-02-14", "1m", "keep", "2026-03-14"),
        # 1 month from 31.12.2026 → 31.01.2027, a Sunday
        ("2026-12-31", "1m", "previous", "2027-01-29"),  # → Fri
        ("2026-12-31", "1m", "next", "2027-02-01"),  # → Mon
        ("2026-12-31", "1m", "keep", "2027-01-31"),
    ],
)
def test_due_date_moves_by_shift_when_it_falls_on_weekend(start, term, shift, expected):
    assert due_date_for_term(d(start), term, rules(shift)) == d(expected)


# --- due dates on public holidays ---------------------------------------------------------------


@pytest.mark.parametrize("shift", ["previous", "next", "keep"])
@pytest.mark.parametrize(
    ("start", "term", "holiday"),
    [
        ("2026-08-09", "15d", "2026-08-24"),  # Independence Day, Mon
        ("2026-07-24", "1m", "2026-08-24"),
        ("2026-12-10", "15d", "2026-12-25"),  # Christmas, Fri
        ("2026-11-25", "1m", "2026-12-25"),
        ("2026-12-17", "15d", "2027-01-01"),  # New Year's Day, Fri
        ("2026-12-01", "1m", "2027-01-01"),
    ],
)
def test_due_date_stays_on_holiday_when_martial_law_is_on(start, term, holiday, shift):
    assert due_date_for_term(d(start), term, rules(shift)) == d(holiday)


@pytest.mark.parametrize(
    ("start", "term", "shift", "expected"),
    [
        ("2026-08-09", "15d", "previous", "2026-08-21"),  # Mon holiday → Fri
        ("2026-08-09", "15d", "next", "2026-08-25"),  # → Tue
        ("2026-08-09", "15d", "keep", "2026-08-24"),
        ("2026-07-24", "1m", "previous", "2026-08-21"),
        ("2026-07-24", "1m", "next", "2026-08-25"),
        ("2026-12-10", "15d", "previous", "2026-12-24"),  # Fri holiday → Thu
        ("2026-12-10", "15d", "next", "2026-12-28"),  # → Sat, Sun → Mon
        ("2026-11-25", "1m", "previous", "2026-12-24"),
        ("2026-11-25", "1m", "next", "2026-12-28"),
        ("2026-12-17", "15d", "previous", "2026-12-31"),  # Fri 01.01.2027 → Thu 31.12.2026
        ("2026-12-17", "15d", "next", "2027-01-04"),  # → Mon
        ("2026-12-01", "1m", "previous", "2026-12-31"),
        ("2026-12-01", "1m", "next", "2027-01-04"),
        ("2026-12-01", "1m", "keep", "2027-01-01"),
    ],
)
def test_due_date_moves_off_holiday_when_martial_law_is_off(start, term, shift, expected):
    assert due_date_for_term(d(start), term, rules(shift, martial_law=False)) == d(expected)


@pytest.mark.parametrize("martial_law", [True, False], ids=["martial_law", "no_martial_law"])
@pytest.mark.parametrize(
    ("start", "term", "shift", "expected"),
    [
        # 24.08.2021 (Tue) Independence Day and 23.08.2021 (Mon) substituted day off
        ("2021-08-09", "15d", "previous", "2021-08-20"),  # → Fri
        ("2021-08-09", "15d", "next", "2021-08-25"),  # → Wed
        ("2021-07-24", "1m", "previous", "2021-08-20"),
        ("2021-07-24", "1m", "next", "2021-08-25"),
        # 07.01.2021 (Thu) Christmas and 08.01.2021 (Fri) substituted day off
        ("2020-12-23", "15d", "previous", "2021-01-06"),  # → Wed
        ("2020-12-23", "15d", "next", "2021-01-11"),  # → Mon
        ("2020-12-23", "15d", "keep", "2021-01-07"),
    ],
)
def test_due_date_moves_off_holiday_when_before_martial_law(start, term, shift, expected, martial_law):
    assert due_date_for_term(d(start), term, rules(shift, martial_law=martial_law)) == d(expected)


@pytest.mark.parametrize("term", ["", "15", "30d", "45d", "2m", "1M", "15D"])
def test_due_date_raises_value_error_when_term_is_unknown(term):
    with pytest.raises(ValueError, match="unknown term"):
        due_date_for_term(d("2026-03-02"), term, TermRules())


# --- the 45-day ceiling and the "next" shift ----------------------------------------------------


@pytest.mark.parametrize(
    ("max_days", "expected"),
    [
        (28, "2026-03-13"),  # ceiling Sat 14.03: Monday would pass it → back to Fri
        (29, "2026-03-13"),  # ceiling Sun 15.03: still before Mon → back to Fri
        (30, "2026-03-16"),  # ceiling Mon 16.03: Monday is allowed (equal to the ceiling)
    ],
)
def test_next_shift_falls_back_to_previous_when_monday_would_pass_ceiling(max_days, expected):
    # 1 month from 14.02.2026 is Sat 14.03.2026
    got = due_date_for_term(d("2026-02-14"), "1m", rules("next", max_days=max_days))
    assert got == d(expected)


@pytest.mark.parametrize(
    ("day", "limit", "martial_law", "expected"),
    [
        ("2026-03-14", "2026-03-14", True, "2026-03-13"),  # Sat, limit Sat → Fri
        ("2026-03-14", "2026-03-15", True, "2026-03-13"),  # Sat, limit Sun → Fri
        ("2026-03-14", "2026-03-16", True, "2026-03-16"),  # Sat, limit Mon → Mon
        ("2026-03-14", None, True, "2026-03-16"),  # no limit → Mon
        ("2026-08-22", "2026-08-24", True, "2026-08-24"),  # Sat → Mon holiday, working
        ("2026-08-22", "2026-08-24", False, "2026-08-21"),  # Sat → Tue would pass Mon → Fri
        ("2026-08-24", "2026-08-24", False, "2026-08-21"),  # Mon holiday at the limit → Fri
        ("2026-12-25", "2026-12-27", False, "2026-12-24"),  # Fri holiday, Mon 28 past limit → Thu
    ],
)
def test_settle_next_never_passes_limit_when_limit_given(day, limit, martial_law, expected):
    got = settle(d(day), rules("next", martial_law=martial_law), limit=d(limit) if limit else None)
    assert got == d(expected)


@pytest.mark.parametrize(
    ("shift", "expected"),
    [("previous", "2026-03-13"), ("keep", "2026-03-14")],
)
def test_settle_ignores_limit_when_shift_is_not_next(shift, expected):
    assert settle(d("2026-03-14"), rules(shift), limit=d("2026-03-10")) == d(expected)


@pytest.mark.parametrize("martial_law", [True, False], ids=["martial_law", "no_martial_law"])
@pytest.mark.parametrize("shift", ["previous", "next", "keep"])
@pytest.mark.parametrize("term", ["15d", "1m"])
def test_due_date_stays_between_start_and_ceiling_when_start_is_any_day_of_2026(term, shift, martial_law):
    term_rules = rules(shift, martial_law=martial_law)
    day = d("2026-01-01")
    while day.year == 2026:
        due = due_date_for_term(day, term, term_rules)
        assert day < due <= ceiling(day, term_rules), day
        if shift != "keep":
            assert term_rules.calendar.is_working_day(due), day
        day += dt.timedelta(days=1)


# --- latest_allowed (how far an extension may go) -----------------------------------------------


@pytest.mark.parametrize(
    ("registered", "shift", "martial_law", "expected"),
    [
        ("2026-01-30", "previous", True, "2026-03-16"),  # ceiling Mon → itself
        ("2026-01-30", "next", True, "2026-03-16"),
        ("2026-01-30", "keep", True, "2026-03-16"),
        ("2026-01-28", "previous", True, "2026-03-13"),  # ceiling Sat → Fri
        ("2026-01-28", "next", True, "2026-03-13"),  # never past the ceiling → Fri
        ("2026-01-28", "keep", True, "2026-03-14"),  # unchanged
        ("2026-01-29", "previous", True, "2026-03-13"),  # ceiling Sun → Fri
        ("2026-01-29", "keep", True, "2026-03-15"),
        ("2026-12-31", "previous", True, "2027-02-12"),  # ceiling Sun 14.02.2027 → Fri
        ("2026-07-10", "previous", True, "2026-08-24"),  # ceiling Independence Day, working
        ("2026-07-10", "previous", False, "2026-08-21"),  # ceiling holiday, no martial law → Fri
        ("2026-07-10", "next", False, "2026-08-21"),
        ("2026-07-10", "keep", False, "2026-08-24"),
        ("2026-11-10", "previous", False, "2026-12-24"),  # ceiling Christmas (Fri) → Thu
    ],
)
def test_latest_allowed_is_ceiling_or_working_day_before_it(registered, shift, martial_law, expected):
    got = latest_allowed(d(registered), rules(shift, martial_law=martial_law))
    assert got == d(expected)


# --- registration_date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "received",
    [
        "2026-03-15T23:00",  # Sun late evening
        "2026-03-14T10:00",  # Sat
        "2026-03-16T18:30",  # Mon after hours
        "2026-03-16T06:00",  # Mon before opening
    ],
)
@pytest.mark.parametrize("martial_law", [True, False], ids=["martial_law", "no_martial_law"])
def test_registration_date_is_received_date_when_appeal_is_not_electronic(received, martial_law):
    got = registration_date(at(received), electronic=False, rules=rules(martial_law=martial_law))
    assert got == at(received).date()


def test_registration_date_is_received_date_when_not_electronic_on_holiday_without_martial_law():
    got = registration_date(at("2026-08-24T12:00"), electronic=False, rules=rules(martial_law=False))
    assert got == d("2026-08-24")


@pytest.mark.parametrize(
    ("received", "martial_law", "expected"),
    [
        ("2026-03-16T10:00", True, "2026-03-16"),  # Mon, working hours
        ("2026-03-16T00:05", True, "2026-03-16"),  # Mon, before opening → that day
        ("2026-03-16T08:59", True, "2026-03-16"),
        ("2026-03-16T17:59", True, "2026-03-16"),  # last minute of the working day
        ("2026-03-16T18:00", True, "2026-03-17"),  # at the end of the working day → Tue
        ("2026-03-16T23:30", True, "2026-03-17"),  # Mon evening → Tue
        ("2026-03-13T17:00", True, "2026-03-13"),  # Fri, working hours
        ("2026-03-13T19:00", True, "2026-03-16"),  # Fri evening → Mon
        ("2026-03-14T10:00", True, "2026-03-16"),  # Sat → Mon
        ("2026-03-15T23:00", True, "2026-03-16"),  # Sun → Mon
        ("2026-08-24T10:00", True, "2026-08-24"),  # holiday, martial law: working day
        ("2026-08-24T10:00", False, "2026-08-25"),  # holiday, no martial law → Tue
        ("2026-08-21T18:30", True, "2026-08-24"),  # Fri evening → Mon (holiday, working)
        ("2026-08-21T18:30", False, "2026-08-25"),  # Fri evening → Sat, Sun, Mon holiday → Tue
        ("2026-12-24T18:00", False, "2026-12-28"),  # Thu evening → Fri Christmas → Mon
        ("2026-12-31T20:00", True, "2027-01-01"),  # Thu evening → Fri 1 January, working
        ("2026-12-31T20:00", False, "2027-01-04"),  # Thu evening → Mon 4 January
        ("2021-08-20T19:00", True, "2021-08-25"),  # Fri 2021 evening → Sat..Mon (subst.), Tue → Wed
    ],
)
def test_registration_date_for_electronic_appeal_when_received(received, martial_law, expected):
    got = registration_date(at(received), electronic=True, rules=rules(martial_law=martial_law))
    assert got == d(expected)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        ("2026-03-16T16:59", "2026-03-16"),
        ("2026-03-16T17:00", "2026-03-17"),
        ("2026-03-16T17:30", "2026-03-17"),
    ],
)
def test_registration_date_follows_configured_day_end_when_electronic(received, expected):
    got = registration_date(at(received), electronic=True, rules=rules(day_end=dt.time(17, 0)))
    assert got == d(expected)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (dt.datetime(2026, 3, 16, 17, 45, tzinfo=ZoneInfo("Europe/Kyiv")), "2026-03-16"),
        (dt.datetime(2026, 3, 16, 18, 15, tzinfo=ZoneInfo("Europe/Kyiv")), "2026-03-17"),
        (dt.datetime(2026, 3, 13, 23, 59, tzinfo=ZoneInfo("Europe/Kyiv")), "2026-03-16"),
    ],
)
def test_registration_date_uses_local_wall_clock_when_datetime_is_aware(received, expected):
    assert registration_date(received, electronic=True, rules=TermRules()) == d(expected)


# --- forward_deadline ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("registered", "martial_law", "expected"),
    [
        ("2026-03-13", True, "2026-03-18"),  # Fri → Wed
        ("2026-03-16", True, "2026-03-21"),  # Mon → Sat: calendar days, not moved
        ("2026-12-29", True, "2027-01-03"),  # Tue → Sun of the next year, not moved
        ("2026-08-19", False, "2026-08-24"),  # Wed → Mon holiday, not moved
        ("2028-02-26", True, "2028-03-02"),  # Sat → Thu, across 29.02.2028
    ],
)
def test_forward_deadline_is_five_calendar_days_after_registration(registered, martial_law, expected):
    assert forward_deadline(d(registered), rules(martial_law=martial_law)) == d(expected)


def test_forward_deadline_follows_forward_days_when_configured():
    assert forward_deadline(d("2026-03-13"), TermRules(forward_days=3)) == d("2026-03-16")
