"""Personal receptions (особистий прийом, Law 393/96-ВР art. 22) in the JSON API.

Public, no account (/api/v1/public/receptions): the published officials, their reception days and
free times, booking (as the portal's form, rate-limited), and the booking by its secret token (read,
cancel). Staff (/api/v1/receptions, a token or a staff session): the reception day of an official
with its visitors, the mark, walk-ins and the appeal registered from a visit. Thin: the rules and the
roles are the services' and permissions' (a centre administrator may not run personal receptions).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from hromada.accounts.http import ApiRequest
from hromada.appeals.door import registered_appeal
from hromada.core import clock
from hromada.core.api_types import ErrorOut, FieldErrorOut, ObjectId
from hromada.core.errors import NotFound, PermissionDenied
from hromada.receptions import slots
from hromada.receptions.api import limits
from hromada.receptions.api.schemas_personal import (
    ReceptionAppealIn,
    ReceptionAppealOut,
    ReceptionBookedOut,
    ReceptionBookIn,
    ReceptionBookingOut,
    ReceptionConflictOut,
    ReceptionDayOut,
    ReceptionDayQuery,
    ReceptionDaysOut,
    ReceptionMarkIn,
    ReceptionOfficialOut,
    ReceptionSlotsOut,
    ReceptionSlotsQuery,
    ReceptionVisitorOut,
    ReceptionWalkInIn,
    Token,
)
from hromada.receptions.errors import SlotUnavailable
from hromada.receptions.models import (
    BookingChannel,
    Official,
    ReceptionBooking,
    ReceptionBookingStatus,
    ReceptionSettings,
)
from hromada.receptions.permissions import can_run_reception_day
from hromada.receptions.selectors.personal import day_list
from hromada.receptions.services import personal as services
from hromada.reference.models import AuthorCategory

router = Router(tags=["receptions"])
public_router = Router(tags=["receptions (public)"], auth=None)

PUBLIC_READ: dict[int, Any] = {404: ErrorOut, 422: list[FieldErrorOut], 429: ErrorOut}
PUBLIC_WRITE: dict[int, Any] = {**PUBLIC_READ, 409: ReceptionConflictOut}
STAFF: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: list[FieldErrorOut]}
STAFF_CHANGE: dict[int, Any] = {**STAFF, 409: ReceptionConflictOut}


# --- Helpers --------------------------------------------------------------------------------------


def _hhmm(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _official_out(o: Official) -> dict[str, Any]:
    return {
        "id": o.pk,
        "name": o.full_name,
        "position": o.position,
        "place": o.place,
        "topics": [{"code": t.code, "name": t.name} for t in o.topics.all()],
        "suspended": o.is_suspended,
        "suspended_reason": o.suspension_reason if o.is_suspended else "",
    }


def _published(official_id: int) -> Official:
    official = Official.objects.filter(pk=official_id, is_published=True).first()
    if official is None:
        raise NotFound(_("No such official."), field="official_id")
    return official


def _horizon_end() -> dt.date:
    return clock.today() + dt.timedelta(days=int(ReceptionSettings.load().horizon_days))


def _bookable_day(day: dt.date) -> None:
    """The service's own day rules, asked first: a day centuries away would otherwise make the
    council calendar compute that year's holidays (seconds) before being refused."""
    if day < clock.today():
        raise SlotUnavailable(_("This day has passed."), field="day")
    if day > _horizon_end():
        raise SlotUnavailable(_("This day is not open for booking yet."), field="day")


def _is_priority(category: str) -> bool:
    return bool(category) and AuthorCategory.objects.filter(code=category, priority=True).exists()


def _booking_out(b: ReceptionBooking) -> dict[str, Any]:
    return {
        "official_id": b.official_id,
        "official_name": b.official.full_name,
        "position": b.official.position,
        "place": b.official.place,
        "day": b.day,
        "starts": _hhmm(b.starts),
        "status": b.status,
        "status_label": str(b.get_status_display()),
        "topic": b.topic_id,
        "cancellable": b.status == ReceptionBookingStatus.BOOKED and b.day >= clock.today(),
    }


def _by_token(token: str) -> ReceptionBooking:
    booking = ReceptionBooking.objects.select_related("official").filter(token=token).first()
    if booking is None:
        raise NotFound(_("No such booking."), field="token")
    return booking


