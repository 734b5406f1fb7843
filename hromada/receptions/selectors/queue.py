"""Reads of the live queue (жива черга): the hall display, "how many are ahead of me" and the
centre's statistics per day and service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, F, Q

from hromada.core import clock
from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    CentreService,
    QueueTicket,
    TicketStatus,
    Window,
)
from hromada.receptions.services.queue import live_order, normalise_code


def hall_board(day: dt.date, *, limit: int = 8) -> dict[str, Any]:
    """The hall display: the last called numbers with their windows (most recent first) and how
    many visitors wait."""
    called = (
        QueueTicket.objects.filter(day=day, called_at__isnull=False)
        .select_related("window")
        .order_by("-called_at", "-number")[:limit]
    )
    waiting = QueueTicket.objects.filter(day=day, status=TicketStatus.WAITING).count()
    return {
        "called": [
            {"label": t.label, "window": t.window.number if t.window else "", "called_at": t.called_at}
            for t in called
        ],
        "waiting": waiting,
    }


def _ticket_of(code: str, day: dt.date) -> QueueTicket | None:
    rows = QueueTicket.objects.select_related("service", "window").filter(day=day)
    ticket = rows.filter(code=code).first()
    if ticket is None:
        ticket = rows.filter(booking__code=code).first()
    return ticket


def _ahead(ticket: QueueTicket) -> int:
    """An estimate: who would be called before this ticket at a window serving its service."""
    if ticket.status != TicketStatus.WAITING:
        return 0
    waiting = QueueTicket.objects.filter(
        day=ticket.day, status=TicketStatus.WAITING, service_id=ticket.service_id
    ).exclude(pk=ticket.pk)
    if ticket.due_at is not None:
        before = Q(due_at__lt=ticket.due_at) | Q(due_at=ticket.due_at, number__lt=ticket.number)
        return waiting.filter(before).count()
    booked_due = Q(due_at__isnull=False, due_at__lte=clock.now())
    live = Q(due_at__isnull=True)
    if ticket.redirected_from_id:
        live &= Q(redirected_from__isnull=False, number__lt=ticket.number)
    else:
        live &= Q(redirected_from__isnull=False) | Q(number__lt=ticket.number)
    return waiting.filter(booked_due | live).count()


def ahead_of(code: str) -> dict[str, Any] | None:
    """For a ticket code or a booking code of today: the ticket, its state and how many are ahead."""
    clean = normalise_code(code)
    if not clean:
        return None
    ticket = _ticket_of(clean, clock.today())
    if ticket is None:
        return None
    return {
        "label": ticket.label,
        "service": ticket.service.name,
        "status": ticket.status,
        "ahead": _ahead(ticket),
        "window": ticket.window.number if ticket.window and ticket.status == TicketStatus.CALLED else None,
    }


def ticket_by_code(code: str) -> QueueTicket | None:
    """The kiosk's ticket page: a ticket by its own code (any day; the page shows its day)."""
    clean = normalise_code(code)
    if not clean:
        return None
    return QueueTicket.objects.select_related("service", "window").filter(code=clean).first()


def _row(day: dt.date, service: CentreService) -> dict[str, Any]:
    return {
        "day": day,
        "service": service.name,
        "service_id": service.pk,
        "booked": 0,
        "served": 0,
        "no_show": 0,
        "cancelled": 0,
        "live": 0,
        "called": 0,
        "wait_minutes": 0.0,
        "average_wait": None,
    }


def _bookings(start: dt.date, end: dt.date) -> Iterable[Mapping[str, Any]]:
    return (
        CentreBooking.objects.filter(day__gte=start, day__lte=end)
        .values("day", "service_id")
        .annotate(
            booked=Count("pk", filter=~Q(status=CentreBookingStatus.CANCELLED)),
            no_show=Count("pk", filter=Q(status=CentreBookingStatus.NO_SHOW)),
            cancelled=Count("pk", filter=Q(status=CentreBookingStatus.CANCELLED)),
        )
        .order_by()
    )


def day_statistics(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Per day and service: bookings (without cancelled), served visitors, no-shows, cancelled,
    live tickets (walk-ins and late bookers; a redirection is not a new visitor) and the average
    wait in minutes (issued, or due for a booked visitor, → called)."""
    services = {s.pk: s for s in CentreService.objects.all()}
    rows: dict[tuple[dt.date, int], dict[str, Any]] = {}

    def row(day: dt.date, service_id: int) -> dict[str, Any]:
        key = (day, service_id)
        if key not in rows:
            rows[key] = _row(day, services[service_id])
        return rows[key]

    for b in _bookings(start, end):
        row(b["day"], b["service_id"]).update(
            booked=b["booked"], no_show=b["no_show"], cancelled=b["cancelled"]
        )
    tickets = QueueTicket.objects.filter(day__gte=start, day__lte=end).values_list(
        "day", "service_id", "status", "redirected_from_id", "due_at", "issued_at", "called_at"
    )
    for day, service_id, status, redirected_from_id, due_at, issued_at, called_at in tickets:
        current = row(day, service_id)
        current["served"] += status == TicketStatus.SERVED
        current["live"] += due_at is None and redirected_from_id is None
        if called_at is not None:
            current["called"] += 1
            current["wait_minutes"] += max(0.0, (called_at - (due_at or issued_at)).total_seconds() / 60)
    for current in rows.values():
        if current["called"]:
            current["average_wait"] = round(current["wait_minutes"] / current["called"], 1)
    return sorted(rows.values(), key=lambda r: (r["day"], r["service"]))


def statistics_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The period's totals of `day_statistics` rows (the average wait weighted by calls)."""
    keys = ("booked", "served", "no_show", "cancelled", "live", "called", "wait_minutes")
    totals: dict[str, Any] = {key: sum(current[key] for current in rows) for key in keys}
    totals["average_wait"] = round(totals["wait_minutes"] / totals["called"], 1) if totals["called"] else None
    return totals


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """This month until today: the statistics page's default."""
    return today.replace(day=1), today


def desk_bookings(day: dt.date) -> list[CentreBooking]:
    """The desk's list: the day's bookings in time order, with service, window and ticket."""
    return list(
        CentreBooking.objects.filter(day=day)
        .exclude(status=CentreBookingStatus.CANCELLED)
        .select_related("service", "window", "ticket")
        .order_by("starts", "window__number")
    )


def waiting_tickets(day: dt.date) -> list[QueueTicket]:
    """The day's waiting visitors in calling order (booked by their time, then live)."""
    return list(
        QueueTicket.objects.filter(day=day, status=TicketStatus.WAITING)
        .select_related("service")
        .annotate(first=live_order())
        .order_by(F("due_at").asc(nulls_last=True), "first", "number")
    )


def open_windows() -> list[Window]:
    return list(Window.objects.filter(is_active=True).order_by("number"))


def window_ticket(window: Window) -> QueueTicket | None:
    """The visitor a window has called and not yet finished (one at a time)."""
    return (
        QueueTicket.objects.filter(window=window, status=TicketStatus.CALLED)
        .select_related("service", "booking")
        .first()
    )


def waiting_for(window: Window, day: dt.date) -> int:
    """How many wait for the services this window serves."""
    return QueueTicket.objects.filter(
        day=day, status=TicketStatus.WAITING, service__in=window.services.all()
    ).count()
