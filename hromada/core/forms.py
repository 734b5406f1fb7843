"""Show a service's refusal on the Django form that asked for it."""

from __future__ import annotations

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
