"""Листи особистого прийому: confirmation, cancellation and reminder of a booking.

The services call the hooks inside their transaction; each registers an on-commit callback (nothing
is sent for a rolled-back step) that records the e-mail with notifications.services.queue_email."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from hromada.core.models import CouncilSettings
from hromada.notifications.services import after_commit, public_url, queue_email
from hromada.receptions.models import ReceptionBooking

SUBJECTS: dict[str, Callable[[], str]] = {
    "reception_confirmed": lambda: _("You are booked for a personal reception on %(day)s"),
    "reception_cancelled": lambda: _("Your personal reception on %(day)s is cancelled"),
    "reception_reminder": lambda: _("Reminder: personal reception on %(day)s"),
}


def cancel_path(booking: ReceptionBooking) -> str:
    return f"/pryiom/skasuvaty/{booking.token}/"


def ics_path(booking: ReceptionBooking) -> str:
    return f"/pryiom/zapys/{booking.token}/calendar.ics"


def confirmed(booking: ReceptionBooking) -> None:
    after_commit(_to_visitor, booking.pk, "reception_confirmed")


def cancelled(booking: ReceptionBooking) -> None:
    after_commit(_to_visitor, booking.pk, "reception_cancelled")


def reminder(booking: ReceptionBooking) -> None:
    after_commit(_to_visitor, booking.pk, "reception_reminder")


def _to_visitor(booking_id: int, kind: str) -> int:
    booking = ReceptionBooking.objects.select_related("official", "topic").get(pk=booking_id)
    if not booking.email:
        return 0
    day = booking.day.strftime("%d.%m.%Y")
    queue_email(
        recipient=booking.email,
        subject=SUBJECTS[kind]() % {"day": day},
        template=f"notifications/{kind}",
        context={
            "booking": booking,
            "official": booking.official,
            "day": day,
            "time": booking.starts.strftime("%H:%M") if booking.starts else "",
            "council": CouncilSettings.load(),
            "cancel_url": public_url(cancel_path(booking)),
            "ics_url": public_url(ics_path(booking)),
        },
        kind=kind,
        object_type="reception_booking",
        object_id=booking.pk,
    )
    return 1
