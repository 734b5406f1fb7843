"""Schemas of the centre's e-booking API (попередній запис до ЦНАП), input and output apart.

Public: the catalogue, free days and times, a booking by its holder's token (never another
visitor's data). Staff: the day's bookings the hall works from."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from hromada.core.api_types import Date, Text
from hromada.receptions.api.schemas_personal import ClockTime
from hromada.receptions.services.centre_booking import EMAIL_MAX, NAME_MAX, PHONE_MAX


class CentreServiceOut(Schema):
    id: int
    code: str
    name: str
    documents: str = Field(description="documents to bring")
    minutes: int = Field(description="length of one visit")
    fee: str = Field(description="administrative fee, UAH, e.g. `0.00`")
    authority: str
    bookable: bool = Field(description="may be booked online (else: the live queue only)")


class CentreGroupOut(Schema):
    group: str
    services: list[CentreServiceOut]


class CentreDaysOut(Schema):
    service_id: int
    days: list[dt.date] = Field(description="days up to the horizon with a free slot")


class CentreDayQuery(Schema):
    day: Date | None = Field(None, description="default: today")


class CentreSlotOut(Schema):
    starts: str = Field(description="HH:MM")
    ends: str = Field(description="HH:MM")


class CentreSlotsOut(Schema):
    service_id: int
    day: dt.date
    free: list[CentreSlotOut]


class CentreNextSlotOut(Schema):
    day: dt.date
    starts: str = Field(description="HH:MM")


class CentreConflictOut(Schema):
    """A 409: `slot_taken` (with the next free slots in `alternatives`), `limit_reached` (the
    person's active or monthly bookings), `wrong_status` (a visit that can no longer be cancelled)."""

    code: str
    message: str
    field: str
    alternatives: list[CentreNextSlotOut] = Field(
        default_factory=list, description="the next free slots (`slot_taken` only)"
    )


class CentreBookIn(Schema):
    """What the portal's booking form asks: a name and an e-mail or a phone."""

    day: Date
    starts: ClockTime
    full_name: Text = Field("", max_length=NAME_MAX)
    phone: Text = Field("", max_length=PHONE_MAX)
    email: Text = Field("", max_length=EMAIL_MAX)


class CentreBookingOut(Schema):
    """A booking as its holder sees it."""

    code: str = Field(description="read out or typed at the kiosk on arrival")
    service_id: int
    service_name: str
    window: str
    day: dt.date
    starts: str = Field(description="HH:MM")
    ends: str = Field(description="HH:MM")
    status: str
    status_label: str
    cancellable: bool


class CentreBookedOut(Schema):
    code: str
    token: str = Field(description="the booking's secret: keep it to read or cancel the booking")
    booking: CentreBookingOut


# --- staff ------------------------------------------------------------------------------------


class CentreStaffDayQuery(Schema):
    day: Date | None = Field(None, description="default: today")


class CentreStaffBookingOut(Schema):
    id: int
    code: str
    service_id: int
    service_name: str
    window: str
    starts: str
    ends: str
    status: str
    status_label: str
    full_name: str
    phone: str
    email: str


class CentreStaffDayOut(Schema):
    day: dt.date
    bookings: list[CentreStaffBookingOut]
