"""Schemas of the kindergarten queue's public API (черга в ЗДО), input and output apart.

Everything here is what the portal shows to anyone: the institutions and their groups with free
places, the public list of a queue (position, number, birth year, benefit yes/no, date filed, status —
never a name, a birth date, a certificate or a parent's contact), and, for the holder of an
application's number and secret code, that application's positions and their history."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, Field

from hromada.core.api_types import PageNumber, Text, page_size

#: The longest public list page (a group's queue is a few hundred applications at most).
QUEUE_PAGE_MAX = 200


class KgGroupOut(Schema):
    id: int
    school_year: int = Field(description="the start year of the school year (2026 for 2026/2027)")
    age: int = Field(description="full years on the campaign's reference date")
    name: str
    capacity: int
    language: str
    specialisation: str
    free_places: int = Field(description="capacity − enrolled − open offers (never below 0)")
    queue_length: int = Field(description="applications waiting in this group's queue")


class KgInstitutionOut(Schema):
    id: int
    name: str
    edrpou: str = Field(description="the institution's EDRPOU code; empty when it has none")
    address: str
    district: str
    territory: str = Field(description="the territory (streets) the institution serves")
    contact: str
    groups: list[KgGroupOut]


class KgInstitutionsQuery(Schema):
    school_year: int | None = Field(None, ge=2000, le=2100, description="default: every school year")


class KgQueueQuery(Schema):
    page: PageNumber = 1
    page_size: int = page_size(50, QUEUE_PAGE_MAX)


class KgQueueRowOut(Schema):
    """One line of the public list: nothing that names the child or the parent."""

    position: int
    number: str = Field(description="the application's number")
    birth_year: int
    benefit: bool = Field(description="a benefit whose document was checked (out of turn or first in turn)")
    filed_on: dt.date
    status: str = Field(description="`active` (waiting) or `offered` (a place is offered)")


class KgQueueGroupOut(Schema):
    id: int
    institution_id: int
    institution_name: str
    name: str
    school_year: int
    age: int
    capacity: int
    free_places: int


class KgQueueOut(Schema):
    group: KgQueueGroupOut
    count: int
    page: int
    pages: int
    items: list[KgQueueRowOut]


class KgLookupIn(BaseModel):
    number: Text = Field(..., min_length=1, max_length=20, description="the application's number")
    code: Text = Field(
        ..., min_length=1, max_length=20, description="the secret code given when it was filed"
    )


class KgPositionOut(Schema):
    rank: int = Field(description="1: the first preferred institution")
    institution_id: int
    institution_name: str
    group_id: int
    group_name: str
    position: int | None = Field(description="null once the application left the queue")
    queue_length: int


class KgHistoryOut(Schema):
    at: dt.datetime
    group_id: int
    institution_name: str
    old_position: int | None
    new_position: int | None
    reason: str
    reason_label: str


class KgLookupOut(Schema):
    number: str
    status: str
    status_label: str
    benefit: str = Field(description="`none`, `first_in_turn` or `out_of_turn`")
    benefit_status: str = Field(description="`claimed`, `confirmed`, `refused`; empty without a benefit")
    filed_at: dt.datetime
    offer_deadline: dt.datetime | None = Field(description="while a place is offered: answer by then")
    offered_institution: str | None
    positions: list[KgPositionOut]
    history: list[KgHistoryOut]
