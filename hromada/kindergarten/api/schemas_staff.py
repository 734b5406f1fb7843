"""Schemas of the kindergarten queue's staff API (the education department), input and output apart.

Staff see the application whole (the child, the parent, the benefit and its check, the positions and
their history). Strict types in the bodies: `true`/`false` only for a yes/no, numbers only for a number
(pydantic would otherwise read "1" or 1.0 as 1 and "yes" as true). The bodies are plain pydantic
models, not ninja Schemas: a Schema reads any JSON value through attribute access, so `[null, null]`
passed as a body whose fields all have defaults; a model wants an object (422)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BaseModel, BeforeValidator, Field, StrictBool, StrictInt
from pydantic_core import PydanticCustomError

from hromada.core.api_types import Date, ObjectId, PageNumber, Text, page_size
from hromada.kindergarten.api.schemas_public import KgHistoryOut, KgPositionOut

#: The longest page of the staff list.
LIST_PAGE_MAX = 100
#: The schema's bound on preferences; the setting (HROMADA_KINDERGARTEN_MAX_PREFERENCES, 3) is the
#: service's to enforce (422 `too_many_preferences`).
PREFERENCES_MAX = 10

StrictId = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]


def _int_only(value: Any) -> Any:
    """A Literal of numbers takes `true` and `1.0` for 1 in lax mode: a number only."""
    if type(value) is not int:
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


#: ISO/IEC 5218, as open data annex 42 wants it.
SexCode = Annotated[Literal[0, 1, 2, 9], BeforeValidator(_int_only)]


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


#: A birth certificate's series or number: letters (Cyrillic or Latin), digits, dashes and spaces
#: ("І-БК", "123456"); the service then drops the spaces (and the series' dashes) and upper-cases,
#: so one certificate is one whatever the typing. Anything else is a typing error or an attack: 422.
CERTIFICATE_PATTERN = r"^[0-9A-Za-zА-ЩЬЮЯҐЄІЇа-щьюяґєії\- ]+$"
Certificate = Annotated[str, BeforeValidator(_strip)]
BenefitName = Literal["none", "first_in_turn", "out_of_turn"]
StatusName = Literal["", "active", "offered", "enrolled", "cancelled", "archived"]
BenefitStatusName = Literal["", "claimed", "confirmed", "refused"]


class KgApplicationsQuery(Schema):
    q: Text = Field("", max_length=100, description="the number, the child's surname or certificate")
    status: StatusName = ""
    institution_id: ObjectId | None = None
    benefit_status: BenefitStatusName = Field("", description="`claimed`: documents waiting for a check")
    page: PageNumber = 1
    page_size: int = page_size(25, LIST_PAGE_MAX)


class KgApplicationIn(BaseModel):
    """A paper application, typed in by the education department (the parent signed it on paper)."""

    child_surname: Text = Field(..., min_length=1, max_length=100)
    child_name: Text = Field(..., min_length=1, max_length=100)
    child_patronymic: Text = Field("", max_length=100)
    birth_date: Date
    sex: SexCode = Field(0, description="ISO/IEC 5218: 0 not known, 1 boy, 2 girl, 9 n/a")
    certificate_series: Certificate = Field(
        ..., min_length=1, max_length=10, pattern=CERTIFICATE_PATTERN, description="e.g. І-БК"
    )
    certificate_number: Certificate = Field(
        ..., min_length=1, max_length=20, pattern=CERTIFICATE_PATTERN, description="e.g. 123456"
    )
    parent_name: Text = Field(..., min_length=1, max_length=250)
    parent_phone: Text = Field(..., min_length=1, max_length=30)
    parent_email: Text = Field("", max_length=254)
    parent_address: Text = Field("", max_length=300)
    registered_in_community: StrictBool = False
    school_year: StrictInt = Field(..., ge=2000, le=2100, description="2026 for 2026/2027")
    start_month: StrictInt = Field(9, ge=1, le=12)
    benefit: BenefitName = "none"
    institution_ids: list[StrictId] = Field(
        ..., min_length=1, max_length=PREFERENCES_MAX, description="in order of preference"
    )


class KgBenefitDecisionIn(BaseModel):
    decision: Literal["confirm", "refuse"]
    note: Text = Field("", max_length=300, description="the document checked; the reason of a refusal")


class KgNoteIn(BaseModel):
    note: Text = Field("", max_length=300)


class KgApplicationRowOut(Schema):
    id: int
    number: str
    child_surname: str
    child_name: str
    child_patronymic: str
    birth_date: dt.date
    benefit: str
    benefit_status: str
    status: str
    status_label: str
    filed_at: dt.datetime
    on_paper: bool = Field(description="typed in by staff from a paper application")


class KgApplicationsOut(Schema):
    count: int
    page: int
    pages: int
    items: list[KgApplicationRowOut]


class KgApplicationOut(Schema):
    id: int
    number: str
    status: str
    status_label: str
    status_note: str
    child_surname: str
    child_name: str
    child_patronymic: str
    birth_date: dt.date
    sex: int
    certificate_series: str
    certificate_number: str
    parent_name: str
    parent_phone: str
    parent_email: str
    parent_address: str
    registered_in_community: bool
    school_year: int
    start_month: int
    benefit: str
    benefit_status: str
    filed_at: dt.datetime
    on_paper: bool
    offer_deadline: dt.datetime | None
    offered_group_id: int | None
    enrolled_group_id: int | None
    enrolled_at: dt.datetime | None
    closed_at: dt.datetime | None
    positions: list[KgPositionOut]
    history: list[KgHistoryOut]


class KgFiledOut(KgApplicationOut):
    code: str = Field(description="the secret lookup code: shown once, give it to the parent")
