"""Shared pieces of Django forms: a service's refusal shown on the form that asked for it, and the
field for several uploaded files (the e-appeal, a resident's addition, a petition's files)."""

from __future__ import annotations

from typing import Any

from django import forms

from hromada.core.errors import DomainError, ValidationFailed


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

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []
