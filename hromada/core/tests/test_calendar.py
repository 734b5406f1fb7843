"""WorkCalendar: weekends, Ukrainian public holidays and the martial-law rule (domain.md §2).

Every date below was checked against a real calendar; the weekday is noted next to it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.core.calendar import MARTIAL_LAW_START, WorkCalendar

d = dt.date.fromisoformat

WARTIME = WorkCalendar()  # martial law on since 2022-02-24 (the default)
PEACETIME = WorkCalendar(martial_law=False)

# Public holidays of 2026 that fall on weekdays (Mon–Fri).
HOLIDAYS_2026_ON_WEEKDAYS = [
    "2026-01-01",  # Thu, New Year's Day
    "2026-05-01",  # Fri, Labour Day
    "2026-05-08",  # Fri, Day of Remembrance and Victory
    "2026-07-15",  # Wed, Ukrainian Statehood Day
    "2026-08-24",  # Mon, Independence Day
    "2026-10-01",  # Thu, Day of Defenders of Ukraine
    "2026-12-25",  # Fri, Christmas Day
]


def test_defaults_are_martial_law_on_since_24_february_2022():
    assert WARTIME.martial_law is True
    assert WARTIME.martial_law_since == MARTIAL_LAW_START == d("2022-02-24")


# --- weekends ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        "2026-03-16",  # Mon
        "2026-03-17",  # Tue
        "2026-03-18",  # Wed
        "2026-03-19",  # Thu
        "2026-03-20",  # Fri
    ],
)
@pytest.mark.parametrize("calendar", [WARTIME, PEACETIME], ids=["martial_law", "no_martial_law"])
def test_is_working_day_when_ordinary_weekday(calendar, day):
    assert calendar.is_working_day(d(day)) is True


@pytest.mark.parametrize(
    "day",
    [
        "2026-03-14",  # Sat
        "2026-03-15",  # Sun
        "2026-02-28",  # Sat
        "2028-02-27",  # Sun
        "2021-07-24",  # Sat, before martial law
    ],
)
@pytest.mark.parametrize("calendar", [WARTIME, PEACETIME], ids=["martial_law", "no_martial_law"])
def test_is_day_off_when_saturday_or_sunday(calendar, day):
    assert calendar.is_working_day(d(day)) is False


@pytest.mark.parametrize(
    "day",
    [
        "2026-03-08",  # Sun, International Women's Day
        "2026-04-12",  # Sun, Easter
        "2026-05-31",  # Sun, Pentecost
        "2026-06-28",  # Sun, Constitution Day
    ],
)
@pytest.mark.parametrize("calendar", [WARTIME, PEACETIME], ids=["martial_law", "no_martial_law"])
def test_is_day_off_when_holiday_falls_on_sunday_even_under_martial_law(calendar, day):
    assert calendar.is_working_day(d(day)) is False


# --- public holidays and martial law ------------------------------------------------------------


@pytest.mark.parametrize("day", HOLIDAYS_2026_ON_WEEKDAYS)
def test_is_holiday_when_ukrainian_public_holiday_of_2026(day):
    assert WARTIME.is_holiday(d(day)) is True
    assert PEACETIME.is_holiday(d(day)) is True


@pytest.mark.parametrize(
    "day",
    [
        "2026-08-25",  # Tue, the day after Independence Day
        "2026-03-16",  # Mon
        "2026-01-07",  # Wed, no longer a holiday (Christmas moved to 25.12 in 2023)
    ],
)
def test_is_not_holiday_when_ordinary_date(day):
    assert WARTIME.is_holiday(d(day)) is False


@pytest.mark.parametrize("day", HOLIDAYS_2026_ON_WEEKDAYS)
def test_is_working_day_when_holiday_under_martial_law(day):
    assert WARTIME.is_working_day(d(day)) is True


@pytest.mark.parametrize("day", HOLIDAYS_2026_ON_WEEKDAYS)
def test_is_day_off_when_holiday_and_martial_law_off(day):
    assert PEACETIME.is_working_day(d(day)) is False


@pytest.mark.parametrize(
    "day",
    [
        "2021-01-01",  # Fri, New Year's Day
        "2021-01-07",  # Thu, Christmas (Julian)
        "2021-01-08",  # Fri, day off substituted from Sat 16.01
        "2021-03-08",  # Mon, International Women's Day
        "2021-05-03",  # Mon, Labour Day (observed)
        "2021-05-04",  # Tue, Easter (observed)
        "2021-06-28",  # Mon, Constitution Day
        "2021-08-23",  # Mon, day off substituted from Sat 28.08
        "2021-08-24",  # Tue, Independence Day
        "2021-10-14",  # Thu, Day of Defenders
        "2021-12-27",  # Mon, Christmas (observed)
        "2022-01-03",  # Mon, New Year's Day (observed)
        "2022-01-07",  # Fri, Christmas (Julian)
    ],
)
@pytest.mark.parametrize("calendar", [WARTIME, PEACETIME], ids=["martial_law", "no_martial_law"])
def test_is_day_off_when_holiday_before_martial_law_started(calendar, day):
    assert calendar.is_working_day(d(day)) is False


@pytest.mark.parametrize(
    "day",
    [
        "2022-03-07",  # Mon, day off substituted from Sat 12.03 — after 24.02
        "2022-03-08",  # Tue, International Women's Day
        "2022-08-24",  # Wed, Independence Day
        "2023-08-24",  # Thu, Independence Day
        "2024-12-25",  # Wed, Christmas Day
    ],
)
def test_is_working_day_when_holiday_after_martial_law_started(day):
    assert WARTIME.is_working_day(d(day)) is True
    assert PEACETIME.is_working_day(d(day)) is False


def test_is_working_day_when_not_a_holiday_the_day_before_martial_law():
    assert WARTIME.is_working_day(d("2022-02-23")) is True  # Wed
    assert WARTIME.is_working_day(d("2022-02-24")) is True  # Thu


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2022-08-24", False),  # Wed, Independence Day before the custom start → day off
        ("2022-12-30", True),  # Fri, ordinary weekday before the custom start
        ("2023-01-02", True),  # Mon, ordinary weekday after the custom start
        ("2023-08-24", True),  # Thu, Independence Day after the custom start → working day
    ],
)
def test_follows_custom_martial_law_start_when_given(day, working):
    calendar = WorkCalendar(martial_law=True, martial_law_since=d("2023-01-01"))
    assert calendar.is_working_day(d(day)) is working


# --- previous / next working day ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        (WARTIME, "2026-03-16", "2026-03-16"),  # Mon → itself
        (WARTIME, "2026-03-14", "2026-03-13"),  # Sat → Fri
        (WARTIME, "2026-03-15", "2026-03-13"),  # Sun → Fri
        (WARTIME, "2026-08-24", "2026-08-24"),  # Independence Day is a working day
        (PEACETIME, "2026-08-24", "2026-08-21"),  # Mon holiday → Fri
        (PEACETIME, "2026-12-25", "2026-12-24"),  # Fri holiday → Thu
        (PEACETIME, "2027-01-01", "2026-12-31"),  # Fri holiday → Thu of the previous year
        (WARTIME, "2027-01-03", "2027-01-01"),  # Sun → Fri 1 January (working under martial law)
        (PEACETIME, "2027-01-03", "2026-12-31"),  # Sun → Sat, Fri holiday → Thu
        (WARTIME, "2021-08-24", "2021-08-20"),  # Tue holiday, Mon substituted day off → Fri
        (WARTIME, "2021-01-10", "2021-01-06"),  # Sun, Sat, Fri (subst.), Thu Christmas → Wed
    ],
)
def test_previous_working_day_when_day_is(calendar, day, expected):
    assert calendar.previous_working_day(d(day)) == d(expected)


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        (WARTIME, "2026-03-16", "2026-03-16"),  # Mon → itself
        (WARTIME, "2026-03-14", "2026-03-16"),  # Sat → Mon
        (WARTIME, "2026-03-15", "2026-03-16"),  # Sun → Mon
        (WARTIME, "2026-08-22", "2026-08-24"),  # Sat → Mon (Independence Day, working)
        (PEACETIME, "2026-08-22", "2026-08-25"),  # Sat → Sun → Mon holiday → Tue
        (PEACETIME, "2026-12-25", "2026-12-28"),  # Fri holiday → Mon
        (WARTIME, "2026-12-26", "2026-12-28"),  # Sat → Mon
        (PEACETIME, "2027-01-01", "2027-01-04"),  # Fri holiday → Mon of the new year
        (WARTIME, "2027-01-01", "2027-01-01"),  # Fri holiday, martial law → itself
        (WARTIME, "2021-08-21", "2021-08-25"),  # Sat, Sun, Mon (subst.), Tue holiday → Wed
        (WARTIME, "2021-01-07", "2021-01-11"),  # Thu Christmas, Fri (subst.), Sat, Sun → Mon
    ],
)
def test_next_working_day_when_day_is(calendar, day, expected):
    assert calendar.next_working_day(d(day)) == d(expected)


# --- adding working days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "day", "count", "expected"),
    [
        (WARTIME, "2026-03-16", 0, "2026-03-16"),  # zero days → the same day
        (WARTIME, "2026-03-16", 1, "2026-03-17"),  # Mon + 1 → Tue
        (WARTIME, "2026-03-12", 2, "2026-03-16"),  # Thu + 2 → Mon (over the weekend)
        (WARTIME, "2026-03-13", 1, "2026-03-16"),  # Fri + 1 → Mon
        (WARTIME, "2026-03-13", 5, "2026-03-20"),  # Fri + 5 → Fri next week
        (WARTIME, "2026-03-14", 1, "2026-03-16"),  # Sat + 1 → Mon
        (WARTIME, "2026-03-15", 2, "2026-03-17"),  # Sun + 2 → Tue
        (WARTIME, "2026-03-02", 10, "2026-03-16"),  # Mon + 10 → Mon two weeks later
        (WARTIME, "2026-08-21", 1, "2026-08-24"),  # Fri + 1 → Mon holiday, working under martial law
        (PEACETIME, "2026-08-21", 1, "2026-08-25"),  # Fri + 1 → Tue, Monday is a holiday
        (PEACETIME, "2026-12-24", 2, "2026-12-29"),  # Thu + 2: Fri 25 holiday, weekend → Mon 28, Tue 29
        (WARTIME, "2026-12-24", 2, "2026-12-28"),  # Thu + 2 → Fri 25, Mon 28
        (WARTIME, "2026-12-30", 3, "2027-01-04"),  # Wed + 3 → Thu 31, Fri 1 Jan, Mon 4 Jan
        (PEACETIME, "2026-12-30", 3, "2027-01-05"),  # Wed + 3 → Thu 31, Mon 4, Tue 5
    ],
)
def test_add_working_days_when_counting_from(calendar, day, count, expected):
    assert calendar.add_working_days(d(day), count) == d(expected)
