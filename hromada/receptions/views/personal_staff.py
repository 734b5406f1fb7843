"""Сторінки працівників для особистого прийому: the officials and the reception day page.

The day page is where a reception is run: the visitors in order, "came" / "did not come", the appeal
registered from a visit (Instruction 348), cancelling, booking by phone and the walk-in. Each action
posts to its own URL, calls one service and redirects back to the day (PRG); a refusal re-renders
the day with the error and its status (422 a field, 409 a state). The registrar and the administrator
see every official; an official's linked account sees only their own (403 for anyone else).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from pydantic import ValidationError as SchemaError

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.core import clock
from hromada.core.errors import DomainError
from hromada.core.errors import PermissionDenied as Denied
from hromada.core.forms import add_domain_error
from hromada.receptions import slots
from hromada.receptions.forms.personal_staff import AppealForm, MarkForm, PhoneBookingForm, WalkInForm
from hromada.receptions.models import BookingChannel, Official, ReceptionBooking, ReceptionBookingStatus
from hromada.receptions.permissions import can_manage_receptions, can_run_reception_day
from hromada.receptions.selectors import personal_public as selectors
from hromada.receptions.selectors.personal import day_list
from hromada.receptions.services import personal as services


def _official(request: StaffRequest, official_id: int) -> Official:
    official = selectors.official_for_staff(official_id)
    if official is None:
        raise Http404
    if not can_run_reception_day(request.user, official):
        raise PermissionDenied
    return official


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


def _visit(request: StaffRequest, booking_id: int) -> ReceptionBooking:
    booking = ReceptionBooking.objects.select_related("official").filter(pk=booking_id).first()
    if booking is None:
        raise Http404
    if not can_run_reception_day(request.user, booking.official):
        raise PermissionDenied
    return booking


def day_url(official_id: int, day: dt.date) -> str:
    return reverse("receptions:day", args=[official_id, day.isoformat()])


@role_required()
@require_GET
def officials(request: StaffRequest) -> HttpResponse:
    """The officials the user runs receptions for, with today's and the next day's visitors."""
    rows = list(selectors.staff_officials(request.user))
    if not rows and not can_manage_receptions(request.user):
        raise PermissionDenied
    today = clock.today()
    nexts = {o.pk: selectors.reception_day_after(o, today) for o in rows}
    counts = selectors.booking_counts(rows, {today, *(d for d in nexts.values() if d)})
    table = []
    for o in rows:
        following = nexts[o.pk]
        table.append(
            {
                "official": o,
                "today": counts.get((o.pk, today), 0),
                "next": following,
                "next_count": counts.get((o.pk, following), 0) if following else 0,
            }
        )
    context = {"today": today, "rows": table}
    return render(request, "receptions/staff/personal_officials.html", context)


def _row(booking: ReceptionBooking, bound: dict[str, Any]) -> dict[str, Any]:
    appeal_form = None
    if booking.status == ReceptionBookingStatus.CAME and booking.appeal_id is None:
        given = bound.get("appeal")
        appeal_form = (
            given[1] if given and given[0] == booking.pk else AppealForm(auto_id=f"id_appeal{booking.pk}_%s")
        )
    return {
        "booking": booking,
        "appeal_form": appeal_form,
        "appeal_url": reverse("appeals:card", args=[booking.appeal_id]) if booking.appeal_id else "",
        "error": bound.get("error") if bound.get("error_for") == booking.pk else "",
    }


def _render_day(
    request: StaffRequest, official: Official, day: dt.date, *, status: int = 200, **bound: Any
) -> HttpResponse:
    """The day page; `bound` carries a refused form (book, walk_in, appeal) back with its errors."""
    free = slots.free_slots(official, day, priority=True) if day >= clock.today() else []
    context = {
        "official": official,
        "day": day,
        "rows": [_row(b, bound) for b in day_list(official, day)],
        "previous": selectors.reception_day_after(official, day, step=-1),
        "next": selectors.reception_day_after(official, day),
        "book_form": bound.get("book")
        or PhoneBookingForm(official=official, free=free, auto_id="id_book_%s"),
        "walk_in_form": bound.get("walk_in") or WalkInForm(official=official, auto_id="id_walk_%s"),
        "free": free,
        "error": bound.get("error") if not bound.get("error_for") else "",
    }
    return render(request, "receptions/staff/personal_day.html", context, status=status)


@role_required()
@require_GET
def day(request: StaffRequest, official_id: int, day: str) -> HttpResponse:
    """THE reception day page (день прийому)."""
    return _render_day(request, _official(request, official_id), _day(day))


@role_required()
@require_POST
def mark(request: StaffRequest, booking_id: int) -> HttpResponse:
    """The mark "came" / "did not come", with the result of the conversation."""
    booking = _visit(request, booking_id)
    official = selectors.official_for_staff(booking.official_id)
    assert official is not None
    form = MarkForm(request.POST)
    if not form.is_valid():
        error = _("Choose whether the visitor came.")
        return _render_day(request, official, booking.day, status=422, error=error, error_for=booking.pk)
    try:
        services.mark_visit(
            actor=request.user,
            booking=booking,
            came=form.cleaned_data["came"],
            result=form.cleaned_data["result"],
        )
    except Denied:
        raise PermissionDenied from None
    except DomainError as exc:
        return _render_day(
            request, official, booking.day, status=exc.status, error=exc.message, error_for=booking.pk
        )
    return redirect(day_url(booking.official_id, booking.day))


@role_required()
@require_POST
def appeal(request: StaffRequest, booking_id: int) -> HttpResponse:
    """Register the visitor's appeal in the register (channel personal_reception) and link it."""
    booking = _visit(request, booking_id)
    official = selectors.official_for_staff(booking.official_id)
    assert official is not None
    form = AppealForm(request.POST, auto_id=f"id_appeal{booking.pk}_%s")
    if form.is_valid():
        try:
            appeal_id = services.register_appeal_from_visit(
                actor=request.user, booking=booking, **form.cleaned_data
            )
        except Denied:
            raise PermissionDenied from None
        except DomainError as exc:
            add_domain_error(form, exc, aliases={"issues.0.text": "text"})
            status = exc.status
        except SchemaError:
            form.add_error(None, _("The appeal could not be registered: check its fields."))
            status = 422
        else:
            _registered_message(request, appeal_id)
            return redirect(day_url(booking.official_id, booking.day))
    else:
        status = 422
    return _render_day(request, official, booking.day, status=status, appeal=(booking.pk, form))


