"""Reads of the ЦНАП for pages and the API: the catalogue of services and a booking by its keys."""

from __future__ import annotations

import datetime as dt
import re
from itertools import groupby

from django.db.models import Max, Min

from hromada.receptions.models import CentreBooking, CentreService, WindowHours

#: A Ukrainian number's significant digits (after 0 or +380): "+38 067 …" and "067 …" are one phone.
PHONE_DIGITS = 9


def catalogue() -> dict[str, list[CentreService]]:
    """Active services by group, groups and names in alphabetical order (the catalogue page)."""
    services = CentreService.objects.filter(is_active=True).order_by("group", "name")
    return {group: list(items) for group, items in groupby(services, key=lambda s: s.group)}


def booking_by_code(code: str) -> CentreBooking | None:
    """Staff look a booking up by the code the visitor reads out (any case, spaces ignored)."""
    code = "".join((code or "").split()).upper()
    if not code:
        return None
    return CentreBooking.objects.select_related("service", "window").filter(code=code).first()


def booking_by_token(token: str) -> CentreBooking | None:
    """The booking of a letter's cancellation link."""
    if not token:
        return None
    return CentreBooking.objects.select_related("service", "window").filter(token=token).first()


def bookable_service(service_id: int) -> CentreService | None:
    """A service the public pages offer for booking (active and booked online)."""
    return CentreService.objects.filter(pk=service_id, is_active=True, is_bookable=True).first()


def _phone_tail(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")[-PHONE_DIGITS:]


def booking_by_code_and_phone(code: str, phone: str) -> CentreBooking | None:
    """ "Find my booking": the code and the phone given at booking must both match (None otherwise,
    without saying which did not)."""
    booking = booking_by_code(code)
    tail = _phone_tail(phone)
    if booking is None or len(tail) < PHONE_DIGITS or _phone_tail(booking.phone) != tail:
        return None
    return booking


def centre_hours() -> list[tuple[int, dt.time, dt.time]]:
    """Години роботи ЦНАП: per weekday, from the first active window's opening to the last closing."""
    rows = (
        WindowHours.objects.filter(window__is_active=True)
        .values("weekday")
        .annotate(starts=Min("starts"), ends=Max("ends"))
        .order_by("weekday")
    )
    return [(row["weekday"], row["starts"], row["ends"]) for row in rows]
