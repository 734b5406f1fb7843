"""Schemas of the personal-receptions API (особистий прийом), input and output apart, explicit fields.

The public ones hold what the public page shows (an official's name, position, place, topics; free
times) and, for the holder of a booking's secret token, that booking; never another visitor's data.
The staff ones hold the day list the registrar and the official work from."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, Field, StrictBool
from pydantic_core import PydanticCustomError

from hromada.core.api_types import Date, Text
from hromada.receptions.services.personal import QUESTION_MAX

_TIME = re.compile(r"\d{2}:\d{2}(:00)?\Z")


def _clock_time(value: Any) -> Any:
    """HH:MM only: pydantic's lax mode reads a number as seconds, which no form ever sends."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and _TIME.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("time_format", "Enter a time as HH:MM.")


#: A time of day, as HH:MM (the council's time).
ClockTime = Annotated[dt.time, BeforeValidator(_clock_time)]
#: A booking's secret (the letter's cancellation link); tokens are 32 URL-safe characters.
Token = Annotated[Text, Field(min_length=1, max_length=64)]


class ReceptionTopicOut(Schema):
    code: str
    name: str


class ReceptionOfficialOut(Schema):
    id: int
    name: str
    position: str
    place: str
    topics: list[ReceptionTopicOut] = Field(description="empty: the official takes every topic")
    suspended: bool
    suspended_reason: str = Field(description="the public reason while receptions are suspended")


class ReceptionDaysOut(Schema):
    official_id: int
    days: list[dt.date] = Field(description="days from today to the booking horizon with a reception")


class ReceptionSlotsOut(Schema):
    official_id: int
    day: dt.date
    free: list[str] = Field(description="free start times, HH:MM")


class ReceptionSlotsQuery(Schema):
    day: Date | None = Field(None, description="default: today")
    category: Text = Field("", max_length=40, description="a priority category also sees the reserved slots")


class ReceptionSlotOut(Schema):
    day: dt.date
    starts: str = Field(description="HH:MM")


class ReceptionConflictOut(Schema):
    """A 409: the slot was taken (`slot_taken`, with `alternatives`), receptions are suspended
    (`suspended`), or the booking is not in a state that allows the step (`wrong_status`)."""

    code: str
    message: str
    field: str
    alternatives: list[ReceptionSlotOut] = Field(
        default_factory=list, description="the next free slots (`slot_taken` only)"
    )


class ReceptionBookIn(Schema):
    """What the portal's booking form asks; a guest gives a name, a phone and an e-mail."""

    day: Date
    starts: ClockTime
    full_name: Text = Field("", max_length=200)
    phone: Text = Field("", max_length=30)
    email: Text = Field("", max_length=254)
    topic: Text = Field("", max_length=40, description="code from `topics`")
    question: Text = Field("", max_length=QUESTION_MAX)
    category: Text = Field("", max_length=40, description="priority category code; empty: none")


class ReceptionBookingOut(Schema):
    """A booking as its holder sees it (by the token)."""

    official_id: int
    official_name: str
    position: str
    place: str
    day: dt.date
    starts: str | None = Field(description="HH:MM; null for a walk-in")
    status: str
    status_label: str
    topic: str
    cancellable: bool


class ReceptionBookedOut(Schema):
    token: str = Field(description="the booking's secret: keep it to read or cancel the booking")
    booking: ReceptionBookingOut


# --- staff ------------------------------------------------------------------------------------


class ReceptionDayQuery(Schema):
    day: Date | None = Field(None, description="default: today")


class ReceptionVisitorOut(Schema):
    id: int
    starts: str | None = Field(description="HH:MM; null for a walk-in")
    status: str
    status_label: str
    channel: str
    full_name: str
    phone: str
    email: str
    address: str
    topic: str
    topic_name: str
    question: str
    category: str | None
    priority: bool
    arrived_at: dt.datetime | None
    result: str
    appeal_id: int | None


class ReceptionDayOut(Schema):
    official_id: int
    official_name: str
    day: dt.date
    visitors: list[ReceptionVisitorOut]


class ReceptionMarkIn(Schema):
    came: StrictBool = Field(description="true: came; false: did not come (0/1 and strings are refused)")
    result: Text = Field("", max_length=2000)


class ReceptionWalkInIn(Schema):
    day: Date
    full_name: Text = Field("", max_length=200)
    topic: Text = Field("", max_length=40, description="code from `topics`")
    phone: Text = Field("", max_length=30)
    email: Text = Field("", max_length=254)
    address: Text = Field("", max_length=300)
    question: Text = Field("", max_length=QUESTION_MAX)
    category: Text = Field("", max_length=40)


class ReceptionAppealIn(Schema):
    kind: Text = Field("", max_length=40, description="code from `kinds` (proposal, application, complaint)")
    text: Text = Field("", max_length=10_000, description="the visitor's appeal as told")
    summary: Text = Field("", max_length=500, description="left empty: the text's first words")
    sex: Text = Field("", max_length=40, description="code from `sexes`, for the report; may be left empty")


class ReceptionAppealOut(Schema):
    booking_id: int
    appeal_id: int
    number: str = Field(description="the appeal's registration index")
