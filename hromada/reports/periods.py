"""Звітний період: the dates a report covers, its title as councils write it ("I квартал 2024 року",
"2025 рік", "з 01.02.2025 по 15.03.2025") and the same period a year earlier.

Quarters and half-years are written with Roman numerals in Latin letters in every language: a
Cyrillic «І» beside a Latin «V» (as in "ІV") looks alike but searches, sorts and reads aloud
differently. The titles go through gettext, so an English screen reads "Quarter I of 2024".
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

QUARTER = "quarter"
HALF_YEAR = "half_year"
NINE_MONTHS = "nine_months"
YEAR = "year"
RANGE = "range"


#: The numerals of quarters and half-years: Latin letters only, never translated (one script).
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def roman(number: int) -> str:
    """I, II, III, IV: the same Latin letters whatever the language, so a title never mixes scripts."""
    return ROMAN[number]


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _short(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included; appeals belong to it by their registration date."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("a period cannot end before it starts")

    # --- what kind of period ---------------------------------------------------------------------

    @property
    def whole_months(self) -> bool:
        return self.start.day == 1 and self.end == last_day(self.end.year, self.end.month)

    @property
    def kind(self) -> str:
        """quarter, half_year, nine_months, year or range (any other dates)."""
        if not self.whole_months or self.start.year != self.end.year:
            return RANGE
        first, last = self.start.month, self.end.month
        if (first, last) == (1, 12):
            return YEAR
        if first in (1, 4, 7, 10) and last == first + 2:
            return QUARTER
        if (first, last) in ((1, 6), (7, 12)):
            return HALF_YEAR
        if (first, last) == (1, 9):
            return NINE_MONTHS
        return RANGE

    @property
    def number(self) -> int:
        """The quarter's or half-year's number (1…4); 0 for other kinds."""
        if self.kind == QUARTER:
            return (self.start.month - 1) // 3 + 1
        if self.kind == HALF_YEAR:
            return 1 if self.start.month == 1 else 2
        return 0

    # --- words -----------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The heading: "I квартал 2024 року", "I півріччя 2025 року", "2025 рік",
        "з 01.02.2025 по 15.03.2025"."""
        year = self.start.year
        kind = self.kind
        if kind == QUARTER:
            return _("Quarter %(numeral)s of %(year)s") % {"numeral": roman(self.number), "year": year}
        if kind == HALF_YEAR:
            return _("Half-year %(numeral)s of %(year)s") % {"numeral": roman(self.number), "year": year}
        if kind == NINE_MONTHS:
            return _("Nine months of %(year)s") % {"year": year}
        if kind == YEAR:
            return _("Year %(year)s") % {"year": year}
        return _("from %(start)s to %(end)s") % {"start": _short(self.start), "end": _short(self.end)}

    @property
    def phrase(self) -> str:
        """The period inside a sentence ("In %(period)s the council received…"): "I квартал 2024 року",
        "2025 рік", "період з 01.02.2025 по 15.03.2025"."""
        year = self.start.year
        kind = self.kind
        if kind == QUARTER:
            return pgettext("in a sentence", "quarter %(numeral)s of %(year)s") % {
                "numeral": roman(self.number),
                "year": year,
            }
        if kind == HALF_YEAR:
            return pgettext("in a sentence", "half-year %(numeral)s of %(year)s") % {
                "numeral": roman(self.number),
                "year": year,
            }
        if kind == NINE_MONTHS:
            return pgettext("in a sentence", "the first nine months of %(year)s") % {"year": year}
        if kind == YEAR:
            return pgettext("in a sentence", "the year %(year)s") % {"year": year}
        return pgettext("in a sentence", "the period from %(start)s to %(end)s") % {
            "start": _short(self.start),
            "end": _short(self.end),
        }

    # --- arithmetic ------------------------------------------------------------------------------

    def year_earlier(self) -> Period:
        """The same days a year earlier. 29 February becomes the 28th; a period that ends on the last
        day of a month ends on the last day of that month a year earlier (February 2025 → 1–29.02.2024)."""
        return Period(_year_back(self.start, end_of_month=False), _year_back(self.end, end_of_month=True))

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        found = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def as_of(self, today: dt.date) -> dt.date:
        """The day whose state the term figures show: the period's end, or today while it is running."""
        return min(self.end, today)


def _year_back(day: dt.date, *, end_of_month: bool) -> dt.date:
    if end_of_month and day == last_day(day.year, day.month):
        return last_day(day.year - 1, day.month)
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(dt.date(year, first, 1), last_day(year, first + 2))


def year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def quarter_of(day: dt.date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def previous_quarter(today: dt.date) -> Period:
    """The last full quarter before `today`'s: what a council publishes next."""
    current = quarter_of(today)
    return quarter_of(current.start - dt.timedelta(days=1))


def month_label(year: int, month: int) -> str:
    """ "01.2025": short, the same in both languages, and sorts as it reads."""
    return f"{month:02d}.{year}"
