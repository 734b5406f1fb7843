"""The centre's live queue (жива черга ЦНАП) in the JSON API.

Public, no account (/api/v1/public/receptions/queue): the hall board and "how many are ahead of me"
by a ticket's or a booking's code (rate-limited like a look-up). Staff (/api/v1/receptions): check-in
by code, a walk-in's ticket, calling the next visitor to a window, the outcome of a call and the day
statistics — for the centre's administrators only (403 for a registrar and every other role).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from hromada.accounts.http import ApiRequest
from hromada.core import clock
from hromada.core.api_types import ErrorOut, FieldErrorOut, ObjectId
from hromada.core.errors import FieldError, NotFound, ValidationFailed
from hromada.receptions.api import limits
from hromada.receptions.api.centre import centre_worker
from hromada.receptions.api.schemas_queue import (
    QueueAheadOut,
    QueueBoardOut,
    QueueCalledNextOut,
    QueueCheckInIn,
    QueueCodeQuery,
    QueueFinishedOut,
    QueueFinishIn,
    QueuePeriodQuery,
    QueueStatisticsOut,
    QueueTakeIn,
    QueueTicketOut,
)
from hromada.receptions.models import CentreService, QueueTicket, Window
from hromada.receptions.selectors import queue as selectors
from hromada.receptions.services import queue as services

router = Router(tags=["receptions"])
public_router = Router(tags=["receptions (public)"], auth=None)

STAFF: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: list[FieldErrorOut]}
STAFF_CHANGE: dict[int, Any] = {**STAFF, 409: ErrorOut}
#: The longest period of the statistics one request may ask for (a year and a day).
STATISTICS_DAYS = 366


def _ticket_out(t: QueueTicket) -> dict[str, Any]:
    return {
        "id": t.pk,
        "label": t.label,
        "code": t.code,
        "service_id": t.service_id,
        "service_name": t.service.name,
        "status": t.status,
        "status_label": str(t.get_status_display()),
        "window": t.window.number if t.window else None,
        "booking_code": t.booking.code if t.booking else None,
        "due_at": t.due_at,
        "issued_at": t.issued_at,
        "called_at": t.called_at,
        "finished_at": t.finished_at,
    }


def _fresh(ticket_id: int) -> QueueTicket:
    return QueueTicket.objects.select_related("service", "window", "booking").get(pk=ticket_id)


def _renamed(error: ValidationFailed, names: dict[str, str]) -> ValidationFailed:
    """The service's field names as this API's body spells them (`service` → `service_id`)."""
    return ValidationFailed(
        [FieldError(names.get(e.field, e.field), e.message, e.code) for e in error.errors]
    )


def _service(service_id: int, field: str) -> CentreService:
    service = CentreService.objects.filter(pk=service_id).first()
    if service is None:
        raise NotFound(_("No such service."), field=field)
    return service


# --- Public ---------------------------------------------------------------------------------------


@public_router.get(
    "/queue/board",
    response=QueueBoardOut,
    summary="The hall board: numbers called and their windows",
    operation_id="receptions_queue_board",
)
def board(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """Today's last called numbers (most recent first) and how many wait; polled by displays."""
    today = clock.today()
    response["Cache-Control"] = "no-store"
    return {"day": today, **selectors.hall_board(today)}


@public_router.get(
    "/queue/ahead",
    response={200: QueueAheadOut, 404: ErrorOut, 422: list[FieldErrorOut], 429: ErrorOut},
    summary="How many are ahead of me",
    operation_id="receptions_queue_ahead",
)
def ahead(request: HttpRequest, query: Query[QueueCodeQuery], response: HttpResponse) -> dict[str, Any]:
    """By today's ticket code or booking code; 404 for an unknown code or another day's."""
    limits.lookup(request)
    found = selectors.ahead_of(query.code)
    if found is None:
        raise NotFound(_("No ticket with this code today."), field="code")
    response["Cache-Control"] = "no-store"
    return found


# --- Staff ----------------------------------------------------------------------------------------


