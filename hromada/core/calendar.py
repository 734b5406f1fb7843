"""Working days (робочі дні) of a Ukrainian council.

Pure functions of dates and a few settings; no database. Saturdays and Sundays are days off. Public
holidays (and the days off substituted for them) are days off, except while martial law lasts
(Law No. 2136-IX art. 6): from its start date on, holidays are working days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

MARTIAL_LAW_START = dt.date(2022, 2, 24)


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    # The `holidays` package already applies martial law itself: from 24.02.2022 it lists Ukrainian
    # holidays in its "workday" category instead of "public". Take both, so that the `martial_law`
    # setting (not the package) decides whether they are days off.
    return frozenset(holidays.country_holidays("UA", years=year, categories=("public", "workday")).keys())


@dataclass(frozen=True)
class WorkCalendar:
    martial_law: bool = True
    martial_law_since: dt.date = MARTIAL_LAW_START

    def is_holiday(self, day: dt.date) -> bool:
        return day in _public_holidays(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5:
            return False
        if self.is_holiday(day):
            return self.martial_law and day >= self.martial_law_since
        return True

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The latest working day on or before `day`."""
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def next_working_day(self, day: dt.date) -> dt.date:
        """The earliest working day on or after `day`."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (petition answers, moderation terms)."""
        while count > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day
