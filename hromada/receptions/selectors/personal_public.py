"""What the pages of personal receptions (особистий прийом) read: the published officials and their
open days, a booking by its secret, a resident's bookings, the staff's officials, neighbour reception
days and the journal (Instruction 348). Day pages read these in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.calendar import WorkCalendar
from hromada.receptions import slots
from hromada.receptions.models import (
    ExceptionKind,
    Official,
    PriorityRule,
    ReceptionBooking,
    ReceptionBookingStatus,
    ReceptionHours,
    ReceptionSettings,
    ScheduleException,
)
from hromada.receptions.models.personal import HOLDING
from hromada.receptions.permissions import can_manage_receptions
from hromada.reference.models import AuthorCategory, Topic
from hromada.residents.models import Resident

#: How far the staff's "previous / next reception day" links look.
NEIGHBOUR_DAYS = 120


@dataclass(frozen=True)
class OpenDay:
    """A reception day within the horizon and how many times of it one may still book."""

    day: dt.date
    free: list[dt.time]


def published_officials() -> QuerySet[Official]:
    return Official.objects.filter(is_published=True).prefetch_related("topics", "hours", "exceptions")


def public_official(official_id: int) -> Official | None:
    return published_officials().filter(pk=official_id).first()


def horizon(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Today and the last day open for booking (ReceptionSettings.horizon_days)."""
    start = today or clock.today()
    return start, start + dt.timedelta(days=ReceptionSettings.load().horizon_days)


def _taken(
    officials: list[Official], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], set[dt.time]]:
    held = ReceptionBooking.objects.filter(
        official__in=officials, day__gte=start, day__lte=end, status__in=HOLDING, starts__isnull=False
    ).values_list("official_id", "day", "starts")
    taken: dict[tuple[int, dt.date], set[dt.time]] = defaultdict(set)
    for official_id, day, starts in held:
        if starts is not None:
            taken[(official_id, day)].add(starts)
    return taken


def _split(period: slots.Period, minutes: int) -> list[dt.time]:
    start = dt.datetime.combine(dt.date.min, period[0])
    end = dt.datetime.combine(dt.date.min, period[1])
    step = dt.timedelta(minutes=minutes)
    times: list[dt.time] = []
    while start + step <= end:
        times.append(start.time())
        start += step
    return times


def open_days_of(officials: list[Official], *, first_only: bool = False) -> dict[int, list[OpenDay]]:
    """Each official's reception days within the horizon with free times for a visitor without a
    priority category: the rule of slots.free_slots over rows read once (hours and exceptions
    prefetched, the bookings of the horizon in one query), so a page of officials costs no query per
    day. A suspended or unpublished official has none; today's passed times the service refuses."""
    start, end = horizon()
    rules = ReceptionSettings.load()
    reserved = rules.reserved_slots if rules.priority_rule == PriorityRule.RESERVED else 0
    work = slots.calendar()
    taken = _taken(officials, start, end)
    found: dict[int, list[OpenDay]] = {}
    for official in officials:
        days = found[official.pk] = []
        if not slots.offers_receptions(official):
            continue
        hours = list(official.hours.all())
        exceptions = {e.day: e for e in official.exceptions.all()}
        day = start
        while day <= end and not (first_only and days):
            times: list[dt.time] = []
            for period in _periods(day, hours, exceptions, work):
                times.extend(_split(period, official.slot_minutes))
            free = [s for s in times[reserved:] if s not in taken[(official.pk, day)]]
            if free:
                days.append(OpenDay(day, free))
            day += dt.timedelta(days=1)
    return found


def open_days(official: Official, *, first_only: bool = False) -> list[OpenDay]:
    """One official's open days (see open_days_of)."""
    return open_days_of([official], first_only=first_only)[official.pk]


