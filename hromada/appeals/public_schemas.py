"""The e-appeal as the public form and the public API receive it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hromada.core.api_types import Text


class EAppealIn(BaseModel):
    """Електронне звернення (Law art. 5): who, where to answer, what about, and the consent."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text = Field(default="", max_length=250, description="ПІБ: surname first")
    address: Text = Field(default="", max_length=500, description="postal address")
    email: Text = Field(default="", max_length=254, description="the answer is sent here")
    phone: Text = Field(default="", max_length=40)
    categories: list[Text] = Field(
        default_factory=list, max_length=50, description="codes from `author_categories`"
    )
    kind: Text = Field(default="application", max_length=40, description="code from `kinds`")
    topic: Text = Field(default="other", max_length=40, description="code from `topics`")
    text: Text = Field(default="", max_length=10_000, description="the substance of the appeal")
    consent: bool = Field(default=False, description="consent to the processing of personal data (required)")


class EAppealFiled(BaseModel):
    number: str
    tracking_code: str


class TrackingEventOut(BaseModel):
    at: str
    action: str
    label: str
    detail: str = ""


class IssueResultOut(BaseModel):
    topic: str
    result: str


class AnswerOut(BaseModel):
    at: str
    text: str


class PublicStatusOut(BaseModel):
    """What the author may see: nothing about executors, notes or other applicants."""

    number: str
    status: str
    status_label: str
    registered_on: str
    due_date: str | None
    events: list[TrackingEventOut]
    answers: list[AnswerOut]
    results: list[IssueResultOut]
