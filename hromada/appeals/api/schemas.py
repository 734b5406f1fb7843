"""API output and action bodies. Outputs list their fields explicitly: nothing personal leaks by default."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

from hromada.core.api_types import Date, ObjectId, Text

#: A term by its code; the pattern leaves no room for control characters, so plain `str` is safe.
TERM = r"^(15d|1m)$"


class _In(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ResolutionIn(_In):
    lead_department: Text = Field(max_length=40, description="department code")
    lead_executor: Text | None = Field(
        None, max_length=150, description="username of an executor of the lead department"
    )
    co_departments: list[Text] = Field(default_factory=list, max_length=50)
    term: str | None = Field(None, pattern=TERM, description="15d or 1m; or give due_date")
    due_date: Date | None = None
    instruction: Text = Field("", max_length=5000)


class ExtendIn(_In):
    due_date: Date
    reason: Text = Field(max_length=2000)


class ExtensionRequestIn(_In):
    due_date: Date = Field(description="the due date asked for (within 45 days of registration)")
    reason: Text = Field(max_length=2000)


class DeclineExtensionIn(_In):
    reason: Text = Field(max_length=2000, description="why the requested extension is refused")


class ForwardIn(_In):
    to: Text = Field(max_length=250, description="the competent body")
    reason: Text = Field(max_length=2000)


class NoteIn(_In):
    text: Text = Field(max_length=20_000)
    draft_answer: bool = False


class ReassignIn(_In):
    executor: Text = Field(max_length=150, description="username")


class IssueResultIn(_In):
    issue: ObjectId = Field(description="issue id")
    result: Text = Field(max_length=40, description="code from `results`")


class AnswerIn(_In):
    text: Text = Field(max_length=50_000)
    results: list[IssueResultIn] = Field(min_length=1, max_length=50)


class ReopenIn(_In):
    reason: Text = Field(max_length=2000)
    term: str | None = Field(None, pattern=TERM)
    due_date: Date | None = None


# Outputs are plain pydantic models: the views return dicts, and ninja.Schema would route every field
# of every item through its ORM attribute getter (about 1 ms per page of 25 on a slow core).


class AppealRef(BaseModel):
    id: int
    number: str


class Links(BaseModel):
    repeated_of: AppealRef | None = None
    duplicate_of: AppealRef | None = None


class ApplicantOut(BaseModel):
    name: str
    address: str
    email: str
    phone: str
    sex: str | None
    social_status: str | None
    categories: list[str]


class IssueOut(BaseModel):
    id: int
    position: int
    topic: str
    text: str
    result: str | None


class ForwardingOut(BaseModel):
    to: str
    forwarded_on: dt.date | None
    deadline: dt.date
    late: bool


class AppealOut(BaseModel):
    id: int
    number: str
    status: str
    channel: str
    kind: str
    subject: str
    feature: str
    received_at: dt.datetime
    registered_at: dt.date = Field(description="registration date (after-hours rule applied)")
    due_date: dt.date | None
    extension_requested_until: dt.date | None = Field(
        description="the due date an executor asked for, while the head has not granted or declined it"
    )
    overdue: bool
    priority: bool
    signatories: int
    signed: bool = Field(description="a letter signed and dated by its author (Law art. 5)")
    external_id: str
    summary: str
    text: str
    applicants: list[ApplicantOut]
    issues: list[IssueOut]
    lead_department: str | None
    lead_executor: str | None
    co_departments: list[str]
    links: Links
    forwarding: ForwardingOut
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None


class AppealListItem(BaseModel):
    id: int
    number: str
    status: str
    channel: str
    registered_at: dt.date
    due_date: dt.date | None
    overdue: bool
    priority: bool
    summary: str
    applicant: str
    lead_department: str | None


class AppealPage(BaseModel):
    count: int = Field(
        description="matching appeals: exact up to HROMADA_LIST_COUNT_LIMIT (default 1000), "
        "else that limit (see count_exact)"
    )
    count_exact: bool = Field(description="false when there are more matching appeals than `count`")
    page: int
    page_size: int
    items: list[AppealListItem]


class EventOut(BaseModel):
    at: dt.datetime
    actor: str | None
    action: str
    data: dict