# --- Public ---------------------------------------------------------------------------------------


@public_router.get(
    "/officials",
    response=list[ReceptionOfficialOut],
    summary="Officials who receive residents",
    operation_id="receptions_officials_list",
)
def officials_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The published officials in the page's order (a suspended one too, with the public reason)."""
    found = Official.objects.filter(is_published=True).prefetch_related("topics")
    return [_official_out(o) for o in found]


@public_router.get(
    "/officials/{int:official_id}/days",
    response={200: ReceptionDaysOut, 404: ErrorOut},
    summary="An official's reception days",
    operation_id="receptions_official_days",
)
def official_days(request: HttpRequest, official_id: ObjectId) -> dict[str, Any]:
    """Days from today to the end of the booking horizon with a reception (none while suspended)."""
    official = _published(official_id)
    return {"official_id": official.pk, "days": slots.reception_days(official, clock.today(), _horizon_end())}


@public_router.get(
    "/officials/{int:official_id}/slots",
    response={200: ReceptionSlotsOut, 404: ErrorOut, 422: list[FieldErrorOut]},
    summary="Free times of an official's reception day",
    operation_id="receptions_official_slots",
)
def official_slots(
    request: HttpRequest,
    official_id: ObjectId,
    query: Query[ReceptionSlotsQuery],
) -> dict[str, Any]:
    """Free start times of `day`; none for a past day or one past the horizon."""
    official = _published(official_id)
    day = query.day or clock.today()
    free: list[dt.time] = []
    if clock.today() <= day <= _horizon_end():
        free = slots.free_slots(official, day, priority=_is_priority(query.category))
    return {"official_id": official.pk, "day": day, "free": [t.strftime("%H:%M") for t in free]}


