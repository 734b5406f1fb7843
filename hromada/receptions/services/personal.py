"""Запис на особистий прийом і день прийому: booking (portal, phone), walk-ins, cancellation, the
visit's mark, the appeal registered from a visit and the reminders. The partial unique index on
(official, day, start) is the final word on a slot; the checks before it give a clear message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from hromada.core.person_input import full_name_error, phone_error
from hromada.receptions import notify_personal as notify
from hromada.receptions import slots
from hromada.receptions.errors import ReceptionsSuspended, SlotTaken, SlotUnavailable, WrongBookingStatus
from hromada.receptions.models import (
    BookingChannel,
    Official,
    ReceptionBooking,
    ReceptionBookingStatus,
    ReceptionSettings,
)
from hromada.receptions.permissions import can_manage_receptions, can_run_reception_day
from hromada.reference.models import AuthorCategory, Topic

APPEAL_CHANNEL = "personal_reception"
ALTERNATIVES = 3
ALTERNATIVE_DAYS = 30
QUESTION_MAX = 2000


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Your role does not allow this action."))


def _audit(actor: User, action: str, booking: ReceptionBooking, **details: Any) -> None:
    record_audit(
        actor=actor,
        action=f"receptions.{action}",
        object_type="reception_booking",
        object_id=booking.pk,
        **details,
    )


def _check_open(official: Official) -> None:
    if official.is_suspended:
        reason = official.suspension_reason or _("Receptions of this official are suspended.")
        raise ReceptionsSuspended(reason)
    if not official.is_published:
        raise NotFound(_("No such official."))


def alternatives(official: Official, day: dt.date, *, priority: bool) -> list[dict[str, Any]]:
    """The next free slots from `day` on (what a refused visitor is offered instead)."""
    found: list[dict[str, Any]] = []
    for offset in range(ALTERNATIVE_DAYS):
        current = day + dt.timedelta(days=offset)
        for start in slots.free_slots(official, current, priority=priority):
            found.append({"day": current.isoformat(), "starts": start.strftime("%H:%M")})
            if len(found) == ALTERNATIVES:
                return found
    return found


def _person_errors(
    *, full_name: str, phone: str, email: str, need_contacts: bool, need_email: bool
) -> list[FieldError]:
    errors: list[FieldError] = []
    if not full_name:
        errors.append(FieldError("full_name", _("Give your full name (ПІБ)."), "required"))
    elif (name_error := full_name_error("full_name", full_name)) is not None:
        errors.append(name_error)
    if not phone and need_contacts:
        errors.append(FieldError("phone", _("Give a phone number."), "required"))
    elif phone and (error := phone_error("phone", phone)) is not None:
        errors.append(error)
    if not email and need_email:
        errors.append(FieldError("email", _("Give the e-mail address for the confirmation."), "required"))
    elif email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(FieldError("email", _("Enter a valid e-mail address."), "invalid"))
    return errors


def _topic(official: Official, code: str, errors: list[FieldError]) -> Topic | None:
    topic = Topic.objects.filter(code=code, is_active=True).first() if code else None
    if topic is None:
        message = _("Choose the topic of your question.") if not code else _("Unknown topic.")
        errors.append(FieldError("topic", message, "required" if not code else "unknown"))
        return None
    taken = set(official.topics.values_list("code", flat=True))
    if taken and topic.code not in taken:
        errors.append(FieldError("topic", _("This official does not receive on this topic."), "not_taken"))
    return topic


def _category(code: str | None, errors: list[FieldError]) -> AuthorCategory | None:
    if not code:
        return None
    category = AuthorCategory.objects.filter(code=code, is_active=True).first()
    if category is None:
        errors.append(FieldError("category", _("Unknown category."), "unknown"))
    return category


def _save(booking: ReceptionBooking, *, priority: bool) -> None:
    """Insert in a savepoint: a concurrent booking of the slot loses on the unique index."""
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        raise SlotTaken(
            _("This time has just been booked. Choose another one."),
            alternatives=alternatives(booking.official, booking.day, priority=priority),
        ) from None


@transaction.atomic
def book_reception(
    *,
    official: Official,
    day: dt.date,
    starts: dt.time,
    full_name: str,
    phone: str,
    email: str,
    topic: str,
    question: str = "",
    category: str | None = None,
    resident: Any = None,
    channel: str,
    actor: User | None = None,
) -> ReceptionBooking:
    """Book a slot from the portal or, for a caller, by the registrar (`channel="phone"`)."""
    if channel == BookingChannel.PHONE:
        if actor is None or not can_manage_receptions(actor):
            raise _deny()
    elif channel != BookingChannel.PORTAL:
        raise ValidationFailed([FieldError("channel", _("Unknown booking channel."), "unknown")])
    _check_open(official)
    if resident is not None:
        full_name = full_name or resident.full_name
        email = email or resident.email
    full_name, phone, email = full_name.strip(), phone.strip(), email.strip()
    portal_guest = channel == BookingChannel.PORTAL and resident is None
    errors = _person_errors(
        full_name=full_name, phone=phone, email=email, need_contacts=True, need_email=portal_guest
    )
    topic_obj = _topic(official, topic, errors)
    category_obj = _category(category, errors)
    if len(question) > QUESTION_MAX:
        errors.append(FieldError("question", _("The question is too long."), "too_long"))
    if errors:
        raise ValidationFailed(errors)
    assert topic_obj is not None
    priority = bool(category_obj and category_obj.priority)
    if starts not in slots.day_slots(official, day):
        raise SlotUnavailable(_("There is no reception at this time."), field="starts")
    if day < clock.today():
        raise SlotUnavailable(_("This day has passed."), field="day")
    if day > clock.today() + dt.timedelta(days=ReceptionSettings.load().horizon_days):
        raise SlotUnavailable(_("This day is not open for booking yet."), field="day")
    if starts not in slots.free_slots(official, day, priority=priority):
        raise SlotTaken(
            _("This time is already booked. Choose another one."),
            alternatives=alternatives(official, day, priority=priority),
        )
    booking = ReceptionBooking(
        official=official,
        day=day,
        starts=starts,
        channel=channel,
        resident=resident,
        full_name=full_name,
        phone=phone,
        email=email,
        address=getattr(resident, "address", "") or "",
        topic=topic_obj,
        question=question.strip(),
        category=category_obj,
        created_at=clock.now(),
        created_by=actor,
    )
    _save(booking, priority=priority)
    if actor is not None:
        _audit(actor, "booked", booking, channel=channel)
    notify.confirmed(booking)
    return booking


@transaction.atomic
def register_walk_in(
    *,
    actor: User,
    official: Official,
    day: dt.date,
    full_name: str,
    topic: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    question: str = "",
    category: str | None = None,
) -> ReceptionBooking:
    """A visitor who came without booking: no slot, marked as came, ordered by arrival."""
    if not can_run_reception_day(actor, official):
        raise _deny()
    errors = _person_errors(
        full_name=full_name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        need_contacts=False,
        need_email=False,
    )
    topic_obj = _topic(official, topic, errors)
    category_obj = _category(category, errors)
    if errors:
        raise ValidationFailed(errors)
    assert topic_obj is not None
    now = clock.now()
    booking = ReceptionBooking.objects.create(
        official=official,
        day=day,
        starts=None,
        status=ReceptionBookingStatus.CAME,
        channel=BookingChannel.WALK_IN,
        full_name=full_name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        address=address.strip(),
        topic=topic_obj,
        question=question.strip(),
        category=category_obj,
        created_at=now,
        created_by=actor,
        arrived_at=now,
    )
    _audit(actor, "walk_in", booking)
    return booking


def _locked(pk: int) -> ReceptionBooking:
    return ReceptionBooking.objects.select_for_update().select_related("official").get(pk=pk)


@transaction.atomic
def cancel_reception_booking(
    *, token: str = "", booking: ReceptionBooking | None = None, actor: User | None = None
) -> ReceptionBooking:
    """Cancel by the resident's link (`token`) or by staff (`booking` + `actor`); frees the slot."""
    if actor is not None:
        if booking is None or not can_run_reception_day(actor, booking.official):
            raise _deny()
        found = _locked(booking.pk)
    else:
        pk = (
            ReceptionBooking.objects.filter(token=token).values_list("pk", flat=True).first()
            if token
            else None
        )
        if pk is None:
            raise NotFound(_("No such booking."))
        found = _locked(pk)
    if found.status != ReceptionBookingStatus.BOOKED:
        raise WrongBookingStatus(_("Only a booked visit can be cancelled."))
    found.status = ReceptionBookingStatus.CANCELLED
    found.cancelled_at = clock.now()
    found.save(update_fields=["status", "cancelled_at"])
    if actor is not None:
        _audit(actor, "cancelled", found)
    notify.cancelled(found)
    return found