def topic_choices(official: Official) -> list[Topic]:
    """The topics the official takes; all active topics when the official named none."""
    taken = list(official.topics.filter(is_active=True).order_by("name"))
    return taken or list(Topic.objects.filter(is_active=True).order_by("name"))


def priority_categories() -> list[AuthorCategory]:
    """The classifier's categories considered first (Law art. 20)."""
    return list(AuthorCategory.objects.filter(is_active=True, priority=True).order_by("code"))


def booking_by_token(token: str) -> ReceptionBooking | None:
    if not token:
        return None
    return (
        ReceptionBooking.objects.select_related("official", "topic", "category").filter(token=token).first()
    )


def upcoming_bookings(resident: Resident) -> list[ReceptionBooking]:
    """The resident's "my bookings": live bookings from today on."""
    return list(
        ReceptionBooking.objects.filter(
            resident=resident, day__gte=clock.today(), status=ReceptionBookingStatus.BOOKED
        )
        .select_related("official")
        .order_by("day", "starts")
    )


def staff_officials(user: User) -> QuerySet[Official]:
    """Every official for the registrar and the administrator; one's own for a linked official."""
    officials = Official.objects.prefetch_related("hours", "exceptions")
    return officials if can_manage_receptions(user) else officials.filter(user=user)


def _periods(
    day: dt.date,
    hours: list[ReceptionHours],
    exceptions: dict[dt.date, ScheduleException],
    work: WorkCalendar,
) -> list[slots.Period]:
    """The day's reception periods: the rule of slots.day_periods over rows already read."""
    exception = exceptions.get(day)
    if exception is not None:
        if exception.kind == ExceptionKind.EXTRA and exception.starts and exception.ends:
            return [(exception.starts, exception.ends)]
        return []
    if not work.is_working_day(day):
        return []
    return sorted(
        (h.starts, h.ends)
        for h in hours
        if h.weekday == day.weekday()
        and (h.valid_from is None or h.valid_from <= day)
        and (h.valid_until is None or h.valid_until >= day)
    )


def reception_day_after(official: Official, day: dt.date, *, step: int = 1) -> dt.date | None:
    """The nearest reception day after (`step=1`) or before (`step=-1`) `day`, for the staff: it
    counts a suspended official's days too. Uses the prefetched hours and exceptions if any."""
    hours = list(official.hours.all())
    exceptions = {e.day: e for e in official.exceptions.all()}
    work = slots.calendar()
    current = day
    for _ in range(NEIGHBOUR_DAYS):
        current += dt.timedelta(days=step)
        if _periods(current, hours, exceptions, work):
            return current
    return None


def booking_counts(officials: list[Official], days: set[dt.date]) -> dict[tuple[int, dt.date], int]:
    """Live (not cancelled) visitors per (official, day), in one query."""
    rows = (
        ReceptionBooking.objects.filter(official__in=officials, day__in=days)
        .exclude(status=ReceptionBookingStatus.CANCELLED)
        .values("official_id", "day")
        .annotate(count=Count("id"))
    )
    return {(row["official_id"], row["day"]): row["count"] for row in rows}


def journal(start: dt.date, end: dt.date, official: Official | None, user: User) -> list[ReceptionBooking]:
    """Журнал особистого прийому: every visitor of the period who was received or expected (not the
    cancelled ones), by day, official and order, for the officials the user may see."""
    visible = staff_officials(user)
    bookings = (
        ReceptionBooking.objects.filter(day__gte=start, day__lte=end, official__in=visible)
        .exclude(status=ReceptionBookingStatus.CANCELLED)
        .select_related("official", "topic", "category")
    )
    if official is not None:
        bookings = bookings.filter(official=official)
    return list(bookings.order_by("day", "official__order", "official__full_name", "starts", "created_at"))


def official_for_staff(official_id: int) -> Official | None:
    """The official if it exists, published or not (the view checks who may run its day)."""
    return Official.objects.prefetch_related("hours", "exceptions", "topics").filter(pk=official_id).first()
