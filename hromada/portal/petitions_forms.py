"""Forms of the e-petitions pages (електронні петиції): the public search, the signature, the author's
draft and the resident's profile. Required fields of a draft are checked by the petitions services, so
that the page and the API say the same Ukrainian message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.forms import MultipleFileField, MultipleFileInput
from hromada.petitions.models import PetitionStatus
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

#: The public filters, in the order a reader follows a petition's life.
STATUS_FILTERS = (
    PetitionStatus.COLLECTING,
    PetitionStatus.CONSIDERATION,
    PetitionStatus.ANSWERED,
    PetitionStatus.CLOSED,
    PetitionStatus.CONVERTED,
    PetitionStatus.REFUSED,
)

SORTS = [
    ("newest", _("newest first")),
    ("most_signed", _("most signed")),
    ("nearest", _("nearest to the threshold")),
    ("ending_soon", _("ending soon")),
]


def _topics(empty: Any) -> list[tuple[str, Any]]:
    return [("", empty)] + [(code, t.name) for code, t in ref.active(Topic).items()]


class PetitionSearchForm(forms.Form):
    q = forms.CharField(label=_("Search in petitions"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any"))] + [(s.value, s.label) for s in STATUS_FILTERS],
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["category"].choices = _topics(_("any"))

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "newest"


class SignForm(forms.Form):
    wants_updates = forms.BooleanField(
        label=_("E-mail me the council's answer to this petition"), required=False, initial=True
    )


class PetitionDraftForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the petition"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
    text = forms.CharField(
        label=_("Text of the petition"),
        required=False,
        help_text=_("What you ask the council to do, and why. It is published in full once moderated."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    attachments = MultipleFileField(
        label=_("Files (optional)"),
        required=False,
        widget=MultipleFileInput,
        help_text=_("PDF, JPEG, PNG, DOCX, ODT or plain text. They are published with the petition."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _topics("—")


class ProfileForm(forms.Form):
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        help_text=_("Day, month and year, e.g. 24.08.1991."),
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"autocomplete": "bday", "inputmode": "numeric"}),
    )
    address = forms.CharField(
        label=_("Address of residence"),
        max_length=500,
        required=False,
        help_text=_("Settlement, street, house (and flat)."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
