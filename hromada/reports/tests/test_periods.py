"""Report periods: titles as councils write them, the same period a year earlier, quick periods."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation

from hromada.reports import periods
from hromada.reports.periods import Period

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "title", "phrase"),
    [
        (D(2024, 1, 1), D(2024, 3, 31), "I квартал 2024 року", "I квартал 2024 року"),
        (D(2024, 4, 1), D(2024, 6, 30), "II квартал 2024 року", "II квартал 2024 року"),
        (D(2024, 7, 1), D(2024, 9, 30), "III квартал 2024 року", "III квартал 2024 року"),
        (D(2024, 10, 1), D(2024, 12, 31), "IV квартал 2024 року", "IV квартал 2024 року"),
        (D(2025, 1, 1), D(2025, 6, 30), "I півріччя 2025 року", "I півріччя 2025 року"),
        (D(2025, 7, 1), D(2025, 12, 31), "II півріччя 2025 року", "II півріччя 2025 року"),
        (D(2025, 1, 1), D(2025, 9, 30), "9 місяців 2025 року", "9 місяців 2025 року"),
        (D(2025, 1, 1), D(2025, 12, 31), "2025 рік", "2025 рік"),
        (D(2025, 2, 1), D(2025, 3, 15), "з 01.02.2025 по 15.03.2025", "період з 01.02.2025 по 15.03.2025"),
        (D(2025, 2, 1), D(2025, 4, 30), "з 01.02.2025 по 30.04.2025", "період з 01.02.2025 по 30.04.2025"),
        (D(2024, 12, 1), D(2025, 2, 28), "з 01.12.2024 по 28.02.2025", "період з 01.12.2024 по 28.02.2025"),
    ],
)
def test_title_reads_as_councils_write_it_when_in_ukrainian(start, end, title, phrase):
    period = Period(start, end)
    assert (period.title, period.phrase) == (title, phrase)


#: Quarters I–IV and half-years I–II of one year.
NUMBERED = [periods.quarter(2024, n) for n in range(1, 5)] + [
    Period(D(2025, 1, 1), D(2025, 6, 30)),
    Period(D(2025, 7, 1), D(2025, 12, 31)),
]
#: A word of Roman-numeral letters, Latin or Cyrillic look-alikes (І U+0406, Х U+0425) alike.
NUMERAL_WORD = re.compile(r"(?<!\w)[IVXІХ]+(?!\w)")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.mark.parametrize("language", ["uk", "en"])
def test_numerals_are_latin_only_when_a_quarter_or_half_year_is_written(language):
    """One script: "ІV" (a Cyrillic І beside a Latin V) looks right and is not."""
    with translation.override(language):
        texts = [text for period in NUMBERED for text in (period.title, period.phrase)]
    numerals = [NUMERAL_WORD.findall(text) for text in texts]
    assert all(len(found) == 1 for found in numerals), texts
    assert [found[0] for found in numerals] == [n for n in ("I", "II", "III", "IV", "I", "II") for _ in "tp"]
    assert not [n for (n,) in numerals if CYRILLIC.search(n)]


def test_title_is_english_when_the_language_is_english():
    with translation.override("en"):
        assert periods.quarter(2024, 1).title == "Quarter I of 2024"
        assert periods.year(2025).title == "Year 2025"
        assert Period(D(2025, 2, 1), D(2025, 3, 15)).title == "from 01.02.2025 to 15.03.2025"
        assert periods.quarter(2024, 4).phrase == "quarter IV of 2024"


@pytest.mark.parametrize(
    ("start", "end", "earlier"),
    [
        (D(2025, 1, 1), D(2025, 3, 31), Period(D(2024, 1, 1), D(2024, 3, 31))),
        (D(2025, 2, 1), D(2025, 2, 28), Period(D(2024, 2, 1), D(2024, 2, 29))),  # the whole February
        (D(2024, 2, 29), D(2024, 3, 10), Period(D(2023, 2, 28), D(2023, 3, 10))),
        (D(2025, 2, 10), D(2025, 2, 20), Period(D(2024, 2, 10), D(2024, 2, 20))),
    ],
)
def test_year_earlier_is_the_same_days_when_compared(start, end, earlier):
    assert Period(start, end).year_earlier() == earlier


def test_previous_quarter_is_the_last_full_one_when_asked_on_any_day():
    assert periods.previous_quarter(D(2026, 11, 22)) == periods.quarter(2026, 3)
    assert periods.previous_quarter(D(2026, 1, 1)) == periods.quarter(2025, 4)
    assert periods.previous_quarter(D(2026, 3, 31)) == periods.quarter(2025, 4)


def test_months_lists_every_month_touched_when_the_period_spans_years():
    assert Period(D(2024, 11, 15), D(2025, 2, 1)).months() == [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]


def test_as_of_is_the_end_or_today_when_the_period_still_runs():
    quarter = periods.quarter(2026, 4)
    assert quarter.as_of(D(2026, 11, 22)) == D(2026, 11, 22)
    assert quarter.as_of(D(2027, 1, 5)) == D(2026, 12, 31)


def test_period_refuses_an_end_before_its_start():
    with pytest.raises(ValueError):
        Period(D(2025, 3, 1), D(2025, 2, 1))
