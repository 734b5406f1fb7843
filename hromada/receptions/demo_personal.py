"""Демо особистого прийому (`seed_demo`): four officials with places, topics and weekly hours, a leave
day, bookings on the coming reception days and one past day already run (came / did not come, an
appeal registered from a visit through the service). Made once; a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from hromada.accounts.demo import ensure_staff
from hromada.core import clock
from hromada.receptions import slots
from hromada.receptions.models import (
    BookingChannel,
    ExceptionKind,
    Official,
    ReceptionBooking,
    ReceptionHours,
    ScheduleException,
)
from hromada.receptions.selectors.personal_public import horizon
from hromada.receptions.services.personal import book_reception, mark_visit, register_appeal_from_visit
from hromada.reference.models import Topic

#: (full name, position, place, topics, weekday, from, until, demo user linked)
OFFICIALS = [
    (
        "Мельничук Василь Степанович",
        "Міський голова",
        "каб. 201, вул. Соборна, 1",
        ["local_government", "communal", "social_protection", "defence"],
        0,
        "14:00",
        "17:00",
        "",
    ),
    (
        "Тимошенко Наталія Василівна",
        "Секретар міської ради",
        "каб. 205, вул. Соборна, 1",
        ["local_government", "land", "civic_associations"],
        2,
        "10:00",
        "13:00",
        "",
    ),
    (
        "Савчук Ігор Миколайович",
        "Заступник міського голови з питань житлово-комунального господарства",
        "каб. 310, вул. Соборна, 1",
        ["communal", "housing", "transport", "ecology"],
        1,
        "09:00",
        "12:00",
        "head",
    ),
    (
        "Бойко Світлана Андріївна",
        "Начальник управління соціального захисту населення",
        "каб. 12, вул. Шевченка, 8",
        ["social_protection", "family", "defence"],
        3,
        "14:00",
        "16:00",
        "",
    ),
]

VISITORS = [
    ("Коваленко Іван Петрович", "067 123 45 67", "kovalenko@example.org", "Протікає дах над під'їздом № 2."),
    ("Шевчук Ганна Олексіївна", "050 222 33 44", "shevchuk@example.org", "Перерахунок субсидії за грудень."),
    ("Лисенко Тарас Іванович", "063 555 66 77", "lysenko@example.org", "Освітлення на вулиці Садовій."),
]

APPEAL_TEXT = "Прошу відремонтувати покрівлю будинку № 5 на вулиці Шевченка: дах протікає над під'їздом № 2."


def _t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _officials() -> tuple[list[Official], int]:
    users = ensure_staff()
    made: list[Official] = []
    created_count = 0
    for order, (name, position, place, topics, weekday, starts, ends, username) in enumerate(OFFICIALS):
        official, created = Official.objects.get_or_create(
            full_name=name,
            defaults={
                "position": position,
                "place": place,
                "is_published": True,
                "order": (order + 1) * 10,
                "slot_minutes": 20,
                "user": users.get(username) if username else None,
            },
        )
        if created:
            created_count += 1
            official.topics.set(Topic.objects.filter(code__in=topics))
            ReceptionHours.objects.create(
                official=official, weekday=weekday, starts=_t(starts), ends=_t(ends)
            )
        made.append(official)
    return made, created_count


def _leave(official: Official) -> int:
    """The secretary's leave on her reception day two weeks from now."""
    start, end = horizon()
    days = slots.reception_days(official, start + dt.timedelta(days=10), end)
    if not days:
        return 0
    ScheduleException.objects.create(
        official=official, day=days[0], kind=ExceptionKind.LEAVE, reason="Відпустка"
    )
    return 1


def _coming(official: Official) -> int:
    """Three portal bookings on each of the official's next two reception days."""
    start, end = horizon()
    count = 0
    for day in slots.reception_days(official, start + dt.timedelta(days=1), end)[:2]:
        for (name, phone, email, question), starts in zip(
            VISITORS, slots.free_slots(official, day, priority=False), strict=False
        ):
            book_reception(
                official=official,
                day=day,
                starts=starts,
                full_name=name,
                phone=phone,
                email=email,
                topic=official.topics.order_by("code").values_list("code", flat=True)[0],
                question=question,
                channel=BookingChannel.PORTAL,
            )
            count += 1
    return count


def _past_day(official: Official) -> int:
    """The mayor's last reception day, run: two came (one appeal registered), one did not come."""
    users = ensure_staff()
    registrar = users["registrar"]
    today = clock.today()
    day = next(
        (d for d in (today - dt.timedelta(days=n) for n in range(1, 15)) if slots.day_slots(official, d)),
        None,
    )
    if day is None:
        return 0
    topic = Topic.objects.get(code="communal")
    bookings = []
    for (name, phone, email, question), starts in zip(VISITORS, slots.day_slots(official, day), strict=False):
        bookings.append(
            ReceptionBooking.objects.create(
                official=official,
                day=day,
                starts=starts,
                channel=BookingChannel.PORTAL,
                full_name=name,
                phone=phone,
                email=email,
                address="вул. Шевченка, 5",
                topic=topic,
                question=question,
                created_at=clock.now() - dt.timedelta(days=(today - day).days + 3),
            )
        )
    first, second, third = bookings
    mark_visit(actor=registrar, booking=first, came=True, result="Прийнято письмову заяву")
    register_appeal_from_visit(
        actor=registrar, booking=first, kind="application", text=APPEAL_TEXT, sex="male"
    )
    mark_visit(actor=registrar, booking=second, came=True, result="Надано роз'яснення")
    mark_visit(actor=registrar, booking=third, came=False)
    return len(bookings)


def seed() -> dict[str, int]:
    """The demo officials and their bookings, once: a second run finds them and adds nothing."""
    officials, created = _officials()
    if not created:
        return {"reception officials": 0, "reception bookings": 0}
    mayor, secretary, *_ = officials
    bookings = _past_day(mayor)
    leave = _leave(secretary)
    for official in officials:
        bookings += _coming(official)
    return {"reception officials": created, "reception bookings": bookings, "reception exceptions": leave}
