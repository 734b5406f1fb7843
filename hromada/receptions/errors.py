"""The rules of receptions and of the centre's booking that a request can break (Ukrainian messages
through gettext; the API answers with `code` and `field`)."""

from __future__ import annotations

from typing import Any

from hromada.core.errors import Conflict, DomainError


class SlotTaken(Conflict):
    """The slot was booked by someone else a moment ago: 409, with the next free slots to offer."""

    code = "slot_taken"

    def __init__(self, message: str, *, alternatives: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message, field="starts")
        self.alternatives = alternatives or []

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "alternatives": self.alternatives}


class SlotUnavailable(DomainError):
    """The asked time is not a slot one may book (outside the hours, the horizon, a holiday)."""

    code = "slot_unavailable"
    status = 422


class LimitReached(Conflict):
    """The person already holds as many bookings as the settings allow."""

    code = "limit_reached"


class WrongBookingStatus(Conflict):
    """The step does not fit the booking's or the ticket's state (e.g. cancelling a served visit)."""

    code = "wrong_status"

    def __init__(self, message: str) -> None:
        super().__init__(message, field="status")


class ReceptionsSuspended(Conflict):
    """The official's receptions are suspended (the public reason is in the message)."""

    code = "suspended"