def _registered_message(request: StaffRequest, appeal_id: int) -> None:
    from hromada.appeals.door import registered_appeal

    found = registered_appeal(appeal_id)
    number = found.number if found is not None else str(appeal_id)
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("The appeal № %(number)s is registered.") % {"number": number},
            reverse("appeals:card", args=[appeal_id]),
            _("Open its card in the register"),
        ),
    )


@role_required()
@require_POST
def cancel(request: StaffRequest, booking_id: int) -> HttpResponse:
    """The registrar cancels a booked visit (the caller rang to say they will not come)."""
    booking = _visit(request, booking_id)
    try:
        services.cancel_reception_booking(booking=booking, actor=request.user)
    except Denied:
        raise PermissionDenied from None
    except DomainError as exc:
        official = selectors.official_for_staff(booking.official_id)
        assert official is not None
        return _render_day(
            request, official, booking.day, status=exc.status, error=exc.message, error_for=booking.pk
        )
    messages.success(request, _("The booking is cancelled."))
    return redirect(day_url(booking.official_id, booking.day))


@role_required()
@require_POST
def book(request: StaffRequest, official_id: int, day: str) -> HttpResponse:
    """Book a free time for a caller (channel "phone")."""
    official, when = _official(request, official_id), _day(day)
    free = slots.free_slots(official, when, priority=True)
    form = PhoneBookingForm(request.POST, official=official, free=free, auto_id="id_book_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.book_reception(
                official=official,
                day=when,
                starts=data["starts"],
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                topic=data["topic"],
                question=data["question"],
                category=data["category"] or None,
                channel=BookingChannel.PHONE,
                actor=request.user,
            )
        except Denied:
            raise PermissionDenied from None
        except DomainError as exc:
            add_domain_error(form, exc)
            return _render_day(request, official, when, status=exc.status, book=form)
        messages.success(request, _("The caller is booked."))
        return redirect(day_url(official.pk, when))
    return _render_day(request, official, when, status=422, book=form)


@role_required()
@require_POST
def walk_in(request: StaffRequest, official_id: int, day: str) -> HttpResponse:
    """Register a visitor who came without booking."""
    official, when = _official(request, official_id), _day(day)
    form = WalkInForm(request.POST, official=official, auto_id="id_walk_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.register_walk_in(
                actor=request.user,
                official=official,
                day=when,
                full_name=data["full_name"],
                topic=data["topic"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
                question=data["question"],
                category=data["category"] or None,
            )
        except Denied:
            raise PermissionDenied from None
        except DomainError as exc:
            add_domain_error(form, exc)
            return _render_day(request, official, when, status=exc.status, walk_in=form)
        messages.success(request, _("The visitor is registered."))
        return redirect(day_url(official.pk, when))
    return _render_day(request, official, when, status=422, walk_in=form)


urlpatterns: list[URLPattern] = [
    path("", officials, name="officials"),
    path("officials/<int:official_id>/<str:day>/", day, name="day"),
    path("officials/<int:official_id>/<str:day>/book/", book, name="book"),
    path("officials/<int:official_id>/<str:day>/walk-in/", walk_in, name="walk-in"),
    path("visits/<int:booking_id>/mark/", mark, name="mark"),
    path("visits/<int:booking_id>/appeal/", appeal, name="appeal"),
    path("visits/<int:booking_id>/cancel/", cancel, name="cancel"),
]
