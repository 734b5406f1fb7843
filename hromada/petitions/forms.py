"""The staff forms of e-petitions (електронні петиції). They parse what a person typed into one
service's arguments; the service decides (and says in Ukrainian) what is missing or not allowed, and
its refusals come back onto these fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.petitions.models import PetitionStatus

#: The datetime-local input's formats (with and without seconds) and the ISO ones links carry.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class _ServiceSaysMissing:
    """Marked required on the page (asterisk, `required`), but an empty value passes the form: the
    service's own message says what is missing, the same one the API and tests see."""

    empty_values: Any

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            return
        super().validate(value)  # type: ignore[misc]


class RequiredText(_ServiceSaysMissing, forms.CharField):
    def __init__(self, *, label: Any, rows: int = 5, **kwargs: Any) -> None:
        super().__init__(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files; the service checks their types and sizes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


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
        empty_value=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("any")),
            *((s.value, s.label) for s in PetitionStatus if s != PetitionStatus.DRAFT),
        ]


class ActionForm(forms.Form):
    """Base of the card's action forms: ids unique on the page (`id_<slug>_<field>`)."""

    slug = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.slug}_%s")
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


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
    uploads = MultipleFileField(label=_("Files of the answer"))

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
        data = super().clean()
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
