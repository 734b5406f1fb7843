"""The centre's hall for its administrators (адміністратор ЦНАП): the desk (check-in, walk-in
tickets, the day's list), a window's page (call next, served / not present / redirected) and the
statistics. Thin: each form calls one service; a refusal comes back onto the page with its status
(404 unknown code, 409 a wrong state or a busy window, 422 a bad field); success redirects (PRG)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.core import clock
from hromada.core.errors import DomainError
from hromada.core.forms import add_domain_error
from hromada.receptions.forms.centre_staff import CheckInForm, FinishForm, PeriodForm, TicketForm
from hromada.receptions.models import QueueTicket, Window
from hromada.receptions.permissions import CENTRE_ROLES
from hromada.receptions.selectors import queue as selectors
from hromada.receptions.services import queue as services


def _desk(
    request: StaffRequest,
    *,
    check_in: CheckInForm | None = None,
    ticket: TicketForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = clock.today()
    context = {
        "today": today,
        "check_in_form": check_in or CheckInForm(),
        "ticket_form": ticket or TicketForm(),
        "bookings": selectors.desk_bookings(today),
        "waiting": selectors.waiting_tickets(today),
        "windows": selectors.open_windows(),
    }
    return render(request, "receptions/staff/centre_desk.html", context, status=status)


def _issued(request: StaffRequest, ticket: QueueTicket) -> HttpResponse:
    names = {"label": ticket.label, "service": ticket.service.name}
    if ticket.booking_id and ticket.due_at is None:
        messages.warning(
            request, _("Late: the booked time is lost; ticket %(label)s joins the live queue.") % names
        )
    else:
        messages.success(request, _("Ticket %(label)s: %(service)s.") % names)
    return redirect("receptions:centre-desk")


@role_required(*CENTRE_ROLES)
@require_GET
def centre_desk(request: StaffRequest) -> HttpResponse:
    """The desk of the day: check-in by code, a walk-in's ticket, bookings and the waiting list."""
    return _desk(request)


@role_required(*CENTRE_ROLES)
@require_POST
def centre_check_in(request: StaffRequest) -> HttpResponse:
    form = CheckInForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            ticket = services.check_in(code=form.cleaned_data["code"], actor=request.user)
        except DomainError as exc:
            add_domain_error(form, exc)
            status = exc.status
        else:
            return _issued(request, ticket)
    return _desk(request, check_in=form, status=status)


@role_required(*CENTRE_ROLES)
@require_POST
def centre_ticket(request: StaffRequest) -> HttpResponse:
    form = TicketForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            ticket = services.take_ticket(service=form.cleaned_data["service"], actor=request.user)
        except DomainError as exc:
            add_domain_error(form, exc)
            status = exc.status
        else:
            return _issued(request, ticket)
    return _desk(request, ticket=form, status=status)


def _window(window_id: int) -> Window:
    window = Window.objects.filter(pk=window_id).first()
    if window is None:
        raise Http404
    return window


def _window_page(
    request: StaffRequest,
    window: Window,
    *,
    finish: FinishForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    called = selectors.window_ticket(window)
    context: dict[str, Any] = {
        "window": window,
        "called": called,
        "visitor": called.booking if called else None,
        "finish_form": finish or FinishForm(),
        "waiting": selectors.waiting_for(window, clock.today()),
        "error": error,
    }
    return render(request, "receptions/staff/centre_window.html", context, status=status)


@role_required(*CENTRE_ROLES)
@require_GET
def centre_window(request: StaffRequest, window_id: int) -> HttpResponse:
    """An administrator's window: the called visitor, the outcome buttons and "call next"."""
    return _window_page(request, _window(window_id))


@role_required(*CENTRE_ROLES)
@require_POST
def centre_call(request: StaffRequest, window_id: int) -> HttpResponse:
    window = _window(window_id)
    try:
        ticket = services.call_next(window=window, actor=request.user)
    except DomainError as exc:
        return _window_page(request, window, error=str(exc.message), status=exc.status)
    if ticket is None:
        messages.info(request, _("Nobody is waiting for this window's services."))
    else:
        messages.success(request, _("Called %(label)s.") % {"label": ticket.label})
    return redirect("receptions:centre-window", window_id=window.pk)


@role_required(*CENTRE_ROLES)
@require_POST
def centre_finish(request: StaffRequest, ticket_id: int) -> HttpResponse:
    ticket = QueueTicket.objects.select_related("window").filter(pk=ticket_id).first()
    if ticket is None or ticket.window is None:
        raise Http404
    form = FinishForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            services.finish_ticket(
                ticket=ticket,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                to_service=form.cleaned_data["to_service"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
            status = exc.status
        else:
            messages.success(request, _("The visit of %(label)s is finished.") % {"label": ticket.label})
            return redirect("receptions:centre-window", window_id=ticket.window.pk)
    return _window_page(request, ticket.window, finish=form, status=status)


@role_required(*CENTRE_ROLES)
@require_GET
def centre_statistics(request: StaffRequest) -> HttpResponse:
    """Bookings, served, no-shows and the average wait per day and service (this month by default)."""
    start, end = selectors.default_period(clock.today())
    form = PeriodForm(request.GET or {"start": start, "end": end})
    if not form.is_valid():
        context = {"form": form, "rows": [], "totals": None}
        return render(request, "receptions/staff/centre_statistics.html", context, status=400)
    rows = selectors.day_statistics(form.cleaned_data["start"], form.cleaned_data["end"])
    context = {"form": form, "rows": rows, "totals": selectors.statistics_totals(rows)}
    return render(request, "receptions/staff/centre_statistics.html", context)
