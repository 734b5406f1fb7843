"""Публічні сторінки особистого прийому: the officials who receive, booking a time, the booking's
own page (by the secret of the letter), its calendar file and its cancellation.

The booking and cancellation pages carry personal data behind a secret link: never cached. The
service decides every rule; a taken time comes back as 409 with the next free times to choose from,
a bad field as 422 next to the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hromada.core import clock, ratelimit
from hromada.core.errors import DomainError, NotFound
from hromada.core.forms import add_domain_error
from hromada.core.pages import private
from hromada.receptions import ics
from hromada.receptions.errors import ReceptionsSuspended, SlotTaken, WrongBookingStatus
from hromada.receptions.forms.personal_public import BookingForm, parse_slot
from hromada.receptions.limits import booking_limit
from hromada.receptions.models import BookingChannel, Official, ReceptionBooking, ReceptionBookingStatus
from hromada.receptions.selectors import personal_public as selectors
from hromada.receptions.services.personal import book_reception, cancel_reception_booking
from hromada.residents.services import resident_of

#: Where the service's field names go on the form.
ALIASES = {"starts": "slot", "day": "slot"}


def _official_or_404(official_id: int) -> Official:
    official = selectors.public_official(official_id)
    if official is None:
        raise Http404
    return official


def _booking_or_404(token: str) -> ReceptionBooking:
    booking = selectors.booking_by_token(token)
    if booking is None:
        raise Http404
    return booking


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def receptions(request: HttpRequest) -> HttpResponse:
    """The officials who receive, each with the next day with free times or the public reason of
    a suspension; a signed-in resident also sees their own bookings."""
    officials = list(selectors.published_officials())
    days = selectors.open_days_of(officials, first_only=True)
    rows = [{"official": o, "next": days[o.pk][0] if days[o.pk] else None} for o in officials]
    resident = resident_of(request.user)
    context: dict[str, Any] = {
        "rows": rows,
        "resident": resident,
        "my_bookings": selectors.upcoming_bookings(resident) if resident is not None else [],
    }
    response = render(request, "receptions/public/personal_list.html", context)
    return private(response) if resident is not None else response


def _chosen_day(request: HttpRequest, days: list[selectors.OpenDay]) -> selectors.OpenDay | None:
    """The `?day=` asked (404 when it is not a date or, on a GET, not an open day), else the first
    open day. A POST for a day filled up meanwhile goes on: the service answers 409 with others."""
    asked = request.GET.get("day", "")
    if not asked:
        return days[0] if days else None
    try:
        day = dt.date.fromisoformat(asked)
    except ValueError:
        raise Http404 from None
    for open_day in days:
        if open_day.day == day:
            return open_day
    if request.method == "POST":
        return None
    raise Http404


def _initial(request: HttpRequest) -> dict[str, str]:
    resident = resident_of(request.user)
    if resident is None:
        return {}
    return {"full_name": resident.full_name, "email": resident.email}


def _render_official(
    request: HttpRequest,
    official: Official,
    form: BookingForm,
    *,
    chosen: selectors.OpenDay | None,
    days: list[selectors.OpenDay],
    status: int = 200,
    alternatives: bool = False,
    error: str = "",
) -> HttpResponse:
    if not alternatives and chosen is not None:
        form.set_slots([(chosen.day, s) for s in chosen.free], with_day=False)
    context = {
        "official": official,
        "days": days,
        "chosen": chosen,
        "form": form,
        "alternatives": alternatives,
        "error": error,
        "signed_in": resident_of(request.user) is not None,
    }
    return private(render(request, "receptions/public/personal_official.html", context, status=status))


@require_http_methods(["GET", "POST"])
def official(request: HttpRequest, official_id: int) -> HttpResponse:
    """One official's reception days within the horizon, the free times of a day and the booking."""
    found = _official_or_404(official_id)
    days = selectors.open_days(found)
    chosen = _chosen_day(request, days)
    if request.method != "POST":
        form = BookingForm(official=found, initial=_initial(request))
        return _render_official(request, found, form, chosen=chosen, days=days)
    form = BookingForm(request.POST, official=found)
    email = request.POST.get("email", "").strip().lower()
    ratelimit.check_page(booking_limit(), request, email)  # RateLimited: the 429 page
    if not form.is_valid():
        return _render_official(request, found, form, chosen=chosen, days=days, status=422)
    data = form.cleaned_data
    day, starts = data["slot"]
    try:
        booking = book_reception(
            official=found,
            day=day,
            starts=starts,
            full_name=data["full_name"],
            phone=data["phone"],
            email=data["email"],
            topic=data["topic"],
            question=data["question"],
            category=data["category"] or None,
            resident=resident_of(request.user),
            channel=BookingChannel.PORTAL,
        )
    except SlotTaken as exc:
        form.add_error("slot", str(exc.message))
        pairs = [x for x in (parse_slot(f"{a['day']}T{a['starts']}") for a in exc.alternatives) if x]
        form.set_slots(pairs, with_day=True)
        return _render_official(request, found, form, chosen=chosen, days=days, status=409, alternatives=True)
    except ReceptionsSuspended as exc:
        return _render_official(request, found, form, chosen=None, days=[], status=409, error=exc.message)
    except DomainError as exc:
        add_domain_error(form, exc, aliases=ALIASES)
        return _render_official(request, found, form, chosen=chosen, days=days, status=exc.status)
    ratelimit.hit_page(booking_limit(), request, email)
    return redirect(reverse("portal:reception-booking", args=[booking.token]))


@require_GET
def official_ics(request: HttpRequest, official_id: int) -> HttpResponse:
    """The official's public feed: reception periods with free/booked counts, no personal data."""
    found = _official_or_404(official_id)
    start, end = selectors.horizon()
    return _calendar_response(ics.official_feed(found, start, end), f"pryiom-{found.pk}.ics")


def _can_cancel(booking: ReceptionBooking) -> bool:
    return booking.status == ReceptionBookingStatus.BOOKED and booking.day >= clock.today()


@require_GET
def booking(request: HttpRequest, token: str) -> HttpResponse:
    """The booking behind the letter's link: when, where, on what, and its state."""
    found = _booking_or_404(token)
    context = {"booking": found, "official": found.official, "can_cancel": _can_cancel(found)}
    return private(render(request, "receptions/public/personal_booking.html", context))


@require_GET
def booking_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The booker's own event for a calendar program (private: behind the letter's secret)."""
    found = _booking_or_404(token)
    return private(_calendar_response(ics.booking_ics(found), "pryiom.ics"))


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Cancellation by the letter's link: a confirmation page, then the POST frees the time."""
    found = _booking_or_404(token)
    context: dict[str, Any] = {"booking": found, "official": found.official, "can_cancel": _can_cancel(found)}
    if request.method != "POST":
        return private(render(request, "receptions/public/personal_cancel.html", context))
    try:
        cancel_reception_booking(token=token)
    except NotFound:
        raise Http404 from None
    except WrongBookingStatus as exc:
        context.update(error=exc.message, can_cancel=False)
        return private(render(request, "receptions/public/personal_cancel.html", context, status=exc.status))
    messages.success(request, _("The booking is cancelled; the time is free for others."))
    return redirect(reverse("portal:reception-booking", args=[token]))
