"""The shapes of appeal data crossing the system's edge: API bodies and import lines share them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hromada.core.api_types import DateTime, Text

# Plain pydantic models, not ninja.Schema: ninja's Schema validates an input with extra="forbid" twice
# (once more through its ORM attribute getter), which doubled the cost of every registration and every
# import line. django-ninja takes plain models for bodies just the same.


# Defaults are given as `default=`: a type checker reads only that keyword as one (PEP 681), so a
# positional default would make the field required to mypy.


class ApplicantIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text = Field(default="", max_length=250, description="ПІБ: surname first")
    address: Text = Field(default="", max_length=500)
    email: Text = Field(default="", max_length=254)
    phone: Text = Field(default="", max_length=40)
    sex: Text | None = Field(default=None, max_length=40, description="code from `sexes`")
    social_status: Text | None = Field(default=None, max_length=40, description="code from `social_statuses`")
    categories: list[Text] = Field(
        default_factory=list, max_length=50, description="codes from `author_categories`"
    )


class IssueIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    topic: Text = Field(max_length=40, description="code from `topics`")
    text: Text = Field(default="", max_length=10_000)


class AppealRegisterIn(BaseModel):
    """Registration of an appeal from any channel."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    channel: Text = Field(max_length=40, description="code from `channels`")
    received_at: DateTime | None = Field(default=None, description="default: now; no offset means Kyiv time")
    kind: Text = Field(max_length=40, description="code from `kinds`")
    external_id: Text = Field(default="", max_length=100, description="contact-center card number")
    applicants: list[ApplicantIn] = Field(default_factory=list, max_length=500)
    signatories: int = Field(default=1, ge=1, le=1_000_000)
    anonymous: bool = False
    signed: bool = Field(default=False, description="a letter is signed and dated by its author (Law art. 5)")
    late_registration: bool = Field(
        default=False,
        description="the registrar confirms a late registration: needed when received_at is before the "
        "register's start or more than `late_registration_days` (council settings, default 365) ago",
    )
    issues: list[IssueIn] = Field(min_length=1, max_length=50)
    summary: Text = Field(default="", max_length=500)
    text: Text = Field(default="", max_length=100_000)
