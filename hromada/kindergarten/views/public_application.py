"""The parent's pages of one application: filing it (signed-in residents), the receipt with the
number and the code (shown once), the status page (positions, their history, the benefit, the offer)
and the parent's actions: change the preferred institutions, cancel, accept or decline an offer.

Every page of an application is private (no-store) and answers 404 to anyone but the parent who
filed it or a browser that proved its code (views/access.py). The actions are the signed-in
parent's; a paper application's parent answers through the education department. Each action calls
one service and redirects to the status page (PRG); a refusal re-renders with its status."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hromada.accounts.models import User
from hromada.core.errors import DomainError
from hromada.core.forms import add_domain_error
from hromada.core.pages import private
from hromada.kindergarten import selectors, services
from hromada.kindergarten.forms.public import (
    BENEFIT_HELP,
    ApplicationForm,
    CancelForm,
    PreferencesForm,
    preference_names,
)
from hromada.kindergarten.models import QUEUED_STATUSES, Application, ApplicationStatus, Benefit
from hromada.kindergarten.views.access import (
    FILED,
    as_input_kwargs,
    institution_choices,
    is_owner,
    owned,
    remember_lookup,
    viewable,
)
from hromada.residents.decorators import resident_required
from hromada.residents.models import Resident

#: The service's field → the form's field.
ALIASES = {"institutions": "institution_1", "institution_ids": "institution_1"}


def _status_url(application: Application) -> str:
    return reverse("portal:kindergarten-application", args=[application.number])


def _initial(resident: Resident) -> dict[str, Any]:
    return {
        "parent_name": resident.full_name,
        "parent_email": resident.email,
        "parent_address": resident.address,
    }


def _parent(request: HttpRequest) -> User:
    """The signed-in parent (views.access.owned let only them through)."""
    return cast(User, request.user)


def _status(exc: DomainError) -> int:
    return exc.status if exc.status >= 400 else 422


@resident_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, resident: Resident) -> HttpResponse:
    """Подати заяву: the child, the parent, up to N institutions in order, the start, the benefit."""
    template = "kindergarten/public/apply.html"
    institutions = institution_choices()
    if request.method != "POST":
        form = ApplicationForm(institutions=institutions, initial=_initial(resident))
        return render(request, template, {"form": form, "preferences": preference_names()})
    form = ApplicationForm(request.POST, institutions=institutions)
    status = 422
    if form.is_valid():
        data = services.ApplicationInput(**as_input_kwargs(form.cleaned_data))
        try:
            filed = services.file_application(actor=resident.user, data=data)
        except DomainError as exc:
            add_domain_error(form, exc, aliases=ALIASES)
            status = _status(exc)
        else:
            number = str(filed.application.number)
            request.session[FILED] = {"number": number, "code": filed.code}
            remember_lookup(request, number)
            return redirect("portal:kindergarten-filed")
    return render(request, template, {"form": form, "preferences": preference_names()}, status=status)


@require_GET
def filed(request: HttpRequest) -> HttpResponse:
    """The receipt: the number and the code, once (a reload shows the status page instead)."""
    receipt = request.session.pop(FILED, None)
    if not receipt:
        return redirect("portal:kindergarten")
    context = {"number": receipt["number"], "code": receipt["code"]}
    return private(render(request, "kindergarten/public/filed.html", context))


def history_rows(application: Application) -> list[dict[str, Any]]:
    rows = []
    for change in selectors.position_history(application):
        group = change.age_group
        rows.append(
            {
                "at": change.at,
                "institution": group.institution.name,
                "old": change.old_position,
                "new": change.new_position,
                "reason": change.get_reason_display(),
                "note": change.note,
            }
        )
    return rows


def status_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    owner = is_owner(request, application)
    queued = application.status in QUEUED_STATUSES
    offered = application.status == ApplicationStatus.OFFERED
    return {
        "application": application,
        "positions": selectors.positions_of(application) if queued else [],
        "history": history_rows(application),
        "benefit_help": BENEFIT_HELP[Benefit(application.benefit)],
        "owner": owner,
        "can_change": owner and application.status == ApplicationStatus.ACTIVE,
        "can_cancel": owner and queued,
        "can_answer": owner and offered,
        "offered": offered,
    }


def _render_status(
    request: HttpRequest, application: Application, *, status: int = 200, error: str = ""
) -> HttpResponse:
    context = {**status_context(request, application), "error": error}
    return private(render(request, "kindergarten/public/application.html", context, status=status))


@require_GET
def application(request: HttpRequest, number: str) -> HttpResponse:
    """Стан заяви: the positions in each chosen institution with the queue's length, the history of
    the positions with reasons, the benefit, the offer with its deadline, and the actions."""
    return _render_status(request, viewable(request, number))


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, number: str) -> HttpResponse:
    """Змінити бажані заклади (the order is the order of the selects)."""
    found = owned(request, number)
    template = "kindergarten/public/preferences.html"
    institutions = institution_choices()
    if request.method != "POST":
        current = list(found.preferences.order_by("rank").values_list("institution_id", flat=True))
        initial = dict(zip(preference_names(), current, strict=False))
        form = PreferencesForm(institutions=institutions, initial=initial)
        return private(render(request, template, {"application": found, "form": form}))
    form = PreferencesForm(request.POST, institutions=institutions)
    status = 422
    if form.is_valid():
        try:
            services.change_preferences(
                actor=_parent(request),
                application=found,
                institution_ids=form.cleaned_data["institution_ids"],
            )
        except DomainError as exc:
            add_domain_error(form, exc, aliases=ALIASES)
            status = _status(exc)
        else:
            messages.success(
                request, _("The preferred institutions are changed; the positions are recomputed.")
            )
            return redirect(_status_url(found))
    return private(render(request, template, {"application": found, "form": form}, status=status))


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, number: str) -> HttpResponse:
    """Відкликати заяву: GET asks to confirm, POST cancels (the application leaves every queue)."""
    found = owned(request, number)
    template = "kindergarten/public/cancel.html"
    if request.method != "POST":
        return private(render(request, template, {"application": found, "form": CancelForm()}))
    form = CancelForm(request.POST)
    if not form.is_valid():
        return private(render(request, template, {"application": found, "form": form}, status=422))
    try:
        services.cancel_application(
            actor=_parent(request),
            application=found,
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        add_domain_error(form, exc)
        return private(render(request, template, {"application": found, "form": form}, status=_status(exc)))
    messages.success(request, _("The application is cancelled."))
    return redirect(_status_url(found))


@require_POST
def accept(request: HttpRequest, number: str) -> HttpResponse:
    """Прийняти пропозицію місця: enrolled; the application leaves the other queues."""
    found = owned(request, number)
    try:
        services.accept_offer(actor=_parent(request), application=found)
    except DomainError as exc:
        return _render_status(request, found, status=_status(exc), error=str(exc.message))
    messages.success(request, _("The place is accepted: the child is enrolled."))
    return redirect(_status_url(found))


@require_POST
def decline(request: HttpRequest, number: str) -> HttpResponse:
    """Відмовитися від місця: back in the other queues (without this institution)."""
    found = owned(request, number)
    try:
        services.decline_offer(actor=_parent(request), application=found)
    except DomainError as exc:
        return _render_status(request, found, status=_status(exc), error=str(exc.message))
    messages.success(request, _("The offer is declined."))
    return redirect(_status_url(found))
