"""The portal's forms of the e-appeal (електронне звернення) and of the tracking look-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import (
    MultipleFileField,
    choice_field,
    consent_field,
    email_field,
    full_name_field,
    honeypot_field,
)
from hromada.reference import selectors as ref
from hromada.reference.models import AuthorCategory, Kind, Topic


class EAppealForm(forms.Form):
    """Required fields are checked by the service (file_e_appeal), so the web and the API say the same."""

    name = full_name_field(max_length=250)
    address = forms.CharField(label=_("Postal address"), max_length=500, required=False)
    email = email_field(_("E-mail for the answer"))
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    kind = forms.ChoiceField(label=_("Kind of appeal"), initial="application")
    topic = forms.ChoiceField(label=_("Topic"), initial="other")
    text = forms.CharField(
        label=_("Substance of the appeal"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    categories = forms.MultipleChoiceField(
        label=_("Author categories (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Appeals of these persons are considered first, by the head personally (Law art. 20). "
            "Mark only what applies to you; the council may ask for a document."
        ),
    )
    attachments = MultipleFileField(
        label=_("Files (optional)"),
        required=False,
        help_text=_("PDF, JPEG, PNG, DOCX, ODT or plain text."),
    )
    consent = consent_field(
        _("I consent to the processing of my personal data for the consideration of this appeal")
    )
    website = honeypot_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = [(c, k.name) for c, k in ref.active(Kind).items()]
        choice_field(self, "topic").choices = [(c, t.name) for c, t in ref.active(Topic).items()]
        choice_field(self, "categories").choices = [
            (c, a.name) for c, a in ref.active(AuthorCategory).items() if a.priority
        ]


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Registration number"), max_length=40)
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs["autofocus"] = True
