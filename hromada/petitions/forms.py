"""The forms of e-petitions (електронні петиції): the staff's (moderation, answer, fraud review) and the
public ones (the search, the signature, the author's draft, the resident's profile). They parse what a
person typed into one service's arguments; the service decides (and says in Ukrainian) what is missing
or not allowed, so the page and the API say the same message, and its refusals come back onto these
fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.accounts.card_actions import ActionForm
from hromada.core.forms import MultipleFileField, MultipleFileInput, RequiredText
from hromada.petitions.models import PUBLIC_STATUSES, PetitionStatus
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

#: The datetime-local input's formats (with and without seconds) and the ISO ones links carry.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class PetitionFilterForm(forms.Form):
    """The staff list's filters (GET): a status tab and a search in the title and text."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    q = forms.CharField(label=_("Search in the title and text"), required=False, max_length=200)
    #: Only the petitions past their term (moderation or answer): where the dashboard's red tiles lead.
    overdue = forms.TypedChoiceField(
        label=_("Past the term"),
        required=False,
        choices=[("", "—"), ("1", _("yes"))],
        coerce=lambda v: v == "1",
        empty_value=False,  # type: ignore[arg-type]  # the stubs say str | None; Django takes any value
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", _("any")),
            *((s.value, s.label) for s in PetitionStatus if s != PetitionStatus.DRAFT),
        ]


class PublishForm(ActionForm):
    slug = "publish"


class ReturnForm(ActionForm):
    slug = "return"
    reason = RequiredText(
        label=_("What the author should change"),
        required=True,
        help_text=_("The author receives it by e-mail; it is not published."),
    )


class RefuseForm(ActionForm):
    slug = "refuse"
    reason = RequiredText(
        label=_("Reason for the refusal"),
        required=True,
        help_text=_("Published on the petition's page and sent to the author."),
    )


class PaperForm(ActionForm):
    slug = "paper"
    count = forms.IntegerField(label=_("Number of paper signatures"), min_value=1, required=True)
    protocol = forms.CharField(
        label=_("Protocol reference"),
        max_length=200,
        required=True,
        help_text=_("The number and date of the protocol that counted the signatures on paper."),
    )


SUPPORT_CHOICES: Sequence[tuple[str, Any]] = [
    ("yes", _("Supported")),
    ("no", _("Not supported")),
]


class AnswerForm(ActionForm):
    slug = "answer"
    supported = forms.ChoiceField(
        label=_("The council's decision"), choices=SUPPORT_CHOICES, widget=forms.RadioSelect, required=True
    )
    text = RequiredText(
        label=_("Answer"),
        required=True,
        rows=10,
        help_text=_("Published on the petition's page and sent to the author and the signatories who asked."),
    )
    decision_url = forms.URLField(
        label=_("Link to the decision"),
        required=False,
        assume_scheme="https",
        help_text=_("The council's or executive committee's decision, if there is one."),
    )
    uploads = MultipleFileField(label=_("Files of the answer"), required=False, widget=MultipleFileInput)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["supported"] = data["supported"] == "yes"
        data["decision_url"] = data.get("decision_url") or ""
        return data


class SignatureFilterForm(forms.Form):
    """The fraud page's filters (GET): all given criteria apply together."""

    email_domain = forms.CharField(label=_("E-mail domain"), required=False, max_length=253)
    ip_key = forms.CharField(
        label=_("Address key"),
        required=False,
        max_length=64,
        help_text=_("A keyed hash of the signer's network address; the address itself is not stored."),
    )
    signed_from = forms.DateTimeField(
        label=_("Signed from"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    signed_to = forms.DateTimeField(
        label=_("Signed until"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_email_domain(self) -> str:
        return self.cleaned_data["email_domain"].strip().lower().lstrip("@")

    def clean_ip_key(self) -> str:
        return self.cleaned_data["ip_key"].strip()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("signed_from"), data.get("signed_to")
        if start and end and end <= start:
            self.add_error("signed_to", _("The end must be later than the start."))
        return data

    @property
    def criteria(self) -> dict[str, Any]:
        """The filled criteria (empty when the form is invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class InvalidateForm(forms.Form):
    """The bulk invalidation: a reason, and the number the moderator confirmed."""

    reason = RequiredText(
        label=_("Reason for the invalidation"),
        required=True,
        rows=3,
        help_text=_("Recorded in the petition's journal and the audit log."),
    )
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    confirm = forms.BooleanField(widget=forms.HiddenInput, required=False)


# --- The public pages and the cabinet -------------------------------------------------------------

#: The public filters, in the order a reader follows a petition's life.
STATUS_FILTERS = PUBLIC_STATUSES

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
        cast(forms.ChoiceField, self.fields["category"]).choices = _topics(_("any"))

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
        cast(forms.ChoiceField, self.fields["category"]).choices = _topics("—")


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
