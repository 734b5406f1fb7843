"""Receptions' models: personal receptions of officials (`personal`), the administrative-services
centre (`centre`) and the one row of settings both read (`settings`)."""

from hromada.receptions.models.centre import (
    CentreBooking,
    CentreBookingStatus,
    CentrePerson,
    CentreService,
    QueueTicket,
    SlotClaim,
    TicketStatus,
    Window,
    WindowHours,
)
from hromada.receptions.models.personal import (
    BookingChannel,
    ExceptionKind,
    Official,
    ReceptionBooking,
    ReceptionBookingStatus,
    ReceptionHours,
    ScheduleException,
)
from hromada.receptions.models.settings import PriorityRule, ReceptionSettings

__all__ = [
    "BookingChannel",
    "CentreBooking",
    "CentreBookingStatus",
    "CentrePerson",
    "CentreService",
    "ExceptionKind",
    "Official",
    "PriorityRule",
    "QueueTicket",
    "ReceptionBooking",
    "ReceptionBookingStatus",
    "ReceptionHours",
    "ReceptionSettings",
    "ScheduleException",
    "SlotClaim",
    "TicketStatus",
    "Window",
    "WindowHours",
]
