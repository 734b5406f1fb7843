"""Звіти in the JSON API: /api/v1/reports/…  Thin: parse the period, check the role, count, render."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Query, Router

from hromada.accounts.http import ApiRequest
from hromada.core import clock
from hromada.core.errors import FieldError, PermissionDenied, ValidationFailed
from hromada.reports.as_json import report_json
from hromada.reports.figures import appeals_report
from hromada.reports.forms import EARLIEST_YEAR
from hromada.reports.periods import Period
from hromada.reports.permissions import can_read_reports
from hromada.reports.schemas import AppealsReportOut, PeriodQuery

router = Router(tags=["reports"])


@router.get(
    "/reports/appeals",
    response=AppealsReportOut,
    by_alias=True,
    summary="The appeals report of a period, with the same period a year earlier",
)
def appeals(request: ApiRequest, q: Query[PeriodQuery]) -> dict[str, Any]:
    if not can_read_reports(request.auth):
        raise PermissionDenied(_("Your role does not allow reading reports."))
    errors = []
    if q.start.year < EARLIEST_YEAR:
        errors.append(
            FieldError("from", _("Give a date from %(year)s on.") % {"year": EARLIEST_YEAR}, "too_early")
        )
    if q.end < q.start:
        errors.append(FieldError("to", _("The end of the period is earlier than its start."), "before_start"))
    if errors:
        raise ValidationFailed(errors)
    return report_json(appeals_report(Period(q.start, q.end), today=clock.today()))
