"""The demo centre's day (жива черга): when the catalogue and the windows exist (demo_centre), today
gets a queue — some visitors served, one called at a window, several waiting, a booked visitor
checked in. Made through the services, once: a second run finds today's tickets and adds nothing."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from hromada.accounts.models import Role, User
from hromada.core import clock
from hromada.receptions.models import (
    CentreBooking,
    CentrePerson,
    CentreService,
    QueueTicket,
    ReceptionSettings,
    SlotClaim,
    Window,
)
from hromada.receptions.services import queue as services

SERVED = 3
WAITING = 4


def _clerk() -> User | None:
    return (
        User.objects.filter(role=Role.CENTRE_ADMINISTRATOR, is_active=True).order_by("pk").first()
        or User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("pk").first()
    )


def _booking_now(window: Window, service: CentreService) -> CentreBooking | None:
    """A booking of today at the next grid step, on its window's claims (none if the step is taken)."""
    grid = ReceptionSettings.load().grid_minutes
    now = timezone.localtime(clock.now())
    minute = min((now.hour * 60 + now.minute) // grid * grid + grid, 22 * 60)
    starts = dt.time(minute // 60, minute % 60)
    person, _created = CentrePerson.objects.get_or_create(key="demo-queue@example.org")
    try:
        with transaction.atomic():
            booking = CentreBooking.objects.create(
                service=service,
                window=window,
                day=now.date(),
                starts=starts,
                ends=dt.time((minute + grid) // 60, (minute + grid) % 60),
                person=person,
                full_name="Оксана Demo-Черга",
                email="demo-queue@example.org",
                created_at=clock.now(),
            )
            SlotClaim.objects.create(window=window, day=now.date(), minute=minute, booking=booking)
    except IntegrityError:
        return None
    return booking


def seed() -> dict[str, int]:
    windows = list(Window.objects.filter(is_active=True).prefetch_related("services").order_by("number"))
    served = [w for w in windows if w.services.filter(is_active=True).exists()]
    clerk = _clerk()
    if not served or clerk is None:
        return {}
    today = clock.today()
    if QueueTicket.objects.filter(day=today).exists():
        return {"centre queue tickets": 0}
    service = served[0].services.filter(is_active=True).order_by("pk").first()
    assert service is not None
    serving = [w for w in served if service in w.services.all()]
    first, other = serving[0], serving[-1]
    for _ in range(SERVED + 1 + WAITING):
        services.take_ticket(service=service)
    for _ in range(SERVED):
        ticket = services.call_next(window=first, actor=clerk)
        if ticket is not None:
            services.finish_ticket(ticket=ticket, actor=clerk, outcome="served")
    services.call_next(window=other, actor=clerk)  # one visitor stays called at a window
    booking = _booking_now(first, service)
    if booking is not None:
        services.check_in(code=booking.code)
    return {"centre queue tickets": QueueTicket.objects.filter(day=today).count()}