@transaction.atomic
def mark_visit(*, actor: User, booking: ReceptionBooking, came: bool, result: str = "") -> ReceptionBooking:
    """The day page's mark: came or did not come, and the result of the conversation."""
    if not can_run_reception_day(actor, booking.official):
        raise _deny()
    found = _locked(booking.pk)
    if found.status == ReceptionBookingStatus.CANCELLED:
        raise WrongBookingStatus(_("The booking is cancelled."))
    found.status = ReceptionBookingStatus.CAME if came else ReceptionBookingStatus.NOT_CAME
    found.arrived_at = clock.now()
    found.result = result.strip()[:2000]
    found.save(update_fields=["status", "arrived_at", "result"])
    _audit(actor, "marked", found, came=came)
    return found


@transaction.atomic
def register_appeal_from_visit(
    *, actor: User, booking: ReceptionBooking, kind: str, text: str, summary: str = "", sex: str = ""
) -> int:
    """Register the visitor's appeal (channel personal_reception) and link it to the booking. With no
    summary, the text's first words are the summary; the sex (for the report) as the registrar saw it."""
    from hromada.appeals.door import AppealRegisterIn, register_appeal, shorten

    if not can_run_reception_day(actor, booking.official):
        raise _deny()
    found = _locked(booking.pk)
    if found.appeal_id is not None:
        raise WrongBookingStatus(_("An appeal is already registered from this visit."))
    if found.status == ReceptionBookingStatus.CANCELLED:
        raise WrongBookingStatus(_("The booking is cancelled."))
    applicant: dict[str, Any] = {
        "name": found.full_name,
        "phone": found.phone,
        "email": found.email,
        "address": found.address,
        "categories": [found.category_id] if found.category_id else [],
        "sex": sex or None,
    }
    item = AppealRegisterIn.model_validate(
        {
            "channel": APPEAL_CHANNEL,
            "received_at": clock.now(),
            "kind": kind,
            "applicants": [applicant],
            "issues": [{"topic": found.topic_id, "text": text}],
            "summary": summary or shorten(text),
            "text": text,
        }
    )
    appeal = register_appeal(item, actor=actor, now=clock.now())
    found.appeal_id = appeal.pk
    found.save(update_fields=["appeal_id"])
    _audit(actor, "appeal_registered", found, appeal_id=appeal.pk)
    return appeal.pk


def send_reminders(day: dt.date, *, today: dt.date) -> int:
    """Daily job: a reminder to each booker of tomorrow's reception with an e-mail (once)."""
    tomorrow = day + dt.timedelta(days=1)
    count = 0
    with transaction.atomic():
        due = (
            ReceptionBooking.objects.select_for_update(skip_locked=True)
            .filter(day=tomorrow, status=ReceptionBookingStatus.BOOKED, reminded_at__isnull=True)
            .exclude(email="")
        )
        now = clock.now()
        for booking in due:
            booking.reminded_at = now
            booking.save(update_fields=["reminded_at"])
            notify.reminder(booking)
            count += 1
    return count
