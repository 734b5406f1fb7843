"""Forms of the reception day page and the journal (день прийому, журнал особистого прийому).

As on the portal, what is required is checked by the services (the same words for the page and the
API); these forms only parse the values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import email_field
from hromada.receptions.forms.personal_public import category_choices
from hromada.receptions.models import Official
from hromada.receptions.selectors.personal_public import topic_choices
from hromada.receptions.services.personal import QUESTION_MAX
from hromada.reference import selectors as ref
from hromada.reference.models import Kind, Sex


class MarkForm(forms.Form):
    """The mark "came" / "did not come" and, optionally, the result of the conversation."""

    came = forms.TypedChoiceField(
        choices=[("1", _("came")), ("0", _("did not come"))], coerce=lambda v: v == "1"
    )
    result = forms.CharField(label=_("Result"), required=False, max_length=2000)


class AppealForm(forms.Form):
    """The appeal a visitor made at the reception (Instruction 348: every one is registered)."""

    kind = forms.ChoiceField(label=_("Kind of appeal"), initial="application")
    text = forms.CharField(label=_("Text of the appeal"), widget=forms.Textarea(attrs={"rows": 4}))
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=500, help_text=_("Left empty: the text's first words.")
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (c, k.name) for c, k in ref.active(Kind).items()
        ]
        sexes = sorted(ref.active(Sex).values(), key=lambda i: (i.position, i.code))
        cast(forms.ChoiceField, self.fields["sex"]).choices = [("", "—")] + [(i.code, i.name) for i in sexes]


class VisitorForm(forms.Form):
    """Who the visitor is and what about: shared by booking by phone and the walk-in."""

    full_name = forms.CharField(label=_("Full name"), required=False, max_length=200)
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=30, widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = email_field(_("E-mail"))
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    question = forms.CharField(
        label=_("Question in brief"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": QUESTION_MAX}),
    )
    category = forms.ChoiceField(label=_("Priority category"), required=False)

    def __init__(self, *args: Any, official: Official, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topics = [("", "—")] + [(t.code, t.name) for t in topic_choices(official)]
        cast(forms.ChoiceField, self.fields["topic"]).choices = topics
        cast(forms.ChoiceField, self.fields["category"]).choices = category_choices(_("none"))


class PhoneBookingForm(VisitorForm):
    """The registrar books a free time for a caller (channel "phone")."""

    starts = forms.CharField(label=_("Time"), widget=forms.Select)

    def __init__(self, *args: Any, free: list[dt.time], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(f"{s:%H:%M}", f"{s:%H:%M}") for s in free]
        cast(forms.Select, self.fields["starts"].widget).choices = [("", "—"), *choices]
        self.order_fields(["starts"])

    def clean_starts(self) -> dt.time:
        """Any time parses: whether it is still free is the service's answer (409 with others)."""
        try:
            return dt.time.fromisoformat(self.cleaned_data["starts"])
        except ValueError:
            raise forms.ValidationError(_("Choose a time from the list."), code="invalid") from None


class WalkInForm(VisitorForm):
    """A visitor who came without a booking; the address goes into the appeal."""

    address = forms.CharField(label=_("Address"), required=False, max_length=300)


class JournalForm(forms.Form):
    """The journal's period (this month by default) and, optionally, one official."""

    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    official = forms.ModelChoiceField(label=_("Official"), queryset=Official.objects.none(), required=False)

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["official"])
        field.queryset = officials
        field.empty_label = str(_("all"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period is before its start."))
        return data
