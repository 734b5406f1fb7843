"""The appeal list's filter form (GET) and the "save this filter" form.

The filter form accepts the spellings the dashboard's and the API's links use — `overdue=1`/`0` and
`true`/`false`, dates as YYYY-MM-DD and as DD.MM.YYYY — and gives back one canonical query string, so
that sort links, pages, exports and saved filters all carry the same filters.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.accounts.models import Department
from hromada.appeals.models import SavedFilter, Status
from hromada.appeals.selectors import LIST_SORTS, AppealFilter
from hromada.core.forms import choice_field
from hromada.reference import selectors as ref
from hromada.reference.models import Channel, ReferenceItem, Topic

TRUE_VALUES = frozenset({"1", "true", "yes", "on"})
FALSE_VALUES = frozenset({"0", "false", "no", "off"})
#: ISO first: that is what <input type="date"> sends and what the links carry.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


def _flag(value: Any) -> str:
    """Gives "1", "0", "" or the unrecognised text itself (which the field then refuses)."""
    if value is True:
        return "1"
    if value is False:
        return "0"
    text = "" if value is None else str(value).strip().lower()
    if text in TRUE_VALUES:
        return "1"
    if text in FALSE_VALUES:
        return "0"
    return text


class YesNoField(forms.ChoiceField):
    """Any / yes / no as a select; `1`, `true`, `yes` and `0`, `false`, `no` all accepted."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=[("", _("any")), ("1", _("yes")), ("0", _("no"))], required=False, **kwargs)

    def to_python(self, value: Any) -> str:
        return _flag(value)

    def bound_data(self, data: Any, initial: Any) -> Any:
        # The select shows "yes" for overdue=true as well as for overdue=1.
        return _flag(data)


class FlagCheckbox(forms.CheckboxInput):
    """A checkbox that submits 1 and reads `0`/`false` as unchecked (Django's reads "0" as checked)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, check_test=lambda value: _flag(value) == "1")

    def format_value(self, value: Any) -> str:
        return "1"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)


class FlagField(forms.Field):
    widget = FlagCheckbox
    default_error_messages = {"invalid": _("Choose yes or no.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> bool:
        flag = _flag(value)
        if flag not in ("", "0", "1"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return flag == "1"


class DateInput(forms.DateInput):
    """<input type="date"> needs YYYY-MM-DD: a DD.MM.YYYY value from a link is shown converted."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value: Any) -> Any:
        if isinstance(value, str):
            for fmt in DATE_INPUT_FORMATS:
                try:
                    return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
                except ValueError:
                    continue
            return value
        return super().format_value(value)


def _date_field(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
        help_text=help_text,
    )


def _vocabulary_choices(items: dict[str, ReferenceItem]) -> list[tuple[str, Any]]:
    ordered = sorted(items.values(), key=lambda item: (item.position, item.code))
    return [("", _("any")), *((item.code, item.name) for item in ordered)]


#: The filter fields in the order of AppealFilter's query parameters (and of the canonical query).
FILTER_FIELDS = (
    "q",
    "text",
    "status",
    "awaiting",
    "channel",
    "topic",
    "department",
    "lead_department",
    "co_department",
    "unassigned",
    "priority",
    "overdue",
    "open",
    "registered_on",
    "received_from",
    "received_to",
    "due_before",
)


