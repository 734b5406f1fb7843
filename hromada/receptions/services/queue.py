"""Жива черга ЦНАП: check-in by code, a walk-in's ticket, calling the next visitor, the outcome of a
visit and the closing of past days.

Booked visitors who came on time are called at their booked time (label З); walk-ins and late
bookers wait in the live queue by number (label Ч). A redirected visitor gets a new ticket for the
other service and goes FIRST among the live tickets of that service (they have queued once already;
giving them the head of the live queue is the "priority" choice of the brief, simpler for the hall
than keeping a number's place). The database keeps the day's numbers unique; a window locks its row
while it calls, and on PostgreSQL the next ticket is taken with SKIP LOCKED, so two windows never
call the same visitor.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, IntegerField, Max, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import Conflict, FieldError, NotFound, PermissionDenied, ValidationFailed
from hromada.receptions.errors import WrongBookingStatus
from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    CentreService,
    QueueTicket,
    ReceptionSettings,
    SlotClaim,
    TicketStatus,
    Window,
)
from hromada.receptions.models.centre import new_code
from hromada.receptions.permissions import can_work_centre

#: Enough for a rush at the kiosk: each retry reads the new maximum after the winner's commit.
NUMBER_TRIES = 64
OUTCOMES = {
    "served": TicketStatus.SERVED,
    "not_present": TicketStatus.NOT_PRESENT,
    "redirected": TicketStatus.REDIRECTED,
}
BOOKING_AFTER = {"served": CentreBookingStatus.SERVED, "not_present": CentreBookingStatus.NO_SHOW}


def normalise_code(code: str) -> str:
    """Codes are typed at a kiosk or read aloud: any case, spaces ignored."""
    return re.sub(r"\s+", "", code or "").upper()


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Your role does not allow this action."))


def _audit(actor: Any, action: str, ticket: QueueTicket, **details: Any) -> None:
    if getattr(actor, "pk", None):
        record_audit(
            actor=actor,
            action=f"receptions.{action}",
            object_type="queue_ticket",
            object_id=ticket.pk,
            label=ticket.label,
            **details,
        )


def _local_now() -> dt.datetime:
    return timezone.localtime(clock.now())


def _issue(
    service: CentreService,
    day: dt.date,
    *,
    booking: CentreBooking | None = None,
    due_at: dt.datetime | None = None,
    redirected_from: QueueTicket | None = None,
) -> QueueTicket:
    """A new ticket with the day's next number: max + 1 in a savepoint, again on a collision."""
    for attempt in range(NUMBER_TRIES):
        top = QueueTicket.objects.filter(day=day).aggregate(top=Max("number"))["top"] or 0
        try:
            with transaction.atomic():
                return QueueTicket.objects.create(
                    day=day,
                    number=top + 1,
                    code=new_code(),
                    service=service,
                    booking=booking,
                    due_at=due_at,
                    issued_at=clock.now(),
                    redirected_from=redirected_from,
                )
        except IntegrityError:
            if attempt == NUMBER_TRIES - 1:
                raise
    raise AssertionError("unreachable")


def check_in(*, code: str, actor: User | None = None) -> QueueTicket:
    """A booked visitor arrives: on time they keep the booked time, late they join the live queue."""
    clean = normalise_code(code)
    if not clean:
        raise ValidationFailed([FieldError("code", _("Enter the booking code."), "required")])
    now = _local_now()
    with transaction.atomic():
        booking = CentreBooking.objects.select_for_update().filter(code=clean).first()
        if booking is None:
            raise NotFound(_("No booking with this code."), field="code")
        existing = QueueTicket.objects.filter(booking=booking).first()
        if existing is not None:
            return existing  # a second check-in shows the same ticket
        if booking.day != now.date():
            raise ValidationFailed([FieldError("code", _("This booking is not for today."), "not_today")])
        if booking.status != CentreBookingStatus.BOOKED:
            raise WrongBookingStatus(_("This booking cannot be checked in any more."))
        starts = timezone.make_aware(dt.datetime.combine(booking.day, booking.starts))
        late = now > starts + dt.timedelta(minutes=ReceptionSettings.load().late_minutes)
        if late:
            booking.status = CentreBookingStatus.LATE
            SlotClaim.objects.filter(booking=booking).delete()  # the slot is lost
        else:
            booking.status = CentreBookingStatus.CHECKED_IN
        booking.save(update_fields=["status"])
        ticket = _issue(booking.service, booking.day, booking=booking, due_at=None if late else starts)
        _audit(actor, "centre_check_in", ticket, code=booking.code, late=late)
    return ticket


def take_ticket(*, service: CentreService, actor: User | None = None) -> QueueTicket:
    """A walk-in's live-queue ticket for a service (the kiosk, or staff at the desk)."""
    if not service.is_active or not service.windows.filter(is_active=True).exists():
        raise ValidationFailed([FieldError("service", _("This service is not provided."), "inactive")])
    with transaction.atomic():
        ticket = _issue(service, clock.today())
        _audit(actor, "centre_ticket", ticket, service=service.code)
    return ticket


