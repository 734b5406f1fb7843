"""Shared pieces of Django forms: a service's refusal shown on the form that asked for it, the field
for several uploaded files (the e-appeal, a resident's addition, a petition's files), and the fields
every public form asks the same way (name, e-mail, consent, the honeypot).

The public fields are all optional to Django: the service checks what is required, so that a page
and the API say the same message."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.core.errors import DomainError, ValidationFailed


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name`, a choice field: Django types `form.fields` as plain fields, so that
    setting their `choices` (known only once the form is made) would not type-check."""
    return cast(forms.ChoiceField, form.fields[name])


def add_domain_error(form: forms.Form, error: DomainError, *, aliases: dict[str, str] | None = None) -> None:
    """Put each field error of `error` next to its form field; what matches no field becomes a form
    error. `aliases` maps a service's field path ("issues.0.topic") to a form field name."""
    aliases = aliases or {}
    items = error.errors if isinstance(error, ValidationFailed) else [error]
    for item in items:
        path = getattr(item, "field", "") or ""
        name = aliases.get(path, path)
        if name not in form.fields:
            # "applicants.0.email" → "email" when the form has only that one.
            name = aliases.get(path.split(".")[-1], path.split(".")[-1]) if path else ""
        message = str(item.message)
        if name in form.fields:
            form.add_error(name, message)
        else:
            form.add_error(None, message)


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that lets the person pick several files at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploads as a list (empty when none): Django's FileField cleans one."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def full_name_field(*, max_length: int | None = None) -> forms.CharField:
    """ПІБ of the person filing or signing up; the first field of its form (autofocus)."""
    return forms.CharField(
        label=_("Full name (surname, name, patronymic)"),
        max_length=max_length,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )


def email_field(label: Any, *, max_length: int | None = 254, autofocus: bool = False) -> forms.CharField:
    """An e-mail address typed by a resident (checked by the service, not here)."""
    attrs: dict[str, Any] = {"autocomplete": "email"}
    if autofocus:
        attrs["autofocus"] = True
    return forms.CharField(
        label=label, max_length=max_length, required=False, widget=forms.EmailInput(attrs=attrs)
    )


def consent_field(label: Any) -> forms.BooleanField:
    """Consent to the processing of personal data, worded for what the data is for."""
    return forms.BooleanField(label=label, required=False)


def filled_honeypot(data: Any) -> bool:
    """A bot filled the hidden `website` field (`honeypot_field`): answer "received", save nothing."""
    return bool(data.get("website", "").strip())


def honeypot_field() -> forms.CharField:
    """`website`, hidden from people and screen readers (the template hides it); bots fill it, and a
    form that comes back with it filled is answered "received" with nothing saved."""
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class ServiceSaysMissing(forms.Field):
    """Marked required on the page (asterisk, `required`), but an empty value passes the form: the
    service's own message says what is missing, the same one the API and tests see. A mixin put before
    the concrete field (`RequiredText(ServiceSaysMissing, forms.CharField)`): its `super()` is that field."""

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            return
        super().validate(value)


class RequiredText(ServiceSaysMissing, forms.CharField):
    """A text area whose emptiness the service reports."""

    def __init__(self, *, label: Any, rows: int = 5, **kwargs: Any) -> None:
        super().__init__(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class RequiredLine(ServiceSaysMissing, forms.CharField):
    """A one-line field whose emptiness the service reports (in its own Ukrainian words)."""


class RequiredChoice(ServiceSaysMissing, forms.ChoiceField):
    """A choice whose emptiness the service reports (in its own Ukrainian words)."""
