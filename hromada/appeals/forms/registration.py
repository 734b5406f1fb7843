"""The registration form: one screen a registrar fills in under a minute, keyboard only.

The form parses and adapts to the channel; the rules of registration stay in `register_appeal`, whose
field errors ("applicants.0.email", "issues.1.topic") are put back next to the inputs here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from hromada.appeals.schemas import AppealRegisterIn, ApplicantIn
from hromada.core import clock
from hromada.core.errors import DomainError, FieldError, ValidationFailed
from hromada.core.forms import MultipleFileField, add_domain_error
from hromada.core.models import CouncilSettings
from hromada.core.validation import field_errors
from hromada.reference import selectors as ref
from hromada.reference.models import (
    AuthorCategory,
    Channel,
    ChannelGroup,
    Kind,
    ReferenceItem,
    Sex,
    SocialStatus,
    Subject,
    Topic,
)

ANONYMOUS, COLLECTIVE, INDIVIDUAL = "anonymous", "collective", "individual"
#: Channels whose appeals are letters: the author's postal address and signature are needed.
LETTER_GROUPS = (ChannelGroup.WRITTEN,)
#: Contact-center channels: their cards carry the center's number.
CARD_GROUPS = (ChannelGroup.HOTLINE,)
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
#: What a datetime-local input sends, and what a person may type where it is a plain text box.
DATETIME_INPUTS = [DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


def _choices(model: type[ReferenceItem], *, blank: bool = False) -> Callable[[], list[tuple[str, str]]]:
    """Active vocabulary entries, read when the form is built (the vocabulary cache keeps them)."""

    def choices() -> list[tuple[str, str]]:
        items = sorted(ref.active(model).values(), key=lambda i: (i.position, i.code))
        return [("", "—")] * blank + [(i.code, i.name) for i in items]

    return choices


class ChannelSelect(forms.Select):
    """Each option says its channel group, so the page can show what that channel needs."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        channel = ref.active(Channel).get(str(option["value"]))
        if channel is not None:
            option["attrs"]["data-group"] = channel.group
        return option


def initial_values() -> dict[str, Any]:
    """Defaults of an empty form: received now (Kyiv time), one author. No kind: whether an appeal is
    a proposal, an application or a complaint (Law art. 3) is read from its substance, never from the
    channel or from what most appeals were, so the registrar must choose it every time."""
    now = timezone.localtime(clock.now()).replace(second=0, microsecond=0)
    return {"received_at": now, "subject": INDIVIDUAL}