def _lock(rows: QuerySet[QueueTicket]) -> QuerySet[QueueTicket]:
    """SKIP LOCKED where the database has it: a ticket another window is taking is passed over."""
    if connection.features.has_select_for_update_skip_locked:
        return rows.select_for_update(skip_locked=True)
    return rows.select_for_update()


def live_order() -> Case:
    """Redirected visitors first among the live tickets, then by number."""
    return Case(
        When(redirected_from__isnull=False, then=Value(0)), default=Value(1), output_field=IntegerField()
    )


def _next_ticket(window: Window, now: dt.datetime) -> QueueTicket | None:
    served = list(window.services.values_list("pk", flat=True))
    waiting = QueueTicket.objects.filter(day=now.date(), status=TicketStatus.WAITING, service_id__in=served)
    booked = waiting.filter(due_at__isnull=False, due_at__lte=now).order_by("due_at", "number")
    ticket = _lock(booked).first()
    if ticket is None:
        live = waiting.filter(due_at__isnull=True).annotate(first=live_order()).order_by("first", "number")
        ticket = _lock(live).first()
    return ticket


def call_next(*, window: Window, actor: User) -> QueueTicket | None:
    """Call the next waiting visitor to `window`: booked ones at their time, then the live queue."""
    if not can_work_centre(actor):
        raise _deny()
    now = _local_now()
    with transaction.atomic():
        window = Window.objects.select_for_update().get(pk=window.pk)
        busy = QueueTicket.objects.filter(window=window, status=TicketStatus.CALLED).first()
        if busy is not None:
            raise Conflict(
                _("Window %(window)s is still serving %(label)s: finish that visit first.")
                % {"window": window.number, "label": busy.label},
                field="window",
            )
        ticket = _next_ticket(window, now)
        if ticket is None:
            return None
        ticket.status = TicketStatus.CALLED
        ticket.window = window
        ticket.called_at = clock.now()
        ticket.called_by = actor
        ticket.save(update_fields=["status", "window", "called_at", "called_by"])
        _audit(actor, "centre_call", ticket, window=window.number)
    return ticket


def _outcome(outcome: str, to_service: CentreService | None) -> TicketStatus:
    status = OUTCOMES.get(outcome)
    if status is None:
        raise ValidationFailed([FieldError("outcome", _("Unknown outcome."), "unknown")])
    if status == TicketStatus.REDIRECTED and (to_service is None or not to_service.is_active):
        message = _("Choose the service to redirect the visitor to.")
        raise ValidationFailed([FieldError("to_service", message, "required")])
    return status


def finish_ticket(
    *, ticket: QueueTicket, actor: User, outcome: str, to_service: CentreService | None = None
) -> QueueTicket:
    """The end of a call: served, not present, or redirected (a new waiting ticket for `to_service`).

    The booking follows: served → served, not present → no-show; a redirected visitor came, so their
    booking counts as served (the new ticket is a live one)."""
    if not can_work_centre(actor):
        raise _deny()
    status = _outcome(outcome, to_service)
    with transaction.atomic():
        ticket = QueueTicket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.status != TicketStatus.CALLED:
            raise WrongBookingStatus(_("Only a called visitor's visit can be finished."))
        ticket.status = status
        ticket.finished_at = clock.now()
        ticket.save(update_fields=["status", "finished_at"])
        if ticket.booking_id:
            after = BOOKING_AFTER.get(outcome, CentreBookingStatus.SERVED)
            CentreBooking.objects.filter(pk=ticket.booking_id).update(status=after)
        details: dict[str, Any] = {"outcome": outcome}
        if status == TicketStatus.REDIRECTED and to_service is not None:
            new = _issue(to_service, ticket.day, redirected_from=ticket)
            details.update(to_service=to_service.code, new_label=new.label)
        _audit(actor, "centre_finish", ticket, **details)
    return ticket


def close_centre_day(day: dt.date, *, today: dt.date | None = None) -> int:
    """Daily job: before `day`, bookings never checked in become no-shows and tickets still waiting
    or called are closed as not present (with their bookings). Returns the rows changed."""
    with transaction.atomic():
        open_tickets = QueueTicket.objects.filter(
            day__lt=day, status__in=[TicketStatus.WAITING, TicketStatus.CALLED]
        )
        booking_ids = list(open_tickets.exclude(booking=None).values_list("booking_id", flat=True))
        tickets = open_tickets.update(status=TicketStatus.NOT_PRESENT)
        stale = CentreBooking.objects.filter(day__lt=day).filter(
            status=CentreBookingStatus.BOOKED
        ) | CentreBooking.objects.filter(pk__in=booking_ids)
        bookings = stale.update(status=CentreBookingStatus.NO_SHOW)
    return tickets + bookings
