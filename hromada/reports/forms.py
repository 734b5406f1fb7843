"""The report period form of the staff page (GET ?from=YYYY-MM-DD&to=YYYY-MM-DD, as the API)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.reports.periods import Period

#: ISO first: what <input type="date"> sends and what the links carry; DD.MM.YYYY typed by hand.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
#: The earliest year a report may start in: older dates are typing mistakes.
EARLIEST_YEAR = 1991


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_INPUT_FORMATS, widget=DateInput())


class PeriodForm(forms.Form):
    """From and to, both days included. The fields are named as the query parameters ("from" is a
    Python keyword, hence the fields are added in __init__)."""

    def __init__(self, data: QueryDict | dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["from"] = _date_field(pgettext_lazy("period", "From"))
        self.fields["to"] = _date_field(pgettext_lazy("period", "To"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("from"), data.get("to")
        if start and start.year < EARLIEST_YEAR:
            self.add_error("from", _("Give a date from %(year)s on.") % {"year": EARLIEST_YEAR})
        if start and end and end < start:
            self.add_error("to", _("The end of the period is earlier than its start."))
        return data

    def period(self) -> Period:
        """The period (call after is_valid())."""
        return Period(self.cleaned_data["from"], self.cleaned_data["to"])


def period_query(period: Period) -> str:
    return urlencode({"from": period.start.isoformat(), "to": period.end.isoformat()})


def period_initial(period: Period) -> dict[str, dt.date]:
    return {"from": period.start, "to": period.end}