class RegistrationForm(forms.Form):
    """The appeal and its applicant; the issues are a formset beside it (`IssueFormSet`)."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=_choices(Channel, blank=True),
        widget=ChannelSelect(attrs={"autofocus": True}),
    )
    received_at = forms.DateTimeField(
        label=_("Received"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        input_formats=DATETIME_INPUTS,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=_choices(Kind, blank=True))
    subject = forms.ChoiceField(
        label=_("Subject"), choices=_choices(Subject), widget=forms.RadioSelect, initial=INDIVIDUAL
    )
    signatories = forms.IntegerField(
        label=_("Number of signatories"), required=False, min_value=2, max_value=1_000_000
    )
    external_id = forms.CharField(
        label=_("Contact-center card number"),
        required=False,
        max_length=100,
        help_text=_("Only for cards of the Government contact center (1545) or a regional center."),
    )
    late_registration = forms.BooleanField(
        label=_("Confirm a late registration"),
        required=False,
        help_text=_(
            "The appeal was received long ago or before the register's start and is registered only "
            "now: the journal records who confirmed it."
        ),
    )
    signed = forms.BooleanField(
        label=_("The letter is signed and dated by the author"),
        required=False,
        help_text=_("Only for letters: an unsigned letter is anonymous (Law art. 8)."),
    )

    name = forms.CharField(
        label=_("Full name (surname first)"),
        required=False,
        max_length=250,
        help_text=_("Type the surname to find earlier appeals of the same person."),
    )
    address = forms.CharField(
        label=_("Address"), required=False, max_length=500, help_text=_("Required for letters.")
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("Required for electronic appeals: the answer is sent there."),
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=_choices(Sex, blank=True))
    social_status = forms.ChoiceField(
        label=_("Social status"), required=False, choices=_choices(SocialStatus, blank=True)
    )
    categories = forms.MultipleChoiceField(
        label=_("Author categories"),
        required=False,
        choices=_choices(AuthorCategory),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Categories established by law make the appeal considered first (Law art. 20)."),
    )

    summary = forms.CharField(label=_("Summary"), required=False, max_length=500)
    text = forms.CharField(
        label=_("Full text"), required=False, max_length=100_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    # The form's metaclass takes declared fields off the class, so this does not hide BaseForm.files;
    # django-stubs cannot tell.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, JPEG, PNG, DOCX, ODT or plain text. Drop the files here or choose them."),
    )

    #: Inputs whose values decide "the same applicant" (the likely-repeat check reads them).
    APPLICANT_FIELDS = ("name", "address", "phone", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        search = {
            "hx-get": reverse("appeals:applicant-search"),
            "hx-trigger": "input changed delay:300ms",
            "hx-target": "#applicant-matches",
            "hx-sync": "this:replace",
            "autocomplete": "off",
            "aria-controls": "applicant-matches",
        }
        for name in ("name", "phone", "email"):
            self.fields[name].widget.attrs.update(search)
        for name in ("received_at", *self.APPLICANT_FIELDS):
            self.fields[name].widget.attrs["class"] = "repeat-source"
        self.fields["subject"].widget.attrs["class"] = "repeat-source"

    def offers_late_confirmation(self) -> bool:
        """Show the late-registration confirmation: it was ticked, or the receipt date typed is
        earlier than the council registers without it (read from the input: a refusal of the date
        takes it out of `cleaned_data`)."""
        if not self.is_bound:
            return False
        if self.fields["late_registration"].to_python(self.data.get("late_registration")):
            return True
        try:
            received = self.fields["received_at"].clean(self.data.get("received_at"))
        except forms.ValidationError:
            return False
        today = timezone.localtime(clock.now()).date()
        return bool(timezone.localtime(received).date() < CouncilSettings.load().earliest_received(today))

    def channel_group(self) -> str:
        code = (self.cleaned_data if hasattr(self, "cleaned_data") else {}).get("channel") or self.data.get(
            "channel", ""
        )
        channel = ref.active(Channel).get(code)
        return channel.group if channel else ""

    def clean(self) -> dict[str, Any]:
        """What the channel and the subject ask for beyond the registration rules themselves."""
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (typed by Django as maybe None)
        subject = data.get("subject")
        group = self.channel_group()
        if subject == COLLECTIVE and not data.get("signatories"):
            self.add_error(
                "signatories", gettext("A collective appeal needs the number of signatories (two or more).")
            )
        if group in LETTER_GROUPS and subject != ANONYMOUS:
            if not data.get("address") and "address" not in self.errors:
                self.add_error("address", gettext("A letter needs the author's postal address (Law art. 5)."))
            if not data.get("signed"):
                self.add_error(
                    "signed",
                    gettext(
                        "An unsigned letter is anonymous (Law art. 8): confirm the signature "
                        "or mark the appeal anonymous."
                    ),
                )
        if group in CARD_GROUPS and not data.get("external_id"):
            self.add_error("external_id", gettext("Give the contact-center card number."))
        return data

    def applicant(self) -> ApplicantIn:
        d = self.cleaned_data
        return ApplicantIn(
            name=d.get("name", ""),
            address=d.get("address", ""),
            phone=d.get("phone", ""),
            email=d.get("email", ""),
            sex=d.get("sex") or None,
            social_status=d.get("social_status") or None,
            categories=list(d.get("categories") or []),
        )

    def registration_body(self, issue_forms: Sequence[forms.Form]) -> dict[str, Any]:
        """The input of `register_appeal`, the same shape the API and imports send."""
        d = self.cleaned_data
        subject = d["subject"]
        applicant = self.applicant().model_dump()
        given = any(applicant[k] for k in (*self.APPLICANT_FIELDS, "sex", "social_status", "categories"))
        return {
            "channel": d["channel"],
            "received_at": d["received_at"],
            "kind": d["kind"],
            "external_id": d.get("external_id", "") if self.channel_group() in CARD_GROUPS else "",
            "applicants": [applicant] if subject != ANONYMOUS or given else [],
            "signatories": (d.get("signatories") or 1) if subject == COLLECTIVE else 1,
            "anonymous": subject == ANONYMOUS,
            "signed": bool(d.get("signed")) and self.channel_group() in LETTER_GROUPS,
            "late_registration": bool(d.get("late_registration")),
            "issues": [
                {"topic": f.cleaned_data["topic"], "text": f.cleaned_data["text"]} for f in issue_forms
            ],
            "summary": d.get("summary", ""),
            "text": d.get("text", ""),
        }

    def registration_input(self, issue_forms: Sequence[forms.Form]) -> AppealRegisterIn:
        """`registration_body` checked by the schema; its refusals as the service's field errors."""
        try:
            return AppealRegisterIn.model_validate(self.registration_body(issue_forms))
        except ValidationError as exc:
            raise ValidationFailed(field_errors(exc.errors())) from exc


class IssueForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=_choices(Topic, blank=True))
    text = forms.CharField(
        label=_("Issue text"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].widget.attrs["class"] = "repeat-source"


class BaseIssueFormSet(BaseFormSet):
    """The issues' rows, whose refusals speak the page's language (Django's own are English in uk)."""

    default_error_messages = {
        "missing_management_form": _(
            "The form has been changed outside the page (%(field_names)s are missing): open it again."
        ),
        "too_many_forms": ngettext_lazy("Give at most %(num)d issue.", "Give at most %(num)d issues.", "num"),
        "too_few_forms": ngettext_lazy(
            "Give at least %(num)d issue: choose its topic.",
            "Give at least %(num)d issues: choose their topics.",
            "num",
        ),
    }


#: One issue is required; without JavaScript three rows show, and blank extra rows are ignored.
IssueFormSet = formset_factory(
    IssueForm,
    formset=BaseIssueFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=50,
    validate_max=True,
    absolute_max=50,
)
ISSUES_PREFIX = "issues"


def filled_issue_forms(formset: forms.BaseFormSet) -> list[forms.Form]:
    """The rows that hold an issue, in order: `issues.N` of the service's errors is the N-th of these."""
    return [f for f in formset.forms if f.has_changed() and f.cleaned_data.get("topic")]


def add_registration_errors(
    form: RegistrationForm, issue_forms: Sequence[forms.Form], error: DomainError
) -> None:
    """Each refusal of the registration next to its input: issue paths go to their row."""
    items = error.errors if isinstance(error, ValidationFailed) else [FieldError(error.field, error.message)]
    rest: list[FieldError] = []
    for item in items:
        match = re.fullmatch(r"issues\.(\d+)(?:\.(\w+))?", item.field or "")
        if match and int(match[1]) < len(issue_forms):
            row = issue_forms[int(match[1])]
            name = match[2] if match[2] in row.fields else None
            row.add_error(name, str(item.message))
        else:
            rest.append(item)
    if rest:
        add_domain_error(form, ValidationFailed(rest), aliases={"applicants": "name"})


class RepeatCheckForm(forms.Form):
    """What the likely-repeat notice needs of the form being filled in (read as it is typed)."""

    name = forms.CharField(required=False, max_length=250)
    address = forms.CharField(required=False, max_length=500)
    phone = forms.CharField(required=False, max_length=40)
    email = forms.CharField(required=False, max_length=254)
    subject = forms.CharField(required=False)
    received_at = forms.DateTimeField(required=False, input_formats=DATETIME_INPUTS)

    def topics(self) -> set[str]:
        pattern = re.compile(rf"{ISSUES_PREFIX}-\d+-topic")
        return {v for k, v in self.data.items() if pattern.fullmatch(k) and v}

    def applicant(self) -> ApplicantIn | None:
        if not self.is_valid() or self.cleaned_data["subject"] == ANONYMOUS:
            return None
        d = self.cleaned_data
        return ApplicantIn(name=d["name"], address=d["address"], phone=d["phone"], email=d["email"])

    def received(self) -> Any:
        value = self.cleaned_data.get("received_at") if self.is_valid() else None
        return value or clock.now()
