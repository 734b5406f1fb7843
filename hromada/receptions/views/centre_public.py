"""Публічні сторінки попереднього запису до ЦНАП: the catalogue, a service with its free times and the
booking form, the printable confirmation, cancelling, and finding a booking by code and phone.

Public on purpose (no role_required). A booking's own pages open by its token (the letter's link, or
the redirect after booking), never by its code alone, and are private (no-store). The rules — which
days and times are free, the limits, no double booking — are the services' and `centre_slots`'; the
views parse, call, and say the refusal with its status (409 taken or limited, 422 a bad field).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hromada.core import clock, ratelimit
from hromada.core.errors import DomainError, NotFound
from hromada.core.forms import add_domain_error
from hromada.core.models import CouncilSettings
from hromada.core.pages import private as _private
from hromada.notifications.services import public_url
from hromada.receptions import centre_slots
from hromada.receptions.errors import SlotTaken
from hromada.receptions.forms.centre_public import (
    CentreBookingForm,
    CentreFindForm,
    CentreSearchForm,
    slot_value,
)
from hromada.receptions.limits import booking_limit
from hromada.receptions.models import CentreBooking, CentreBookingStatus, CentreService
from hromada.receptions.models.settings import ReceptionSettings
from hromada.receptions.selectors import centre as selectors
from hromada.receptions.services.centre_booking import book_centre_visit, cancel_centre_booking
from hromada.residents.services import resident_of

SERVICE_TEMPLATE = "receptions/public/centre_service.html"
BOOKING_TEMPLATE = "receptions/public/centre_booking.html"


def _d(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """Каталог послуг ЦНАП by group; the search keeps the services whose name holds the words."""
    form = CentreSearchForm(request.GET)
    query = form.cleaned_data["q"].strip().casefold() if form.is_valid() else ""
    groups = []
    for group, services in selectors.catalogue().items():
        found = [s for s in services if all(w in s.name.casefold() for w in query.split())]
        if found:
            groups.append((group, found))
    return render(
        request,
        "receptions/public/centre_catalogue.html",
        {"form": form, "groups": groups, "query": query},
        status=200 if form.is_valid() else 400,
    )


def _service_or_404(service_id: int) -> CentreService:
    found = selectors.bookable_service(service_id)
    if found is None:
        raise Http404
    return found


def _closed_day_message(day: dt.date) -> str:
    """Why a day asked for is not open, in words a resident can act on."""
    today, last = clock.today(), centre_slots.last_open_day()
    if day < today:
        return _("%(day)s has passed. Choose one of the open days.") % {"day": _d(day)}
    if day > last:
        rules = ReceptionSettings.load()
        opens = day - dt.timedelta(days=int(rules.horizon_days))
        return _("Booking for %(day)s opens on %(opens)s at %(time)s.") % {
            "day": _d(day),
            "opens": _d(max(opens, today)),
            "time": rules.opening_time.strftime("%H:%M"),
        }
    if not CouncilSettings.load().calendar.is_working_day(day):
        return _("The centre does not work on %(day)s. Choose another day.") % {"day": _d(day)}
    return _("No free time is left on %(day)s. Choose another day.") % {"day": _d(day)}


def _chosen_day(raw: str | None, days: list[dt.date]) -> tuple[dt.date | None, str, int]:
    """The day whose times the page shows, the message if it cannot, and the page's status."""
    if not raw:
        return (days[0] if days else None), "", 200
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None, _("This is not a date. Choose one of the open days."), 400
    if day not in days:
        return None, _closed_day_message(day), 200
    return day, "", 200


def _options(slots: list[tuple[dt.date, dt.time]], *, with_day: bool) -> list[dict[str, str]]:
    return [
        {
            "value": slot_value(day, starts),
            "label": f"{_d(day)} {starts:%H:%M}" if with_day else f"{starts:%H:%M}",
        }
        for day, starts in slots
    ]


def _service_context(
    service: CentreService,
    form: CentreBookingForm,
    raw_day: str | None,
    alternatives: list[dict[str, Any]] | None = None,
) -> tuple[dict[str, Any], int]:
    days = centre_slots.open_days(service)
    day, message, status = _chosen_day(raw_day, days)
    if alternatives is not None:
        picks = [(dt.date.fromisoformat(a["day"]), dt.time.fromisoformat(a["starts"])) for a in alternatives]
        options = _options(picks, with_day=True)
    else:
        free = centre_slots.free_slots(service, day) if day else []
        options = _options([(s.day, s.starts) for s in free], with_day=False)
    context = {
        "service": service,
        "documents": [line for line in service.documents.splitlines() if line.strip()],
        "days": [{"value": d.isoformat(), "label": _d(d), "weekday": WEEKDAYS[d.weekday()]} for d in days],
        "day": day,
        "day_value": day.isoformat() if day else "",
        "message": message,
        "options": options,
        "alternatives": alternatives is not None,
        "chosen": form["slot"].value() or "",
        "form": form,
    }
    return context, status


