"""The API's report shapes (docs/data-exchange.md, "Reports"): query and output, listed field by field."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import ConfigDict, Field

from hromada.core.api_types import Date


class PeriodQuery(Schema):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD, both days included."""

    model_config = ConfigDict(populate_by_name=True)

    start: Date = Field(alias="from", description="first day of the period (registration date)")
    end: Date = Field(alias="to", description="last day of the period, included")


class PeriodOut(Schema):
    model_config = ConfigDict(populate_by_name=True)

    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")
    title: str = Field(description="as a council writes it: “I квартал 2025 року”, “2025 рік”, “з … по …”")
    as_of: dt.date = Field(description="the day whose state the term figures show: the period's end or today")


class ShareOut(Schema):
    name: str
    count: int
    percent: int = Field(description="whole percent, rounded half up")


class PriorityOut(Schema):
    total: int
    percent: int
    by_category: dict[str, ShareOut]


class AppealFiguresOut(Schema):
    total: int = Field(description="appeals registered in the period, duplicates not counted")
    by_channel: dict[str, ShareOut]
    by_channel_group: dict[str, ShareOut]
    by_kind: dict[str, ShareOut]
    collective: int
    anonymous: int
    repeated: int
    duplicates: int = Field(description="duplicate appeals, left out of every other figure")
    priority: PriorityOut
    by_month: dict[str, int] = Field(description="YYYY-MM → appeals")


class IssueFiguresOut(Schema):
    total: int
    pending: int = Field(description="issues without a result yet")
    by_topic: dict[str, ShareOut]
    by_result: dict[str, ShareOut]


class DepartmentOut(Schema):
    code: str
    name: str
    received: int
    answered: int
    answered_on_time: int
    answered_late: int
    open_overdue: int
    overdue: int
    average_days: float | None
    on_time_percent: int | None


class ChangeOut(Schema):
    difference: int
    percent: int | None = Field(description="of the figure a year earlier; null when that was 0")


class ChangesOut(Schema):
    appeals: ChangeOut
    issues: ChangeOut
    priority: ChangeOut
    overdue: ChangeOut


class PreviousOut(Schema):
    period: PeriodOut
    appeals: AppealFiguresOut
    issues: IssueFiguresOut
    departments: list[DepartmentOut]
    change: ChangesOut


class AppealsReportOut(Schema):
    period: PeriodOut
    appeals: AppealFiguresOut
    issues: IssueFiguresOut
    departments: list[DepartmentOut]
    previous: PreviousOut
