"""The schemas of the e-petitions API (електронні петиції), input and output apart, with explicit
fields. The public ones hold only what the public page shows: never the author's e-mail, nor anyone's
address, nor the fraud-check keys of a signature; the staff ones what the staff card shows."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from hromada.core.api_types import Count, DateTime, ObjectId, Paging, Text, page_size
from hromada.petitions import services

MAX_PAGE_SIZE = 100


# --- The public face ---------------------------------------------------------------------------------

PublicStatus = Literal["", "collecting", "consideration", "answered", "closed", "converted", "refused"]
Sort = Literal["newest", "most_signed", "nearest", "ending_soon"]


class PetitionFilters(Paging):
    status: PublicStatus = Field("", description="one of the public statuses; empty: all")
    q: Text = Field("", max_length=200, description="words of the title, text or answer")
    category: Text = Field("", max_length=40, description="code from `topics`")
    sort: Sort = "newest"
    page_size: int = page_size(20, MAX_PAGE_SIZE)


class PetitionSummaryOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    category: str
    category_name: str
    published_at: dt.datetime | None
    deadline: dt.date | None
    threshold: int | None
    signature_count: int = Field(description="valid online signatures")
    paper_count: int
    total_count: int
    days_left: int | None = Field(description="days of collection left, today included")
    url: str


class PetitionPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[PetitionSummaryOut]


class AttachmentOut(Schema):
    name: str
    content_type: str
    size: int
    part: str
    url: str


class AnswerOut(Schema):
    supported: bool | None
    text: str
    decision_url: str
    answered_at: dt.datetime | None


class PetitionOut(PetitionSummaryOut):
    text: str
    author_name: str = Field(description="the author's name is public by law")
    refusal_reason: str = ""
    answer: AnswerOut | None = None
    attachments: list[AttachmentOut]


class SignatoryOut(Schema):
    name: str
    signed_on: dt.date


class SignatoryPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[SignatoryOut]


class SignatureIn(Schema):
    wants_updates: bool = Field(False, description="e-mail me the council's answer")


class SignatureOut(Schema):
    petition_id: int
    signed_at: dt.datetime
    wants_updates: bool
    total_count: int


class DraftIn(Schema):
    """The author's name and e-mail come from the account, never from the body."""

    title: Text = Field("", max_length=services.TITLE_MAX)
    text: Text = Field("", max_length=services.TEXT_MAX)
    category: Text = Field("", max_length=40, description="code from `topics`")


class OwnPetitionOut(Schema):
    """One of the resident's own petitions, in any state."""

    id: int
    title: str
    status: str
    status_label: str
    category: str
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    moderation_due: dt.date | None
    moderation_reason: str = Field(description="why the moderator returned or refused it")
    published_at: dt.datetime | None
    deadline: dt.date | None
    total_count: int
    editable: bool = Field(description="a draft or returned for edits: may be edited and submitted")
    url: str | None = Field(description="the public page, once published")


class OwnPetitionPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[OwnPetitionOut]


class DraftOut(OwnPetitionOut):
    text: str


# --- The staff face ----------------------------------------------------------------------------------

StaffStatus = Literal[
    "", "moderation", "returned", "refused", "collecting", "consideration", "answered", "closed", "converted"
]
#: Reasons and answers are letters, not books.
REASON_MAX = 20_000


class StaffFilters(Paging):
    status: StaffStatus = Field("", description="one status (drafts are never listed); empty: all")
    q: Text = Field("", max_length=200, description="words of the title, text or answer")
    overdue: bool = Field(False, description="only those past the moderation or answer term")
    page_size: int = page_size(25, MAX_PAGE_SIZE)


class StateOut(Schema):
    """Where a petition stands: what an action changes."""

    id: int
    title: str
    status: str
    status_label: str
    category: str
    submitted_at: dt.datetime | None
    moderation_due: dt.date | None
    published_at: dt.datetime | None
    deadline: dt.date | None
    threshold: int | None
    signature_count: int = Field(description="valid online signatures")
    paper_count: int
    total_count: int
    answer_due: dt.date | None
    overdue: bool = Field(description="past the moderation or the answer term")


class StaffPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[StateOut]


class AuthorOut(Schema):
    name: str
    email: str


class StaffAnswerOut(Schema):
    supported: bool | None
    text: str
    decision_url: str
    answered_at: dt.datetime | None
    answered_by: str | None


class EventOut(Schema):
    at: dt.datetime
    action: str
    actor: str | None = Field(description="staff username; null for the author's and the system's steps")
    data: dict[str, Any]


class PaperOut(Schema):
    id: int
    count: int
    protocol: str
    added_at: dt.datetime
    added_by: str


class InvalidationOut(Schema):
    id: int
    petition_id: int
    reason: str
    signature_total: int
    created_at: dt.datetime
    created_by: str
    reverted_at: dt.datetime | None
    reverted_by: str | None


class StaffPetitionOut(StateOut):
    text: str
    category_name: str
    author: AuthorOut
    created_at: dt.datetime
    moderated_at: dt.datetime | None
    moderated_by: str | None
    moderation_reason: str = Field(description="why it was returned (private) or refused (public)")
    threshold_reached_at: dt.datetime | None
    answer: StaffAnswerOut | None
    closed_at: dt.datetime | None
    converted_appeal_id: int | None
    paper_batches: list[PaperOut]
    invalidations: list[InvalidationOut]
    events: list[EventOut]


class PaperAddedOut(PaperOut):
    petition: StateOut


class InvalidationResultOut(InvalidationOut):
    petition: StateOut


class ReasonIn(Schema):
    reason: Text = Field("", max_length=REASON_MAX)


class PaperIn(Schema):
    count: Count | None = None
    protocol: Text = Field("", max_length=200)


class AnswerIn(Schema):
    supported: bool | None = None
    text: Text = Field("", max_length=REASON_MAX)
    decision_url: Text = Field("", max_length=200)


class InvalidateIn(Schema):
    """The union of the criteria, as the service reads it; times without a zone are Kyiv time."""

    reason: Text = Field("", max_length=REASON_MAX)
    signature_ids: list[ObjectId] = Field(default_factory=list, max_length=10_000)
    email_domain: Text = Field("", max_length=253)
    ip_key: Text = Field("", max_length=64)
    signed_from: DateTime | None = None
    signed_to: DateTime | None = None


class HourOut(Schema):
    hour: dt.datetime
    count: int


class SourceOut(Schema):
    value: str
    count: int


class SourcesOut(Schema):
    email_domain: list[SourceOut]
    ip_key: list[SourceOut] = Field(description="keyed hashes of the signers' addresses, never addresses")
