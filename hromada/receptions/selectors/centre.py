"""Reads of the ЦНАП for pages and the API: the catalogue of services and a booking by its keys."""

from __future__ import annotations

from itertools import groupby

from hromada.receptions.models import CentreBooking, CentreService


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