class AppealFilterForm(forms.Form):
    """Filters of the appeal list. Bind it to request.GET; an invalid value is a field error."""

    q = forms.CharField(
        label=pgettext_lazy("appeal list", "Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("A number (К-2194 or 2194), a name, a phone, an e-mail or words of the text."),
    )
    text = forms.CharField(
        label=_("Words of the text"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of the summary or text, in any form."),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("any")), *Status.choices])
    awaiting = forms.ChoiceField(
        label=_("Awaiting"),
        required=False,
        choices=[
            ("", _("any")),
            ("resolution", pgettext_lazy("awaiting", "a resolution")),
            ("signature", pgettext_lazy("awaiting", "signature of the answer")),
            ("extension", pgettext_lazy("awaiting", "a decision on an extension")),
        ],
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)
    lead_department = forms.ChoiceField(label=_("Lead department"), required=False)
    co_department = forms.ChoiceField(label=_("Co-executing department"), required=False)
    unassigned = FlagField(label=_("No lead department yet"))
    priority = YesNoField(label=_("Priority author"))
    overdue = YesNoField(label=_("Overdue"))
    open = FlagField(label=_("Open only"))
    registered_on = _date_field(_("Registered on"))
    received_from = _date_field(_("Received from"))
    received_to = _date_field(_("Received to"))
    due_before = _date_field(_("Due before"))
    #: Kept through the filter form's submission; an unknown value falls back to the work-list order.
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: Any = None, *, departments: list[Department], **kwargs: Any) -> None:
        super().__init__(data if data is not None else QueryDict(), **kwargs)
        choice_field(self, "channel").choices = _vocabulary_choices(ref.vocabulary(Channel))
        choice_field(self, "topic").choices = _vocabulary_choices(ref.vocabulary(Topic))
        # Inactive departments stay searchable: old appeals were assigned to them.
        for name in ("department", "lead_department", "co_department"):
            choice_field(self, name).choices = [("", _("any")), *((d.code, d.name) for d in departments)]

    def clean_sort(self) -> str:
        sort = (self.cleaned_data.get("sort") or "").strip()
        return sort if sort.removeprefix("-") in LIST_SORTS else ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (typed by Django as maybe None)
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end of the period is earlier than its start."))
        return data

    def filters(self) -> AppealFilter:
        """The cleaned values as the selectors' filter (call after is_valid())."""
        d = self.cleaned_data
        flag = {"1": True, "0": False}
        return AppealFilter(
            status=d["status"] or None,
            channel=d["channel"] or None,
            topic=d["topic"] or None,
            department=d["department"] or None,
            lead_department=d["lead_department"] or None,
            co_department=d["co_department"] or None,
            unassigned=True if d["unassigned"] else None,
            priority=flag.get(d["priority"]),
            overdue=flag.get(d["overdue"]),
            due_before=d["due_before"],
            received_from=d["received_from"],
            received_to=d["received_to"],
            text=d["text"] or None,
            q=d["q"] or None,
            open=True if d["open"] else None,
            registered_on=d["registered_on"],
            awaiting=d["awaiting"] or None,
        )

    def more_filters_active(self) -> bool:
        """Whether a filter behind "More filters" is set (then they are shown open)."""
        if not hasattr(self, "cleaned_data"):
            return bool(self.errors)
        return any(name != "q" for name in self.params(with_sort=False))

    def params(self, *, with_sort: bool = True) -> dict[str, str]:
        """The canonical query of the cleaned filters: no empty values, dates as YYYY-MM-DD."""
        params: dict[str, str] = {}
        for name in FILTER_FIELDS:
            value = self.cleaned_data.get(name)
            if value in (None, "", False):
                continue
            if value is True:
                value = "1"
            elif isinstance(value, dt.date):
                value = value.isoformat()
            params[name] = str(value)
        if with_sort and self.cleaned_data.get("sort"):
            params["sort"] = self.cleaned_data["sort"]
        return params

    def query(self, **overrides: Any) -> str:
        """The canonical query string with `overrides` (None or "" removes a parameter)."""
        params: dict[str, Any] = {**self.params(), **overrides}
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})


class SavedFilterForm(forms.Form):
    """The "save this filter" form: a name for the list's current query string."""

    name = forms.CharField(label=_("Name of the filter"), max_length=100)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def save(self, *, user: Any, query: str) -> SavedFilter:
        """Store `query` (the filter form's canonical one) under the name; the same name replaces it."""
        saved, _created = SavedFilter.objects.update_or_create(
            user=user, name=self.cleaned_data["name"].strip(), defaults={"query": query}
        )
        return saved
