"""The receptions part of the scenario: officials' reception days and the centre's hall.

An official whose account is the head's (the head receives residents and sees their own day), a
hidden official (not published: the portal knows nothing of them), a visitor booked to the first
one, and the centre's window with a live ticket called to it. Made through the services the pages
use, on whatever day the tests run (the first reception day and free slot are looked up)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hromada.accounts.models import User
from hromada.core import clock
from hromada.receptions import centre_slots, slots
from hromada.receptions.models import CentreService, Official, ReceptionHours, Window, WindowHours
from hromada.receptions.services import queue
from hromada.receptions.services.personal import book_reception
from hromada.reference.models import Topic

VISITOR = {
    "full_name": "Прийомна-Відвідувачка Северина Лукʼянівна",
    "phone": "+380507654319",
    "email": "severyna.vidviduvachka@reception.example",
}
HIDDEN_VISITOR = {
    "full_name": "Потайний-Записаний Орест Модестович",
    "phone": "+380937531864",
    "email": "orest.zapysanyi@hidden-official.example",
}

#: Who may see what (merged into the scenario's entitlement table, as `Access` keyword arguments).
ACCESS: dict[str, dict[str, Any]] = {
    # Published, run by the head's account: the portal shows the official; the day (with its
    # visitors) is the registrar's, the administrator's and the official's own.
    "official_public": {"staff": {"registrar", "administrator", "head"}, "portal": "everyone"},
    # Not published: the receptions' staff only.
    "official_hidden": {"staff": {"registrar", "administrator"}},
    "reception_booking": {"staff": {"registrar", "administrator", "head"}},
    # The centre's hall: its administrators and the administrator.
    "centre_window": {"staff": {"cnap", "administrator"}},
    "queue_ticket": {"staff": {"cnap", "administrator"}},
    # A service of the catalogue: public.
    "centre_service": {"staff": "everyone", "portal": "everyone"},
}
MARKERS: dict[str, list[str]] = {
    "official_public": list(VISITOR.values()),
    "official_hidden": list(HIDDEN_VISITOR.values()),
    "reception_booking": list(VISITOR.values()),
    "centre_window": [],
    "queue_ticket": [],
    "centre_service": [],
}


def _official(name: str, *, user: User | None, published: bool) -> Official:
    official = Official.objects.create(
        full_name=name,
        position="Заступник міського голови",
        place="каб. 7",
        user=user,
        is_published=published,
    )
    official.topics.set(Topic.objects.filter(code="communal"))
    for weekday in range(7):
        ReceptionHours.objects.create(official=official, weekday=weekday, starts=dt.time(9), ends=dt.time(17))
    return official


def _book(official: Official, who: dict[str, str]) -> Any:
    today = clock.today()
    for day in slots.reception_days(official, today + dt.timedelta(days=1), today + dt.timedelta(days=14)):
        free = slots.free_slots(official, day, priority=False)
        if free:
            return book_reception(
                official=official,
                day=day,
                starts=free[0],
                topic="communal",
                channel="portal",
                full_name=who["full_name"],
                phone=who["phone"],
                email=who["email"],
            )
    raise AssertionError("the scenario's official has no free slot in two weeks")


def _centre(cnap: User) -> dict[str, int]:
    service = CentreService.objects.create(code="СЦЕН", name="Довідка сценарію", group="Довідки", minutes=15)
    window = Window.objects.create(number="9")
    window.services.set([service])
    for weekday in range(7):
        WindowHours.objects.create(window=window, weekday=weekday, starts=dt.time(0), ends=dt.time(23, 45))
    ticket = queue.take_ticket(service=service)
    called = queue.call_next(window=window, actor=cnap)
    assert called is not None and called.pk == ticket.pk
    assert centre_slots.active_windows(service)
    return {"centre_window": window.pk, "queue_ticket": ticket.pk, "centre_service": service.pk}


def build(users: dict[str, User]) -> tuple[dict[str, int], dict[str, str]]:
    """The ids of the receptions' objects and the day of the booked visit (a URL value)."""
    public = _official("Приймальна Посадовиця Ганна Сергіївна", user=users["head"], published=True)
    hidden = _official("Прихований Посадовець Тарас Ілліч", user=None, published=False)
    booking = _book(public, VISITOR)
    # The hidden official's visitor is booked by phone (the portal does not offer the official).
    _book_hidden(hidden, users["registrar"])
    ids = {
        "official_public": public.pk,
        "official_hidden": hidden.pk,
        "reception_booking": booking.pk,
        **_centre(users["cnap"]),
    }
    return ids, {"reception_day": booking.day.isoformat()}


def _book_hidden(official: Official, registrar: User) -> None:
    official.is_published = True  # the service books published officials only; hidden again below
    official.save(update_fields=["is_published"])
    booking = _book(official, HIDDEN_VISITOR)
    booking.channel = "phone"
    booking.created_by = registrar
    booking.save(update_fields=["channel", "created_by"])
    official.is_published = False
    official.save(update_fields=["is_published"])