def _initial(request: HttpRequest) -> dict[str, str]:
    """A signed-in resident's name and e-mail, so they only pick the time."""
    resident = resident_of(request.user)
    if resident is None:
        return {}
    return {"full_name": resident.full_name, "email": resident.email}


@require_http_methods(["GET", "POST"])
def service(request: HttpRequest, service_id: int) -> HttpResponse:
    """One service: what to bring, the open days, the free times of a day, and the booking form."""
    found = _service_or_404(service_id)
    if request.method != "POST":
        form = CentreBookingForm(initial=_initial(request))
        context, status = _service_context(found, form, request.GET.get("day"))
        return _private(render(request, SERVICE_TEMPLATE, context, status=status))
    form = CentreBookingForm(request.POST)
    email = request.POST.get("email", "").strip().lower()
    ratelimit.check_page(booking_limit(), request, email)  # RateLimited: the 429 page
    raw_day = request.GET.get("day")
    if form.is_valid():
        slot: dt.datetime = form.cleaned_data["slot"]
        raw_day = slot.date().isoformat()
        try:
            booking = book_centre_visit(
                service=found,
                day=slot.date(),
                starts=slot.time(),
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                resident=resident_of(request.user),
            )
        except SlotTaken as exc:
            add_domain_error(form, exc, aliases={"starts": "slot"})
            context, _status = _service_context(found, form, raw_day, exc.alternatives)
            return _private(render(request, SERVICE_TEMPLATE, context, status=409))
        except DomainError as exc:
            add_domain_error(form, exc, aliases={"starts": "slot"})
            context, _status = _service_context(found, form, raw_day)
            status = exc.status if exc.status >= 400 else 422
            return _private(render(request, SERVICE_TEMPLATE, context, status=status))
        ratelimit.hit_page(booking_limit(), request, email)
        return redirect("portal:centre-booking", token=booking.token)
    context, _status = _service_context(found, form, raw_day)
    return _private(render(request, SERVICE_TEMPLATE, context, status=422))


def _booking_or_404(token: str) -> CentreBooking:
    found = selectors.booking_by_token(token)
    if found is None:
        raise Http404
    return found


def _cancellable(booking: CentreBooking) -> bool:
    """Offer the cancel link only where the service would cancel (booked, not yet begun)."""
    now = timezone.localtime(clock.now())
    return booking.status == CentreBookingStatus.BOOKED and (booking.day, booking.starts) > (
        now.date(),
        now.time(),
    )


def _booking_context(booking: CentreBooking) -> dict[str, Any]:
    council = CouncilSettings.load()
    hours = [
        {"weekday": WEEKDAYS[weekday], "starts": starts, "ends": ends}
        for weekday, starts, ends in selectors.centre_hours()
    ]
    return {
        "booking": booking,
        "service": booking.service,
        "documents": [line for line in booking.service.documents.splitlines() if line.strip()],
        "weekday": WEEKDAYS[booking.day.weekday()],
        "council": council,
        "hours": hours,
        "cancellable": _cancellable(booking),
        "cancelled": booking.status == CentreBookingStatus.CANCELLED,
        "late_minutes": int(ReceptionSettings.load().late_minutes),
        "cancel_url": public_url(reverse("portal:centre-cancel", args=[booking.token])),
        "find_url": public_url(reverse("portal:centre-find")),
    }


@require_GET
def booking(request: HttpRequest, token: str) -> HttpResponse:
    """Підтвердження запису, to print or to keep: the code in large type, when, where, what to bring."""
    found = _booking_or_404(token)
    return _private(render(request, BOOKING_TEMPLATE, _booking_context(found)))


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Скасувати запис (the letter's link): GET asks, POST cancels and frees the time."""
    found = _booking_or_404(token)
    template = "receptions/public/centre_cancel.html"
    if request.method != "POST":
        return _private(render(request, template, _booking_context(found)))
    try:
        cancel_centre_booking(token=token)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        context = {**_booking_context(found), "error": str(exc.message)}
        return _private(render(request, template, context, status=exc.status if exc.status >= 400 else 409))
    return redirect("portal:centre-booking", token=token)


@require_http_methods(["GET", "POST"])
def find(request: HttpRequest) -> HttpResponse:
    """Знайти свій запис: by the code and the phone given at booking; a wrong pair is one answer."""
    template = "receptions/public/centre_find.html"
    if request.method != "POST":
        return _private(render(request, template, {"form": CentreFindForm()}))
    form = CentreFindForm(request.POST)
    if not form.is_valid():
        return _private(render(request, template, {"form": form}, status=422))
    ratelimit.check_page(ratelimit.tracking_limit(), request)
    ratelimit.hit_page(ratelimit.tracking_limit(), request)
    found = selectors.booking_by_code_and_phone(form.cleaned_data["code"], form.cleaned_data["phone"])
    if found is None:
        context = {
            "form": form,
            "not_found": _("No booking with this code and phone. Check both and try again."),
        }
        return _private(render(request, template, context, status=404))
    return redirect(reverse("portal:centre-booking", args=[found.token]))
