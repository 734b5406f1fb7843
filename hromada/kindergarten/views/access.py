"""Who reaches an application's status page on the portal: the parent who filed it (signed in), or a
browser that proved its code by the lookup (the number is remembered in the session). Anyone else
gets 404 — whether such a number exists is never said. Staff see applications in the workspace; on
the portal a staff account is a visitor like any other."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from hromada.kindergarten.models import Application, Institution

#: The numbers whose code this session proved (the lookup), newest last.
LOOKUPS = "kindergarten_lookups"
#: {"number", "code"} of the application just filed: shown once on the receipt page, then dropped.
FILED = "kindergarten_filed"
#: How many looked-up numbers a session remembers (a family has a few children, not hundreds).
REMEMBERED = 10


def remember_lookup(request: HttpRequest, number: str) -> None:
    numbers = [n for n in request.session.get(LOOKUPS, []) if n != number]
    request.session[LOOKUPS] = [*numbers, number][-REMEMBERED:]


def is_owner(request: HttpRequest, application: Application) -> bool:
    user = request.user
    return bool(
        user.is_authenticated
        and user.is_active
        and application.filed_by_id is not None
        and application.filed_by_id == user.pk
    )


def _by_number(number: str) -> Application:
    found = (
        Application.objects.select_related("offer_preference__institution", "enrolled_group__institution")
        .filter(number=number)
        .first()
    )
    if found is None:
        raise Http404
    return found


def viewable(request: HttpRequest, number: str) -> Application:
    """The application behind the status page, or 404."""
    found = _by_number(number)
    if is_owner(request, found) or number in request.session.get(LOOKUPS, []):
        return found
    raise Http404


def owned(request: HttpRequest, number: str) -> Application:
    """The application its signed-in parent acts on (change, cancel, answer an offer), or 404."""
    found = _by_number(number)
    if not is_owner(request, found):
        raise Http404
    return found


def institution_choices() -> list[tuple[int, str]]:
    """The active institutions for the selects of preference."""
    return list(Institution.objects.filter(active=True).order_by("name", "pk").values_list("pk", "name"))


def all_institution_choices() -> list[tuple[int, str]]:
    """Every institution, for the staff list's filter."""
    return list(Institution.objects.order_by("name", "pk").values_list("pk", "name"))


def as_input_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    """The form's cleaned data as ApplicationInput's fields."""
    names = (
        "child_surname",
        "child_name",
        "child_patronymic",
        "birth_date",
        "sex",
        "certificate_series",
        "certificate_number",
        "parent_name",
        "parent_phone",
        "parent_email",
        "parent_address",
        "registered_in_community",
        "school_year",
        "start_month",
        "benefit",
        "institution_ids",
    )
    return {name: data[name] for name in names}
