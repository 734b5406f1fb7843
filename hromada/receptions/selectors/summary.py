"""What the council's annual summary counts of receptions ("receptions held"): personal receptions
of officials (особистий прийом) and the centre's visits (ЦНАП) of a year, each by the day of the
visit (a local date: no time-zone boundary to mind). Read from the models in a few aggregate
queries; the reports import this, never the other way round."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    QueueTicket,
    ReceptionBooking,
    ReceptionBookingStatus,
    TicketStatus,
)


@dataclass(frozen=True)
class ReceptionsYear:
    """A year of receptions. `reception_days`: (official, day) pairs with at least one visitor
    marked (came or did not come), i.e. receptions that took place; `appeals`: appeals registered
    from the year's visits; centre `bookings`: visits booked for the year's days, cancelled ones
    left out; `served`: booked visits served; `live_served`: live-queue tickets (walk-ins, late
    bookers, redirected visitors) served; `average_wait`: minutes from the ticket (or the booked
    time) to the call, over every called ticket, None when none was called."""

    reception_days: int = 0
    came: int = 0
    not_came: int = 0
    appeals: int = 0
    bookings: int = 0
    served: int = 0
    no_shows: int = 0
    live_served: int = 0
    average_wait: float | None = None


def _personal(start: dt.date, end: dt.date) -> dict[str, int]:
    visits = ReceptionBooking.objects.filter(day__gte=start, day__lte=end)
    marked = Q(status__in=[ReceptionBookingStatus.CAME, ReceptionBookingStatus.NOT_CAME])
    counts = visits.aggregate(
        came=Count("pk", filter=Q(status=ReceptionBookingStatus.CAME)),
        not_came=Count("pk", filter=Q(status=ReceptionBookingStatus.NOT_CAME)),
        appeals=Count("pk", filter=Q(appeal_id__isnull=False)),
    )
    days = visits.filter(marked).values("official_id", "day").distinct().count()
    return {**counts, "reception_days": days}


def _centre(start: dt.date, end: dt.date) -> dict[str, int]:
    return CentreBooking.objects.filter(day__gte=start, day__lte=end).aggregate(
        bookings=Count("pk", filter=~Q(status=CentreBookingStatus.CANCELLED)),
        served=Count("pk", filter=Q(status=CentreBookingStatus.SERVED)),
        no_shows=Count("pk", filter=Q(status=CentreBookingStatus.NO_SHOW)),
    )


def _queue(start: dt.date, end: dt.date) -> tuple[int, float | None]:
    tickets = QueueTicket.objects.filter(day__gte=start, day__lte=end)
    live_served = tickets.filter(status=TicketStatus.SERVED, due_at__isnull=True).count()
    waits = [
        max(0.0, (called - (due or issued)).total_seconds() / 60)
        for due, issued, called in tickets.filter(called_at__isnull=False).values_list(
            "due_at", "issued_at", "called_at"
        )
        if called is not None
    ]
    return live_served, (round(sum(waits) / len(waits), 1) if waits else None)


def receptions_year(year: int) -> ReceptionsYear:
    """The year's counts (1 January to 31 December, by the visit's day)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    live_served, average_wait = _queue(start, end)
    return ReceptionsYear(
        **_personal(start, end), **_centre(start, end), live_served=live_served, average_wait=average_wait
    )
