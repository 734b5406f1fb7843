"""The public forms of the ЦНАП's e-booking (попередній запис до ЦНАП): the catalogue's search, the
booking, finding a booking by its code and phone.

The booking's person fields are optional to Django: `book_centre_visit` checks them, so the page and
the API say the same Ukrainian message. The chosen time is one value, `slot` ("2026-12-08T09:00"),
so that a 409's alternatives on another day are offered by the same radio buttons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import email_field, full_name_field

SLOT_FORMAT = "%Y-%m-%dT%H:%M"


def slot_value(day: dt.date, starts: dt.time) -> str:
    """The radio button's value of a start on a day."""
    return dt.datetime.combine(day, starts).strftime(SLOT_FORMAT)


class CentreSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a service by name"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"


class CentreBookingForm(forms.Form):
    """A time of the offered ones (radio buttons drawn by the page), and who comes."""

    slot = forms.CharField(label=_("Time"), required=False, max_length=20)
    full_name = full_name_field(max_length=200)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("An e-mail or a phone is required; the letter with the code goes to the e-mail."),
    )
    email = email_field(_("E-mail"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The time is chosen before the name: no autofocus jump past the radio buttons.
        self.fields["full_name"].widget.attrs.pop("autofocus", None)

    def clean_slot(self) -> dt.datetime | None:
        value = (self.cleaned_data.get("slot") or "").strip()
        if not value:
            raise forms.ValidationError(_("Choose a time."), code="required")
        try:
            return dt.datetime.strptime(value, SLOT_FORMAT)
        except ValueError:
            raise forms.ValidationError(_("Choose a time."), code="invalid") from None


class CentreFindForm(forms.Form):
    """Both must match one booking; which of them did not is never said."""

    code = forms.CharField(
        label=_("Booking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    phone = forms.CharField(
        label=_("Phone given at booking"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
