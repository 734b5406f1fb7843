"""Календар прийомів (iCalendar, RFC 5545): an official's public feed and one booking's event."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from hromada.receptions import slots
from hromada.receptions.models import Official, ReceptionBooking

KYIV = ZoneInfo("Europe/Kyiv")
PRODID = "-//Hromada//Receptions//UK"


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    return calendar


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=KYIV)


def official_feed(official: Official, start: dt.date, end: dt.date) -> bytes:
    """One event per reception period of each day, with free/busy counts and no personal data."""
    calendar = _calendar()
    stamp = dt.datetime.now(tz=dt.UTC)
    for day in slots.reception_days(official, start, end):
        taken = slots.taken_slots(official, day)
        for period in slots.day_periods(official, day):
            inside = [s for s in slots.day_slots(official, day) if period[0] <= s < period[1]]
            busy = sum(1 for s in inside if s in taken)
            event = Event()
            event.add("uid", f"reception-{official.pk}-{day:%Y%m%d}-{period[0]:%H%M}@hromada")
            event.add("dtstamp", stamp)
            event.add("dtstart", _at(day, period[0]))
            event.add("dtend", _at(day, period[1]))
            event.add("summary", _("Personal reception: %(name)s") % {"name": official.full_name})
            event.add("location", official.place)
            event.add(
                "description",
                _("Free: %(free)s, booked: %(busy)s") % {"free": len(inside) - busy, "busy": busy},
            )
            calendar.add_component(event)
    return calendar.to_ical()


def booking_ics(booking: ReceptionBooking) -> bytes:
    """The booker's own event: the official, the place and the time of the visit."""
    official = booking.official
    calendar = _calendar()
    event = Event()
    starts = booking.starts or dt.time(9, 0)
    begin = _at(booking.day, starts)
    event.add("uid", f"reception-booking-{booking.token}@hromada")
    event.add("dtstamp", dt.datetime.now(tz=dt.UTC))
    event.add("dtstart", begin)
    event.add("dtend", begin + dt.timedelta(minutes=official.slot_minutes))
    event.add(
        "summary",
        _("Personal reception: %(name)s, %(position)s")
        % {"name": official.full_name, "position": official.position},
    )
    event.add("location", official.place)
    calendar.add_component(event)
    return calendar.to_ical()
