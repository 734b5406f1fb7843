"""Сторінки працівників управління освіти: the list of applications with filters, the paper filing
form, and the application's card (all personal data, positions, history) with its actions — the
benefit confirmed or refused, cancelling, and the parent's answer to an offer given on paper.

Only the queue's managers (permissions.QUEUE_ROLES) open these pages; every other staff role gets
403. Each action posts to its own URL, calls one service and redirects to the card (PRG); a refusal
re-renders the card with the error and its status (422 a field, 409 a state)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.core import paging
from hromada.core.errors import DomainError
from hromada.core.forms import add_domain_error
from hromada.kindergarten import selectors, services
from hromada.kindergarten.forms.public import ApplicationForm, CancelForm, preference_names
from hromada.kindergarten.forms.staff import ApplicationFilterForm, BenefitForm
from hromada.kindergarten.models import (
    QUEUED_STATUSES,
    Application,
    ApplicationStatus,
    Benefit,
    BenefitStatus,
)
from hromada.kindergarten.permissions import QUEUE_ROLES
from hromada.kindergarten.views.access import all_institution_choices, as_input_kwargs, institution_choices
from hromada.kindergarten.views.public_application import ALIASES, history_rows

#: Applications per page of the list.
PAGE_SIZE = 50


def _status(exc: DomainError) -> int:
    return exc.status if exc.status >= 400 else 422


def card_url(application: Application) -> str:
    return reverse("kindergarten:card", args=[application.pk])


@role_required(*QUEUE_ROLES)
@require_GET
def applications(request: StaffRequest) -> HttpResponse:
    """Заяви: search by number, child's surname or certificate; filters by status, institution and
    the benefit's check; 50 a page."""
    form = ApplicationFilterForm(request.GET, institutions=all_institution_choices())
    if not form.is_valid():
        context: dict[str, Any] = {"form": form, "page": None}
        return render(request, "kindergarten/staff/applications.html", context, status=400)
    data = form.cleaned_data
    rows = selectors.applications_for_staff(
        actor=request.user,
        query=data["q"].strip(),
        status=data["status"],
        institution_id=data["institution"],
        benefit_status=data["benefit_status"],
    )
    query = {k: v for k, v in request.GET.dict().items() if v}
    context = {"form": form, **paging.paged(request, rows, PAGE_SIZE, query=query).context()}
    return render(request, "kindergarten/staff/applications.html", context)


@role_required(*QUEUE_ROLES)
@require_http_methods(["GET", "POST"])
def new_application(request: StaffRequest) -> HttpResponse:
    """A paper application, typed in by staff (filed_by stays empty; the code is shown here once, to
    hand to the parent)."""
    template = "kindergarten/staff/application_new.html"
    institutions = institution_choices()
    if request.method != "POST":
        form = ApplicationForm(institutions=institutions)
        return render(request, template, {"form": form, "preferences": preference_names()})
    form = ApplicationForm(request.POST, institutions=institutions)
    status = 422
    if form.is_valid():
        data = services.ApplicationInput(**as_input_kwargs(form.cleaned_data))
        try:
            filed = services.file_application(actor=request.user, data=data, on_paper=True)
        except DomainError as exc:
            add_domain_error(form, exc, aliases=ALIASES)
            status = _status(exc)
        else:
            messages.success(
                request,
                _("Application %(number)s is filed. Its code for the parent: %(code)s (shown only now).")
                % {"number": filed.application.number, "code": filed.code},
            )
            return redirect(card_url(filed.application))
    return render(request, template, {"form": form, "preferences": preference_names()}, status=status)


def _application(application_id: int) -> Application:
    found = (
        Application.objects.select_related(
            "filed_by", "offer_preference__institution", "enrolled_group__institution"
        )
        .filter(pk=application_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _render_card(
    request: StaffRequest,
    application: Application,
    *,
    status: int = 200,
    benefit_form: BenefitForm | None = None,
    cancel_form: CancelForm | None = None,
    error: str = "",
) -> HttpResponse:
    queued = application.status in QUEUED_STATUSES
    context = {
        "application": application,
        "preferences": list(
            application.preferences.select_related("institution", "age_group").order_by("rank")
        ),
        "positions": selectors.positions_of(application) if queued else [],
        "history": history_rows(application),
        "can_decide_benefit": queued and application.benefit != Benefit.NONE,
        "benefit_pending": application.benefit_status == BenefitStatus.CLAIMED,
        "benefit_form": benefit_form or BenefitForm(),
        "cancel_form": cancel_form or CancelForm(),
        "can_cancel": queued,
        "offered": application.status == ApplicationStatus.OFFERED,
        "error": error,
    }
    return render(request, "kindergarten/staff/card.html", context, status=status)


@role_required(*QUEUE_ROLES)
@require_GET
def card(request: StaffRequest, application_id: int) -> HttpResponse:
    """Картка заяви: the child, the parent, the certificate, the preferences with positions, the
    history, and the actions."""
    return _render_card(request, _application(application_id))


@role_required(*QUEUE_ROLES)
@require_POST
def benefit(request: StaffRequest, application_id: int) -> HttpResponse:
    """The benefit's document checked: confirm (the positions move up) or refuse (with the reason)."""
    found = _application(application_id)
    form = BenefitForm(request.POST)
    if not form.is_valid():
        return _render_card(request, found, status=422, benefit_form=form)
    note = form.cleaned_data["note"].strip()
    try:
        if form.cleaned_data["decision"] == "confirm":
            services.confirm_benefit(actor=request.user, application=found, note=note)
            messages.success(request, _("The benefit is confirmed; the positions are recomputed."))
        else:
            services.refuse_benefit(actor=request.user, application=found, note=note)
            messages.success(
                request, _("The benefit is refused; the application stands in the general queue.")
            )
    except DomainError as exc:
        add_domain_error(form, exc)
        return _render_card(request, found, status=_status(exc), benefit_form=form)
    return redirect(card_url(found))


@role_required(*QUEUE_ROLES)
@require_POST
def cancel(request: StaffRequest, application_id: int) -> HttpResponse:
    """Cancel the application (the parent withdrew it on paper, or the data proved false)."""
    found = _application(application_id)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _render_card(request, found, status=422, cancel_form=form)
    try:
        services.cancel_application(actor=request.user, application=found, note=form.cleaned_data["note"])
    except DomainError as exc:
        add_domain_error(form, exc)
        return _render_card(request, found, status=_status(exc), cancel_form=form)
    messages.success(request, _("The application is cancelled."))
    return redirect(card_url(found))


@role_required(*QUEUE_ROLES)
@require_POST
def accept(request: StaffRequest, application_id: int) -> HttpResponse:
    """The parent accepted the offered place on paper or by phone: enrolled."""
    found = _application(application_id)
    try:
        services.accept_offer(actor=request.user, application=found)
    except DomainError as exc:
        return _render_card(request, found, status=_status(exc), error=str(exc.message))
    messages.success(request, _("The place is accepted: the child is enrolled."))
    return redirect(card_url(found))


@role_required(*QUEUE_ROLES)
@require_POST
def decline(request: StaffRequest, application_id: int) -> HttpResponse:
    """The parent declined the offered place: back in the other queues."""
    found = _application(application_id)
    try:
        services.decline_offer(actor=request.user, application=found)
    except DomainError as exc:
        return _render_card(request, found, status=_status(exc), error=str(exc.message))
    messages.success(request, _("The offer is declined."))
    return redirect(card_url(found))
