"""The centre's hall in public: the kiosk (check-in by code, a walk-in's ticket), the ticket page,
the hall display (htmx polling of a fragment) and "how many are ahead of me" by code.

The kiosk's posts are rate-limited per browser and, more generously, per address
(`ratelimit.check_page` is kind to a shared terminal), so a script cannot flood the queue.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hromada.core import clock, ratelimit
from hromada.core.errors import DomainError, NotFound
from hromada.core.forms import add_domain_error
from hromada.receptions.forms.queue_public import CodeForm, KioskTicketForm
from hromada.receptions.limits import kiosk_limit
from hromada.receptions.models import QueueTicket
from hromada.receptions.selectors import queue as selectors
from hromada.receptions.services import queue as services

#: How many hall numbers the display shows.
BOARD_SIZE = 8


def _kiosk(
    request: HttpRequest,
    *,
    code_form: CodeForm | None = None,
    ticket_form: KioskTicketForm | None = None,
    status: int = 200,
) -> HttpResponse:
    ticket_form = ticket_form or KioskTicketForm()
    context = {
        "code_form": code_form or CodeForm(),
        "ticket_form": ticket_form,
        "catalogue": ticket_form.catalogue(),
    }
    return render(request, "receptions/public/queue_kiosk.html", context, status=status)


def _issue(request: HttpRequest) -> QueueTicket | HttpResponse:
    """Check in by code, or take a ticket for the chosen service: the ticket, or the page again."""
    if "code" in request.POST:
        code_form = CodeForm(request.POST)
        if not code_form.is_valid():
            return _kiosk(request, code_form=code_form, status=422)
        try:
            return services.check_in(code=code_form.cleaned_data["code"])
        except DomainError as exc:
            add_domain_error(code_form, exc)
            return _kiosk(request, code_form=code_form, status=exc.status)
    ticket_form = KioskTicketForm(request.POST)
    if not ticket_form.is_valid():
        return _kiosk(request, ticket_form=ticket_form, status=422)
    try:
        return services.take_ticket(service=ticket_form.cleaned_data["service"])
    except DomainError as exc:
        add_domain_error(ticket_form, exc)
        return _kiosk(request, ticket_form=ticket_form, status=exc.status)


@require_http_methods(["GET", "POST"])
def centre_kiosk(request: HttpRequest) -> HttpResponse:
    """The hall's touch screen: "I have a booking" or "take a ticket"; success → the ticket page."""
    if request.method != "POST":
        return _kiosk(request)
    limit = kiosk_limit()
    ratelimit.check_page(limit, request)
    issued = _issue(request)
    ratelimit.hit_page(limit, request)
    if isinstance(issued, HttpResponse):
        return issued
    return redirect("portal:centre-ticket-page", code=issued.code)


@require_GET
def centre_ticket_page(request: HttpRequest, code: str) -> HttpResponse:
    """The ticket (талон): its label in huge type, the service, how many are ahead, "print"."""
    ticket = selectors.ticket_by_code(code)
    if ticket is None:
        raise Http404
    context = {"ticket": ticket, "ahead": selectors.ahead_of(ticket.code)}
    return render(request, "receptions/public/queue_ticket.html", context)


@require_GET
def centre_hall(request: HttpRequest) -> HttpResponse:
    """The hall display: the last numbers called and their windows, refreshed every 5 s by htmx."""
    context = {"board": selectors.hall_board(clock.today(), limit=BOARD_SIZE)}
    return render(request, "receptions/public/queue_hall.html", context)


@require_GET
def centre_hall_board(request: HttpRequest) -> HttpResponse:
    """The display's list alone (what htmx swaps in)."""
    context = {"board": selectors.hall_board(clock.today(), limit=BOARD_SIZE)}
    return render(request, "receptions/public/queue_hall_board.html", context)


AHEAD_PAGE = "receptions/public/queue_ahead.html"


@require_GET
def centre_ahead(request: HttpRequest) -> HttpResponse:
    """The page "how many are ahead of me", by a ticket's or a booking's code (today's)."""
    if "code" not in request.GET:
        return render(request, AHEAD_PAGE, {"form": CodeForm(), "found": None})
    form = CodeForm(request.GET)
    if not form.is_valid():
        return render(request, AHEAD_PAGE, {"form": form, "found": None}, status=422)
    found = selectors.ahead_of(form.cleaned_data["code"])
    if found is None:
        message = _("No ticket of today with this code. A booked visitor checks in at the kiosk first.")
        add_domain_error(form, NotFound(message, field="code"))
        return render(request, AHEAD_PAGE, {"form": form, "found": None}, status=404)
    return render(request, AHEAD_PAGE, {"form": form, "found": found})
