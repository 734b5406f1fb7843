"""Forms of the centre's hall for its administrators: check-in, a walk-in's ticket, the end of a
visit and the statistics period. They only parse; the rules are in services/queue.py."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.receptions.models import CentreService

CODE_MAX = 20


def active_services() -> forms.ModelChoiceField:
    """The services a ticket can be taken for: active and served by an open window."""
    return forms.ModelChoiceField(
        label=_("Service"),
        queryset=CentreService.objects.filter(is_active=True, windows__is_active=True)
        .distinct()
        .order_by("group", "name"),
        empty_label=None,
    )


class CheckInForm(forms.Form):
    """Реєстрація прибуття: the code the visitor reads out."""

    code = forms.CharField(
        label=_("Booking code"),
        max_length=CODE_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class TicketForm(forms.Form):
    """A walk-in's live-queue ticket (талон) for a service."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service"] = active_services()


class FinishForm(forms.Form):
    """The end of a call: served, not present, or redirected to another service."""

    OUTCOMES = (
        ("served", _("served")),
        ("not_present", _("not present")),
        ("redirected", _("redirected")),
    )

    outcome = forms.ChoiceField(label=_("Outcome"), choices=OUTCOMES)
    to_service = forms.ModelChoiceField(
        label=_("Redirect to"),
        queryset=CentreService.objects.filter(is_active=True).order_by("group", "name"),
        required=False,
    )


class PeriodForm(forms.Form):
    """The statistics period (this month by default)."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    MAX_DAYS = 366

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if end < start:
                self.add_error("end", _("The end of the period is before its start."))
            elif (end - start).days > self.MAX_DAYS:
                self.add_error("end", _("Choose a period of at most a year."))
        return data
