"""Support of the live-queue tests (no tests here): bookings made on Monday 7.12.2026 for Tuesday
8.12.2026, then the clock moved to Tuesday morning."""

from __future__ import annotations

from typing import Any

from hromada.accounts.models import Role, User
from hromada.receptions.models import ReceptionSettings
from hromada.receptions.tests.cbook_factory import NOW, TUESDAY, book, centre

__all__ = ["NOW", "TUESDAY", "at", "centre_day", "clerk"]


def at(settings: Any, hhmm: str, day: str = "2026-12-08") -> None:
    """Set the council's clock (Kyiv time) to `hhmm` of `day`."""
    settings.HROMADA_NOW = f"{day}T{hhmm}:00"
    ReceptionSettings.forget()


def clerk(username: str = "cnap1") -> User:
    return User.objects.create_user(username=username, password="pw", role=Role.CENTRE_ADMINISTRATOR)


def centre_day(settings: Any, windows: int = 1, times: tuple[str, ...] = ("10:00",)) -> dict[str, Any]:
    """The centre with bookings of the extract service on Tuesday at `times` (made on Monday)."""
    settings.HROMADA_NOW = NOW
    ReceptionSettings.forget()
    made = centre(windows)
    made["bookings"] = [
        book(made["extract"], TUESDAY, hhmm, who=f"v{i}@example.org") for i, hhmm in enumerate(times)
    ]
    return made
