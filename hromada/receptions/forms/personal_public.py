"""The portal's booking form of a personal reception (запис на особистий прийом).

The fields are optional here on purpose: book_reception checks what is required and answers in the
same words to the portal, the registrar and the API. The time is one radio value "YYYY-MM-DDTHH:MM",
so that the alternatives offered after a 409 (on other days too) are chosen the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import email_field, full_name_field
from hromada.receptions.models import Official
from hromada.receptions.selectors.personal_public import priority_categories, topic_choices
from hromada.receptions.services.personal import QUESTION_MAX


def slot_value(day: dt.date, starts: dt.time) -> str:
    return f"{day.isoformat()}T{starts:%H:%M}"


def parse_slot(value: str) -> tuple[dt.date, dt.time] | None:
    """The (day, time) of a radio value, or None when it is not one."""
    try:
        moment = dt.datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except (TypeError, ValueError):
        return None
    return moment.date(), moment.time()


def category_choices(empty: Any) -> list[tuple[str, Any]]:
    return [("", empty)] + [(c.code, c.name) for c in priority_categories()]


class SlotChoiceForm(forms.Form):
    """A form with the radio list of times; `set_slots` fills it with (day, time) pairs."""

    slot = forms.CharField(label=_("Time"), required=False, widget=forms.RadioSelect)

    def set_slots(self, pairs: list[tuple[dt.date, dt.time]], *, with_day: bool) -> None:
        choices = [
            (slot_value(day, starts), f"{day:%d.%m.%Y} {starts:%H:%M}" if with_day else f"{starts:%H:%M}")
            for day, starts in pairs
        ]
        cast(forms.RadioSelect, self.fields["slot"].widget).choices = choices

    def clean_slot(self) -> tuple[dt.date, dt.time] | None:
        value = self.cleaned_data.get("slot") or ""
        if not value:
            raise forms.ValidationError(_("Choose a time."), code="required")
        parsed = parse_slot(value)
        if parsed is None:
            raise forms.ValidationError(_("Choose a time from the list."), code="invalid")
        return parsed


class BookingForm(SlotChoiceForm):
    """The visitor's booking: time, topic, question, who they are and an optional priority category."""

    topic = forms.ChoiceField(label=_("Topic of the question"), required=False)
    question = forms.CharField(
        label=_("Your question in brief"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": QUESTION_MAX}),
    )
    full_name = full_name_field()
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = email_field(_("E-mail for the confirmation"))
    category = forms.ChoiceField(
        label=_("Priority category"),
        required=False,
        help_text=_(
            "Persons of these categories are received first (Law of Ukraine “On citizens’ appeals”, art. 20)."
        ),
    )

    def __init__(self, *args: Any, official: Official, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs.pop("autofocus", None)
        topics = [("", "—")] + [(t.code, t.name) for t in topic_choices(official)]
        cast(forms.ChoiceField, self.fields["topic"]).choices = topics
        cast(forms.ChoiceField, self.fields["category"]).choices = category_choices(_("none"))
