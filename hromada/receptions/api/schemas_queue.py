"""Schemas of the live-queue API (жива черга ЦНАП), input and output apart, explicit fields.

Public: the hall board (labels and windows only) and "how many are ahead of me" by a code. Staff:
tickets, the outcome of a call and the statistics per day and service."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from hromada.core.api_types import Date, ObjectId, Text


class QueueCalledOut(Schema):
    label: str = Field(description="З-007 for a booked visitor at their time, Ч-012 for the live queue")
    window: str
    called_at: dt.datetime


class QueueBoardOut(Schema):
    day: dt.date
    called: list[QueueCalledOut] = Field(description="the last numbers called, most recent first")
    waiting: int


class QueueCodeQuery(Schema):
    code: Text = Field(..., min_length=1, max_length=20, description="the ticket's or the booking's code")


class QueueAheadOut(Schema):
    label: str
    service: str
    status: str
    ahead: int = Field(description="an estimate: visitors who would be called first")
    window: str | None = Field(description="the window, once called")


class QueueCheckInIn(Schema):
    code: Text = Field("", max_length=20, description="the booking code, any case, spaces ignored")


class QueueTakeIn(Schema):
    service_id: ObjectId


class QueueTicketOut(Schema):
    id: int
    label: str
    code: str = Field(description="the ticket's own code (for the ahead-of-me page)")
    service_id: int
    service_name: str
    status: str
    status_label: str
    window: str | None
    booking_code: str | None
    due_at: dt.datetime | None = Field(description="the booked time (booked visitors on time only)")
    issued_at: dt.datetime
    called_at: dt.datetime | None
    finished_at: dt.datetime | None


class QueueCalledNextOut(Schema):
    ticket: QueueTicketOut | None = Field(description="null: nobody waits for this window's services")


class QueueFinishIn(Schema):
    outcome: Literal["served", "not_present", "redirected"]
    to_service_id: ObjectId | None = Field(None, description="the service to redirect to (`redirected`)")


class QueueFinishedOut(Schema):
    ticket: QueueTicketOut
    redirected_to: QueueTicketOut | None = Field(description="the new waiting ticket (`redirected`)")


class QueuePeriodQuery(Schema):
    start: Date | None = Field(None, description="default: the 1st of this month")
    end: Date | None = Field(None, description="default: today")


class QueueStatisticsRowOut(Schema):
    day: dt.date
    service_id: int
    service: str
    booked: int = Field(description="bookings, cancelled ones left out")
    served: int
    no_show: int
    cancelled: int
    live: int = Field(description="live-queue tickets (walk-ins and late bookers)")
    called: int
    average_wait: float | None = Field(description="minutes from issue (or the booked time) to the call")


class QueueTotalsOut(Schema):
    booked: int
    served: int
    no_show: int
    cancelled: int
    live: int
    called: int
    average_wait: float | None


class QueueStatisticsOut(Schema):
    start: dt.date
    end: dt.date
    rows: list[QueueStatisticsRowOut]
    totals: QueueTotalsOut
