"""Строки розгляду (Law art. 20): pure functions of dates and the council's settings.

- Terms are counted in calendar days from the registration date: "15d" ends 15 days after it,
  "1m" on the same day number of the next month (the last day of that month if it has no such day).
- The total, extensions included, never exceeds 45 days from registration.
- A due date on a non-working day moves (setting: previous | next | keep working day). A move never
  carries a due date past the 45-day ceiling.
- An electronic appeal received outside working hours is registered on the next working day.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, field

from hromada.core.calendar import WorkCalendar


@dataclass(frozen=True)
class TermRules:
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    shift: str = "previous"  # previous | next | keep
    short_days: int = 15
    max_days: int = 45
    forward_days: int = 5
    day_start: dt.time = dt.time(9, 0)
    day_end: dt.time = dt.time(18, 0)


def add_month(day: dt.date) -> dt.date:
    """The same day number of the next month, clamped to that month's last day (31.01 → 28.02)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    last = _cal.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def ceiling(registered_on: dt.date, rules: TermRules) -> dt.date:
    """The last calendar day the term may reach, extensions included (45 days)."""
    return registered_on + dt.timedelta(days=rules.max_days)


def month_limit(start: dt.date) -> dt.date:
    """The latest due date a resolution may set without an extension (1 month)."""
    return add_month(start)


def settle(day: dt.date, rules: TermRules, *, limit: dt.date | None = None) -> dt.date:
    """Move a due date off a non-working day by the council's rule, never past `limit`."""
    cal = rules.calendar
    if rules.shift == "next":
        moved = cal.next_working_day(day)
        if limit is not None and moved > limit:
            moved = cal.previous_working_day(day)
        return moved
    if rules.shift == "previous":
        return cal.previous_working_day(day)
    return day


def due_date_for_term(start: dt.date, term: str, rules: TermRules) -> dt.date:
    """Due date of a term ("15d" or "1m") counted from `start` (registration or reopening date)."""
    if term == "15d":
        raw = start + dt.timedelta(days=rules.short_days)
    elif term == "1m":
        raw = add_month(start)
    else:
        raise ValueError(f"unknown term {term!r}")
    return settle(raw, rules, limit=start + dt.timedelta(days=rules.max_days))


def latest_allowed(registered_on: dt.date, rules: TermRules) -> dt.date:
    """The latest due date an extension may set: the ceiling, or the working day before it."""
    top = ceiling(registered_on, rules)
    return top if rules.shift == "keep" else rules.calendar.previous_working_day(top)


def registration_date(received_local: dt.datetime, *, electronic: bool, rules: TermRules) -> dt.date:
    """Дата реєстрації. Written and oral appeals: the day received. Electronic ones received outside
    working hours: the next working day (before opening on a working day: that day)."""
    day = received_local.date()
    if not electronic:
        return day
    cal = rules.calendar
    if cal.is_working_day(day) and received_local.time() < rules.day_end:
        return day
    return cal.next_working_day(day + dt.timedelta(days=1))


def forward_deadline(registered_on: dt.date, rules: TermRules) -> dt.date:
    """Law art. 7: an appeal outside competence is forwarded within 5 days."""
    return registered_on + dt.timedelta(days=rules.forward_days)
