"""Turning pydantic's validation errors into field errors in the active language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from hromada.core.errors import FieldError


def _message(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in {"control_character", "string_unicode"}:
        return _("Remove control characters (such as NUL) from the text.")
    if kind == "missing":
        return _("This field is required.")
    if kind in {"string_type", "string_sub_type"}:
        return _("Enter text.")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return _("Enter a whole number.")
    if kind in {"bool_type", "bool_parsing"}:
        return _("Enter true or false.")
    if kind in {"list_type", "tuple_type"}:
        return _("Enter a list.")
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return _("Enter an object.")
    if kind.startswith("datetime") or kind.startswith("timezone"):
        return _("Enter a date and time as YYYY-MM-DDTHH:MM.")
    if kind.startswith("date"):
        return _("Enter a date as YYYY-MM-DD.")
    if kind == "string_too_long":
        return _("Ensure this value has at most %(max)s characters.") % {"max": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("This field may not be empty.")
    if kind == "too_short":
        return _("Enter at least %(min)s item(s).") % {"min": ctx.get("min_length")}
    if kind == "too_long":
        return _("Enter at most %(max)s item(s).") % {"max": ctx.get("max_length")}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Ensure this value is at least %(min)s.") % {"min": ctx.get("ge", ctx.get("gt"))}
    if kind in {"less_than_equal", "less_than"}:
        return _("Ensure this value is at most %(max)s.") % {"max": ctx.get("le", ctx.get("lt"))}
    if kind in {"literal_error", "enum"}:
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in {"extra_forbidden"}:
        return _("Unknown field.")
    if kind in {"json_invalid"}:
        return _("The body is not valid JSON.")
    return _("Invalid value.")


def field_errors(
    errors: Sequence[Mapping[str, Any]], *, skip: tuple[str, ...] = ("body", "payload", "query", "q", "path")
) -> list[FieldError]:
    """`errors` is pydantic's `exc.errors()`; locations become dotted paths such as `applicants.0.email`."""
    result = []
    for error in errors:
        loc = [str(p) for p in error.get("loc", ())]
        while len(loc) > 1 and loc[0] in skip:  # a field may itself be called `q`
            loc = loc[1:]
        result.append(FieldError(".".join(loc), _message(error), error.get("type", "invalid")))
    return result
