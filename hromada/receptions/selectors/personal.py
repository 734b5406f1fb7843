"""What the day page of a personal reception reads: the day's visitors in the order they are seen."""

from __future__ import annotations

import datetime as dt

from hromada.receptions.models import (
    BookingChannel,
    Official,
    PriorityRule,
    ReceptionBooking,
    ReceptionBookingStatus,
    ReceptionSettings,
)


def day_list(official: Official, day: dt.date) -> list[ReceptionBooking]:
    """The day's live visitors: booked ones by time, walk-ins after them by arrival; with the
    `first` rule the priority categories (Law art. 20) go before everyone else."""
    bookings = list(
        ReceptionBooking.objects.filter(official=official, day=day)
        .exclude(status=ReceptionBookingStatus.CANCELLED)
        .select_related("topic", "category")
    )
    first = ReceptionSettings.load().priority_rule == PriorityRule.FIRST

    def key(booking: ReceptionBooking) -> tuple[int, int, dt.time, dt.datetime]:
        priority = 0 if first and booking.category is not None and booking.category.priority else 1
        walk_in = 1 if booking.channel == BookingChannel.WALK_IN or booking.starts is None else 0
        arrival = booking.arrived_at or booking.created_at
        return (priority, walk_in, booking.starts or dt.time.max, arrival)

    return sorted(bookings, key=key)