@public_router.post(
    "/officials/{int:official_id}/bookings",
    response={201: ReceptionBookedOut, **PUBLIC_WRITE},
    summary="Book a personal reception",
    operation_id="receptions_book",
)
def book(
    request: HttpRequest, official_id: ObjectId, payload: ReceptionBookIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    """As the portal's form: 201 with the secret token (also in the confirmation letter); 409
    `slot_taken` with `alternatives`, `suspended`; 422 field errors (`slot_unavailable` too);
    429 too many bookings from one address or e-mail."""
    official = _published(official_id)
    _bookable_day(payload.day)
    ip = limits.check_booking(request, payload.email)
    booking = services.book_reception(
        official=official,
        day=payload.day,
        starts=payload.starts,
        full_name=payload.full_name,
        phone=payload.phone,
        email=payload.email,
        topic=payload.topic,
        question=payload.question,
        category=payload.category or None,
        channel=BookingChannel.PORTAL,
    )
    limits.hit_booking(ip, payload.email)
    response["Cache-Control"] = "no-store"
    return Status(201, {"token": booking.token, "booking": _booking_out(booking)})


@public_router.get(
    "/bookings/{token}",
    response={200: ReceptionBookingOut, **PUBLIC_READ},
    summary="A personal-reception booking by its token",
    operation_id="receptions_booking_by_token",
)
def booking_by_token(
    request: HttpRequest, token: Annotated[Token, Path()], response: HttpResponse
) -> dict[str, Any]:
    limits.lookup(request)
    response["Cache-Control"] = "no-store"
    return _booking_out(_by_token(token))


@public_router.post(
    "/bookings/{token}/cancel",
    response={200: ReceptionBookingOut, **PUBLIC_WRITE},
    summary="Cancel a personal-reception booking by its token",
    operation_id="receptions_cancel_by_token",
)
def cancel_by_token(request: HttpRequest, token: Annotated[Token, Path()]) -> dict[str, Any]:
    """Frees the slot; 409 `wrong_status` when the visit is not booked any more."""
    limits.lookup(request)
    booking = services.cancel_reception_booking(token=token)
    return _booking_out(booking)


# --- Staff ----------------------------------------------------------------------------------------


def _official_for(user: Any, official_id: int) -> Official:
    official = Official.objects.filter(pk=official_id).first()
    if official is None:
        raise NotFound(_("No such official."), field="official_id")
    if not can_run_reception_day(user, official):
        raise PermissionDenied(_("Your role does not allow this action."))
    return official


def _visit(user: Any, booking_id: int) -> ReceptionBooking:
    booking = ReceptionBooking.objects.select_related("official").filter(pk=booking_id).first()
    if booking is None:
        raise NotFound(_("No such booking."), field="booking_id")
    if not can_run_reception_day(user, booking.official):
        raise PermissionDenied(_("Your role does not allow this action."))
    return booking


def _visitor_out(b: ReceptionBooking) -> dict[str, Any]:
    return {
        "id": b.pk,
        "starts": _hhmm(b.starts),
        "status": b.status,
        "status_label": str(b.get_status_display()),
        "channel": b.channel,
        "full_name": b.full_name,
        "phone": b.phone,
        "email": b.email,
        "address": b.address,
        "topic": b.topic_id,
        "topic_name": b.topic.name,
        "question": b.question,
        "category": b.category_id,
        "priority": bool(b.category is not None and b.category.priority),
        "arrived_at": b.arrived_at,
        "result": b.result,
        "appeal_id": b.appeal_id,
    }


@router.get(
    "/officials/{int:official_id}/day",
    response={200: ReceptionDayOut, **STAFF},
    summary="An official's reception day with its visitors",
    operation_id="receptions_day_list",
)
def day_visitors(
    request: ApiRequest, official_id: ObjectId, query: Query[ReceptionDayQuery]
) -> dict[str, Any]:
    """In the order they are seen: booked by time, walk-ins by arrival (priority first by the rule).
    The registrar, the administrator or the official themself; 403 for other roles."""
    official = _official_for(request.auth, official_id)
    day = query.day or clock.today()
    visitors = day_list(official, day)
    return {
        "official_id": official.pk,
        "official_name": official.full_name,
        "day": day,
        "visitors": [_visitor_out(b) for b in visitors],
    }


def _fresh(booking_id: int) -> ReceptionBooking:
    return ReceptionBooking.objects.select_related("topic", "category").get(pk=booking_id)


@router.post(
    "/visits/{int:booking_id}/mark",
    response={200: ReceptionVisitorOut, **STAFF_CHANGE},
    summary="Mark a visitor as came or not came",
    operation_id="receptions_mark_visit",
)
def mark(request: ApiRequest, booking_id: ObjectId, payload: ReceptionMarkIn) -> dict[str, Any]:
    """409 `wrong_status` for a cancelled booking."""
    booking = _visit(request.auth, booking_id)
    services.mark_visit(actor=request.auth, booking=booking, came=payload.came, result=payload.result)
    return _visitor_out(_fresh(booking_id))


@router.post(
    "/officials/{int:official_id}/walk-ins",
    response={201: ReceptionVisitorOut, **STAFF_CHANGE},
    summary="Register a walk-in visitor",
    operation_id="receptions_walk_in",
)
def walk_in(request: ApiRequest, official_id: ObjectId, payload: ReceptionWalkInIn) -> Status[dict[str, Any]]:
    """A visitor who came without booking: marked as came, after the booked ones by arrival."""
    official = _official_for(request.auth, official_id)
    booking = services.register_walk_in(
        actor=request.auth,
        official=official,
        day=payload.day,
        full_name=payload.full_name,
        topic=payload.topic,
        phone=payload.phone,
        email=payload.email,
        address=payload.address,
        question=payload.question,
        category=payload.category or None,
    )
    return Status(201, _visitor_out(_fresh(booking.pk)))


@router.post(
    "/visits/{int:booking_id}/appeal",
    response={201: ReceptionAppealOut, **STAFF_CHANGE},
    summary="Register the appeal made at a reception",
    operation_id="receptions_register_appeal",
)
def register_appeal(
    request: ApiRequest, booking_id: ObjectId, payload: ReceptionAppealIn
) -> Status[dict[str, Any]]:
    """In the register with the channel `personal_reception`, linked to the visit (Instruction 348);
    409 `wrong_status` when one is registered already or the booking is cancelled."""
    booking = _visit(request.auth, booking_id)
    appeal_id = services.register_appeal_from_visit(
        actor=request.auth,
        booking=booking,
        kind=payload.kind,
        text=payload.text,
        summary=payload.summary,
        sex=payload.sex,
    )
    appeal = registered_appeal(appeal_id)
    number = appeal.number if appeal is not None else ""
    return Status(201, {"booking_id": booking.pk, "appeal_id": appeal_id, "number": number})
