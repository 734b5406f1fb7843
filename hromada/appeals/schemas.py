"""The shapes of appeal data crossing the system's edge: API bodies and import lines share them."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

# Plain pydantic models, not ninja.Schema: ninja's Schema validates an input with extra="forbid" twice
# (once more through its ORM attribute getter), which doubled the cost of every registration and every
# import line. django-ninja takes plain models for bodies just the same.


class ApplicantIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field("", max_length=250, description="ПІБ: surname first")
    address: str = Field("", max_length=500)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    sex: str | None = Field(None, description="code from `sexes`")
    social_status: str | None = Field(None, description="code from `social_statuses`")
    categories: list[str] = Field(default_factory=list, description="codes from `author_categories`")


class IssueIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    topic: str = Field(description="code from `topics`")
    text: str = Field("", max_length=10_000)


class AppealRegisterIn(BaseModel):
    """Registration of an appeal from any channel."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    channel: str = Field(description="code from `channels`")
    received_at: dt.datetime | None = Field(None, description="default: now; no offset means Kyiv time")
    kind: str = Field(description="code from `kinds`")
    external_id: str = Field("", max_length=100, description="contact-center card number")
    applicants: list[ApplicantIn] = Field(default_factory=list, max_length=500)
    signatories: int = Field(1, ge=1, le=1_000_000)
    anonymous: bool = False
    issues: list[IssueIn] = Field(min_length=1, max_length=50)
    summary: str = Field("", max_length=500)
    text: str = Field("", max_length=100_000)
