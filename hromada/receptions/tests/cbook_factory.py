"""The centre of the e-booking tests: two services, two windows with Mon–Fri hours and a break."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hromada.receptions.models import CentreService, Window, WindowHours
from hromada.receptions.services.centre_booking import book_centre_visit

#: Monday 7 December 2026, 09:00 Kyiv: the tests' "now".
NOW = "2026-12-07T09:00:00"
TUESDAY = dt.date(2026, 12, 8)
SATURDAY = dt.date(2026, 12, 12)
CHRISTMAS = dt.date(2026, 12, 25)
LAST_DAY = dt.date(2026, 12, 28)  # today + 21


def centre(windows: int = 1) -> dict[str, Any]:
    passport = CentreService.objects.create(
        code="ПАСП", name="Паспорт громадянина України", group="Паспорти", minutes=30, documents="Свідоцтво"
    )
    extract = CentreService.objects.create(code="ДОВ", name="Довідка", group="Довідки", minutes=15)
    made = []
    for n in range(1, windows + 1):
        window = Window.objects.create(number=str(n))
        window.services.set([passport, extract])
        for weekday in range(5):
            WindowHours.objects.create(window=window, weekday=weekday, starts=dt.time(9), ends=dt.time(13))
            WindowHours.objects.create(window=window, weekday=weekday, starts=dt.time(14), ends=dt.time(17))
        made.append(window)
    return {"passport": passport, "extract": extract, "windows": made}


def book(service: CentreService, day: dt.date, starts: str, who: str = "ivan@example.org", **kw: Any):
    fields: dict[str, Any] = {"full_name": "Іван Петренко", "phone": "", "email": who, **kw}
    return book_centre_visit(service=service, day=day, starts=dt.time.fromisoformat(starts), **fields)
