"""Листи ЦНАП: the booker's confirmation and cancellation letters.

The booking service calls the hooks inside its transaction; each only registers an on-commit
callback (nothing is sent for a rolled-back booking), which records the e-mail with
notifications.services.queue_email; the worker sends it. A booking made with a phone only gets no
letter. The letter carries the cancellation link: its token is the resident's only key to the booking.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from hromada.core.models import CouncilSettings
from hromada.notifications.services import after_commit, public_url, queue_email
from hromada.receptions.models import CentreBooking

SUBJECTS: dict[str, Callable[[], str]] = {
    "centre_booked": lambda: _("Your visit to the administrative services centre: code %(code)s"),
    "centre_cancelled": lambda: _("Your visit to the administrative services centre is cancelled"),
}


def cancel_path(token: str) -> str:
    """Where the letter's cancellation link points (the public page of the centre)."""
    return f"/cnap/skasuvaty/{token}/"


def booked(booking: CentreBooking) -> None:
    after_commit(_to_booker, booking.pk, "centre_booked")


def cancelled(booking: CentreBooking) -> None:
    after_commit(_to_booker, booking.pk, "centre_cancelled")


def _to_booker(booking_id: int, kind: str) -> int:
    booking = CentreBooking.objects.select_related("service", "window").get(pk=booking_id)
    if not booking.email:
        return 0
    queue_email(
        recipient=booking.email,
        subject=SUBJECTS[kind]() % {"code": booking.code},
        template=f"notifications/{kind}",
        context={
            "booking": booking,
            "service": booking.service,
            "window": booking.window,
            "council": CouncilSettings.load(),
            "cancel_url": public_url(cancel_path(booking.token)),
        },
        kind=kind,
        object_type="centre_booking",
        object_id=booking.pk,
    )
    return 1