@router.post(
    "/centre/check-in",
    response={200: QueueTicketOut, **STAFF_CHANGE},
    summary="Check a booked visitor in by code",
    operation_id="receptions_centre_check_in",
)
def check_in(request: ApiRequest, payload: QueueCheckInIn) -> dict[str, Any]:
    """On time: the visitor keeps the booked time (З); late past the setting: the live queue (Ч).
    A second check-in shows the same ticket. 422 `not_today`; 409 a booking no longer bookable."""
    centre_worker(request.auth)
    ticket = services.check_in(code=payload.code, actor=request.auth)
    return _ticket_out(_fresh(ticket.pk))


@router.post(
    "/queue/tickets",
    response={201: QueueTicketOut, **STAFF_CHANGE},
    summary="Take a live-queue ticket for a walk-in",
    operation_id="receptions_queue_take_ticket",
)
def take_ticket(request: ApiRequest, payload: QueueTakeIn) -> Status[dict[str, Any]]:
    centre_worker(request.auth)
    service = _service(payload.service_id, "service_id")
    try:
        ticket = services.take_ticket(service=service, actor=request.auth)
    except ValidationFailed as error:
        raise _renamed(error, {"service": "service_id"}) from None
    return Status(201, _ticket_out(_fresh(ticket.pk)))


@router.post(
    "/queue/windows/{int:window_id}/call-next",
    response={200: QueueCalledNextOut, **STAFF_CHANGE},
    summary="Call the next visitor to a window",
    operation_id="receptions_queue_call_next",
)
def call_next(request: ApiRequest, window_id: ObjectId) -> dict[str, Any]:
    """Booked visitors at their time first, then the live queue; `ticket` null when nobody waits.
    409 while the window still serves a called visitor."""
    centre_worker(request.auth)
    window = Window.objects.filter(pk=window_id, is_active=True).first()
    if window is None:
        raise NotFound(_("No such window."), field="window_id")
    ticket = services.call_next(window=window, actor=request.auth)
    return {"ticket": _ticket_out(_fresh(ticket.pk)) if ticket is not None else None}


@router.post(
    "/queue/tickets/{int:ticket_id}/finish",
    response={200: QueueFinishedOut, **STAFF_CHANGE},
    summary="Finish a called visitor's visit",
    operation_id="receptions_queue_finish",
)
def finish(request: ApiRequest, ticket_id: ObjectId, payload: QueueFinishIn) -> dict[str, Any]:
    """Served, not present, or redirected to `to_service_id` (a new waiting ticket, first of the live
    queue there). 409 `wrong_status` unless the ticket is called; 422 a redirect without a service."""
    centre_worker(request.auth)
    ticket = QueueTicket.objects.filter(pk=ticket_id).first()
    if ticket is None:
        raise NotFound(_("No such ticket."), field="ticket_id")
    to_service = None
    if payload.to_service_id is not None:
        to_service = _service(payload.to_service_id, "to_service_id")
    try:
        services.finish_ticket(
            ticket=ticket, actor=request.auth, outcome=payload.outcome, to_service=to_service
        )
    except ValidationFailed as error:
        raise _renamed(error, {"to_service": "to_service_id"}) from None
    new = QueueTicket.objects.filter(redirected_from=ticket).values_list("pk", flat=True).first()
    return {
        "ticket": _ticket_out(_fresh(ticket.pk)),
        "redirected_to": _ticket_out(_fresh(new)) if new is not None else None,
    }


def _period(query: QueuePeriodQuery) -> tuple[dt.date, dt.date]:
    first, last = selectors.default_period(clock.today())
    start, end = query.start or first, query.end or last
    if end < start:
        raise ValidationFailed([FieldError("end", _("The end is before the start."), "order")])
    if (end - start).days >= STATISTICS_DAYS:
        raise ValidationFailed([FieldError("end", _("Ask for a year at most."), "too_long")])
    return start, end


@router.get(
    "/queue/statistics",
    response={200: QueueStatisticsOut, **STAFF},
    summary="The centre's statistics per day and service",
    operation_id="receptions_queue_statistics",
)
def statistics(request: ApiRequest, query: Query[QueuePeriodQuery]) -> dict[str, Any]:
    """Bookings, served, no-shows, cancelled, live tickets and the average wait; this month by default."""
    centre_worker(request.auth)
    start, end = _period(query)
    rows = selectors.day_statistics(start, end)
    return {"start": start, "end": end, "rows": rows, "totals": selectors.statistics_totals(rows)}
