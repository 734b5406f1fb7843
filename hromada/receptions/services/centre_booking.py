"""Попередній запис до ЦНАП: booking a visit and cancelling it.

No double booking is the database's job: a booking inserts one `SlotClaim` per grid step of its
window in a savepoint, and the unique (window, day, minute) index refuses any overlap, however many
requests race. A person's limits are counted under a lock on their `CentrePerson` row, so two
simultaneous bookings of one person cannot both pass. Letters go out on commit.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import FieldError, NotFound, ValidationFailed
from hromada.receptions import centre_slots, notify_centre
from hromada.receptions.errors import LimitReached, SlotTaken, SlotUnavailable, WrongBookingStatus
from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    CentrePerson,
    CentreService,
    SlotClaim,
)
from hromada.receptions.models.centre import new_code
from hromada.receptions.models.settings import ReceptionSettings

NAME_MAX = 200
PHONE_MAX = 30
EMAIL_MAX = 254
#: A fresh code collides with a stored one about once in ~10⁸ bookings; a few tries are plenty.
CODE_TRIES = 5


def _clean(full_name: str, phone: str, email: str) -> tuple[str, str, str]:
    """Field-level checks, all at once, so a form shows every problem together."""
    full_name, phone, email = (full_name or "").strip(), (phone or "").strip(), (email or "").strip()
    errors: list[FieldError] = []
    if not full_name:
        errors.append(FieldError("full_name", _("Enter your full name.")))
    elif len(full_name) > NAME_MAX:
        errors.append(FieldError("full_name", _("The name is too long.")))
    if not email and not phone:
        errors.append(FieldError("email", _("Enter an e-mail or a phone number.")))
    if email:
        try:
            if len(email) > EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.append(FieldError("email", _("Enter a valid e-mail address.")))
    if phone and (len(phone) > PHONE_MAX or len(re.sub(r"\D", "", phone)) < 5):
        errors.append(FieldError("phone", _("Enter a valid phone number.")))
    if errors:
        raise ValidationFailed(errors)
    return full_name, phone, email


def person_key(email: str, phone: str) -> str:
    """Who the limits count: the e-mail in lower case, else the phone's digits."""
    if email:
        return email.strip().lower()
    return "tel:" + re.sub(r"\D", "", phone)


