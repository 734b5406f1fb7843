"""Слоти особистого прийому: computed, not stored, from the weekly hours, the exceptions and the
council calendar, so a change of the schedule needs no migration of rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from hromada.core.calendar import WorkCalendar
from hromada.core.models import CouncilSettings
from hromada.receptions.models import (
    ExceptionKind,
    Official,
    PriorityRule,
    ReceptionBooking,
    ReceptionHours,
    ReceptionSettings,
    ScheduleException,
)
from hromada.receptions.models.personal import HOLDING

Period = tuple[dt.time, dt.time]


def calendar() -> WorkCalendar:
    """The council's calendar (martial law decides whether public holidays are days off)."""
    return CouncilSettings.load().calendar


def offers_receptions(official: Official) -> bool:
    """A suspended or unpublished official offers nothing to the public."""
    return official.is_published and not official.is_suspended


def day_periods(official: Official, day: dt.date, *, work: WorkCalendar | None = None) -> list[Period]:
    """The reception periods of a day: an exception overrides the schedule, an `extra` day even a
    non-working one; otherwise the weekday's hours valid that day, on working days only."""
    exception = ScheduleException.objects.filter(official=official, day=day).first()
    if exception is not None:
        if exception.kind == ExceptionKind.EXTRA and exception.starts and exception.ends:
            return [(exception.starts, exception.ends)]
        return []
    if not (work or calendar()).is_working_day(day):
        return []
    hours = ReceptionHours.objects.filter(official=official, weekday=day.weekday()).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
    )
    return [(h.starts, h.ends) for h in hours.order_by("starts")]


def _split(period: Period, minutes: int) -> list[dt.time]:
    start = dt.datetime.combine(dt.date.min, period[0])
    end = dt.datetime.combine(dt.date.min, period[1])
    step = dt.timedelta(minutes=minutes)
    times: list[dt.time] = []
    while start + step <= end:
        times.append(start.time())
        start += step
    return times


def day_slots(official: Official, day: dt.date) -> list[dt.time]:
    """Every slot start of the day (booked or not); none for an official closed to the public."""
    if not offers_receptions(official):
        return []
    slots: list[dt.time] = []
    for period in day_periods(official, day):
        slots.extend(_split(period, official.slot_minutes))
    return slots


def reception_days(official: Official, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days between `start` and `end` (inclusive) with at least one slot."""
    days: list[dt.date] = []
    day = start
    while day <= end:
        if day_slots(official, day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def taken_slots(official: Official, day: dt.date) -> set[dt.time]:
    """Slots held by a live booking (a cancelled one frees its slot)."""
    held = ReceptionBooking.objects.filter(
        official=official, day=day, status__in=HOLDING, starts__isnull=False
    ).values_list("starts", flat=True)
    return {start for start in held if start is not None}


def free_slots(official: Official, day: dt.date, *, priority: bool) -> list[dt.time]:
    """Slots one may book: with the `reserved` rule the first slots of a day are for priority
    visitors (Law art. 20) only."""
    slots = day_slots(official, day)
    taken = taken_slots(official, day)
    rules = ReceptionSettings.load()
    if rules.priority_rule == PriorityRule.RESERVED and not priority:
        slots = slots[rules.reserved_slots :]
    return [s for s in slots if s not in taken]
