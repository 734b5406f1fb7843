"""Shared set-up of the personal-reception tests (pers): an official with Monday/Wednesday hours."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hromada.receptions.models import Official, ReceptionHours, ReceptionSettings

MONDAY = dt.date(2026, 12, 7)
WEDNESDAY = dt.date(2026, 12, 9)
SATURDAY = dt.date(2026, 12, 12)
CHRISTMAS = dt.date(2026, 12, 25)  # a Friday; a public holiday (a working day under martial law)


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def make_official(**extra: Any) -> Official:
    """Mondays 10:00–11:00 (four 15-minute slots), Fridays 14:00–15:00."""
    data: dict[str, Any] = {
        "full_name": "Петренко Олена Іванівна",
        "position": "Заступник міського голови",
        "place": "каб. 12",
        "is_published": True,
    }
    data.update(extra)
    official = Official.objects.create(**data)
    ReceptionHours.objects.create(official=official, weekday=0, starts=t("10:00"), ends=t("11:00"))
    ReceptionHours.objects.create(official=official, weekday=4, starts=t("14:00"), ends=t("15:00"))
    return official


def set_rule(rule: str, reserved: int = 2) -> None:
    rules = ReceptionSettings.load()
    rules.priority_rule = rule
    rules.reserved_slots = reserved
    rules.save()
    ReceptionSettings.forget()


def booking_data(official: Official, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "official": official,
        "day": MONDAY,
        "starts": t("10:00"),
        "full_name": "Коваленко Іван Петрович",
        "phone": "067 123 45 67",
        "email": "ivan@example.com",
        "topic": "communal",
        "channel": "portal",
    }
    data.update(extra)
    return data