def _month_start() -> dt.datetime:
    local = timezone.localtime(clock.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _check_limits(person: CentrePerson, rules: ReceptionSettings) -> None:
    """Under the person's row lock: active bookings, then this month's bookings (one query)."""
    counts = CentreBooking.objects.filter(person=person).aggregate(
        active=Count("pk", filter=Q(status=CentreBookingStatus.BOOKED, day__gte=clock.today())),
        month=Count(
            "pk", filter=Q(created_at__gte=_month_start()) & ~Q(status=CentreBookingStatus.CANCELLED)
        ),
    )
    if counts["active"] >= rules.max_active_bookings:
        limit = int(rules.max_active_bookings)
        raise LimitReached(
            ngettext(
                "You may hold at most %(count)d active booking; cancel one to book another.",
                "You may hold at most %(count)d active bookings; cancel one to book another.",
                limit,
            )
            % {"count": limit}
        )
    if counts["month"] >= rules.max_month_bookings:
        limit = int(rules.max_month_bookings)
        raise LimitReached(
            ngettext(
                "You may book at most %(count)d visit a month.",
                "You may book at most %(count)d visits a month.",
                limit,
            )
            % {"count": limit}
        )


def _locked_person(key: str) -> CentrePerson:
    """The person's row, made if new (INSERT … ON CONFLICT DO NOTHING: no savepoint, no race) and
    locked for the rest of the transaction."""
    CentrePerson.objects.bulk_create([CentrePerson(key=key)], ignore_conflicts=True)
    return CentrePerson.objects.select_for_update().get(key=key)


def _code_taken(error: IntegrityError) -> bool:
    """A fresh code that collided with a stored one (rather than a claimed step)."""
    text = str(error)
    return "code" in text and "one_booking_per_window_step" not in text and "slotclaim" not in text


def _claim(
    service: CentreService, day: dt.date, starts: dt.time, offered: list[int], **fields: Any
) -> CentreBooking:
    """Book the first window whose steps the unique index lets us claim; else `SlotTaken`.
    The windows that look free are tried first; the others too, as a claim may have just gone."""
    grid = centre_slots.grid_minutes()
    steps = centre_slots.steps_of(service, grid)
    minutes = centre_slots.claim_minutes(starts, steps, grid)
    end = minutes[-1] + grid
    ends = dt.time(end // 60, end % 60)
    free = centre_slots.free_windows(service, day, starts, offered)
    for window_id in free + [w for w in offered if w not in free]:
        for attempt in range(CODE_TRIES):
            try:
                with transaction.atomic():  # one savepoint: the booking and its claims, or nothing
                    booking = CentreBooking.objects.create(
                        code=new_code(),
                        service=service,
                        window_id=window_id,
                        day=day,
                        starts=starts,
                        ends=ends,
                        **fields,
                    )
                    SlotClaim.objects.bulk_create(
                        [SlotClaim(window_id=window_id, day=day, minute=m, booking=booking) for m in minutes]
                    )
                    return booking
            except IntegrityError as error:
                if _code_taken(error) and attempt < CODE_TRIES - 1:
                    continue  # the same window with another code
                break  # a step of this window is taken: the next window
    alternatives = centre_slots.next_free(service, day, 3, after_time=starts)
    raise SlotTaken(
        _("This time has just been booked by someone else. Choose another time."),
        alternatives=[slot.as_dict() for slot in alternatives],
    )


def book_centre_visit(
    *,
    service: CentreService,
    day: dt.date,
    starts: dt.time,
    full_name: str,
    phone: str,
    email: str,
    resident: Any = None,
    actor: Any = None,
) -> CentreBooking:
    """Book a visit to the centre (a resident online, or staff for a caller when `actor` is given)."""
    full_name, phone, email = _clean(full_name, phone, email)
    offered = centre_slots.offered_windows(service, day, starts)
    if not offered:
        raise SlotUnavailable(_("This time cannot be booked."), field="starts")
    rules = ReceptionSettings.load()
    with transaction.atomic():
        person = _locked_person(person_key(email, phone))
        _check_limits(person, rules)
        booking = _claim(
            service,
            day,
            starts,
            offered,
            person=person,
            resident=resident,
            full_name=full_name,
            phone=phone,
            email=email,
            created_at=clock.now(),
        )
        if getattr(actor, "pk", None):
            record_audit(
                actor=actor,
                action="receptions.centre_book",
                object_type="centre_booking",
                object_id=booking.pk,
                code=booking.code,
                day=day.isoformat(),
                starts=starts.strftime("%H:%M"),
            )
        notify_centre.booked(booking)
    return booking


def _is_past(booking: CentreBooking) -> bool:
    now = timezone.localtime(clock.now())
    return (booking.day, booking.starts) <= (now.date(), now.time())


def cancel_centre_booking(
    *, token: str | None = None, code: str | None = None, actor: Any = None
) -> CentreBooking:
    """Cancel a booked visit: the resident by the letter's token, staff by the code."""
    if not token and not code:
        raise NotFound(_("The booking is not found."))
    with transaction.atomic():
        rows = CentreBooking.objects.select_for_update()
        booking = (
            rows.filter(token=token).first() if token else rows.filter(code=(code or "").upper()).first()
        )
        if booking is None:
            raise NotFound(_("The booking is not found."))
        if booking.status != CentreBookingStatus.BOOKED or _is_past(booking):
            raise WrongBookingStatus(_("Only a booked visit that has not yet begun can be cancelled."))
        booking.status = CentreBookingStatus.CANCELLED
        booking.cancelled_at = clock.now()
        booking.save(update_fields=["status", "cancelled_at"])
        SlotClaim.objects.filter(booking=booking).delete()
        if getattr(actor, "pk", None):
            record_audit(
                actor=actor,
                action="receptions.centre_cancel",
                object_type="centre_booking",
                object_id=booking.pk,
                code=booking.code,
            )
        notify_centre.cancelled(booking)
    return booking
