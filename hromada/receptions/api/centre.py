"""The centre's e-booking (попередній запис до ЦНАП) in the JSON API.

Public, no account (/api/v1/public/receptions/centre): the catalogue of services by group, a
service's open days and free times, booking (201 with the code and the secret token; 409 when the
slot went a moment ago, with the next free ones, or when the person's limits are used up), and the
booking by its token (read, cancel). Staff (/api/v1/receptions/centre): the day's bookings — for the
centre's administrators only (a registrar does not work the hall: 403).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from hromada.accounts.http import ApiRequest
from hromada.core import clock
from hromada.core.api_types import ErrorOut, FieldErrorOut, ObjectId
from hromada.core.errors import NotFound, PermissionDenied
from hromada.receptions import centre_slots
from hromada.receptions.api import limits
from hromada.receptions.api.schemas_centre import (
    CentreBookedOut,
    CentreBookIn,
    CentreBookingOut,
    CentreConflictOut,
    CentreDayQuery,
    CentreDaysOut,
    CentreGroupOut,
    CentreSlotsOut,
    CentreStaffDayOut,
    CentreStaffDayQuery,
)
from hromada.receptions.api.schemas_personal import Token
from hromada.receptions.models import CentreBooking, CentreBookingStatus, CentreService
from hromada.receptions.permissions import can_work_centre
from hromada.receptions.selectors import centre as selectors
from hromada.receptions.services import centre_booking as services

router = Router(tags=["receptions"])
public_router = Router(tags=["receptions (public)"], auth=None)

PUBLIC_READ: dict[int, Any] = {404: ErrorOut, 422: list[FieldErrorOut], 429: ErrorOut}
PUBLIC_WRITE: dict[int, Any] = {**PUBLIC_READ, 409: CentreConflictOut}
STAFF: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 422: list[FieldErrorOut]}


def centre_worker(user: Any) -> None:
    """The hall's work (bookings, check-in, the queue) is the centre administrators' (403 else)."""
    if not can_work_centre(user):
        raise PermissionDenied(_("Your role does not allow this action."))


def _service(service_id: int) -> CentreService:
    service = CentreService.objects.filter(pk=service_id, is_active=True).first()
    if service is None:
        raise NotFound(_("No such service."), field="service_id")
    return service


def _booking_out(b: CentreBooking) -> dict[str, Any]:
    return {
        "code": b.code,
        "service_id": b.service_id,
        "service_name": b.service.name,
        "window": b.window.number,
        "day": b.day,
        "starts": b.starts.strftime("%H:%M"),
        "ends": b.ends.strftime("%H:%M"),
        "status": b.status,
        "status_label": str(b.get_status_display()),
        "cancellable": b.status == CentreBookingStatus.BOOKED and b.day >= clock.today(),
    }


# --- Public ---------------------------------------------------------------------------------------


@public_router.get(
    "/centre/services",
    response=list[CentreGroupOut],
    summary="The centre's catalogue of services by group",
    operation_id="receptions_centre_catalogue",
)
def catalogue(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "group": group,
            "services": [
                {
                    "id": s.pk,
                    "code": s.code,
                    "name": s.name,
                    "documents": s.documents,
                    "minutes": s.minutes,
                    "fee": f"{s.fee:.2f}",
                    "authority": s.authority,
                    "bookable": s.is_bookable,
                }
                for s in services
            ],
        }
        for group, services in selectors.catalogue().items()
    ]


@public_router.get(
    "/centre/services/{int:service_id}/days",
    response={200: CentreDaysOut, 404: ErrorOut},
    summary="Days a centre service can be booked",
    operation_id="receptions_centre_days",
)
def service_days(request: HttpRequest, service_id: ObjectId) -> dict[str, Any]:
    """Working days from today to the horizon (the last one opens at the set hour) with a free slot."""
    service = _service(service_id)
    return {"service_id": service.pk, "days": centre_slots.open_days(service)}


@public_router.get(
    "/centre/services/{int:service_id}/slots",
    response={200: CentreSlotsOut, 404: ErrorOut, 422: list[FieldErrorOut]},
    summary="Free times of a centre service on a day",
    operation_id="receptions_centre_slots",
)
def service_slots(request: HttpRequest, service_id: ObjectId, query: Query[CentreDayQuery]) -> dict[str, Any]:
    service = _service(service_id)
    day = query.day or clock.today()
    free = centre_slots.free_slots(service, day)
    return {
        "service_id": service.pk,
        "day": day,
        "free": [{"starts": s.starts.strftime("%H:%M"), "ends": s.ends.strftime("%H:%M")} for s in free],
    }


@public_router.post(
    "/centre/services/{int:service_id}/bookings",
    response={201: CentreBookedOut, **PUBLIC_WRITE},
    summary="Book a visit to the centre",
    operation_id="receptions_centre_book",
)
def book(
    request: HttpRequest, service_id: ObjectId, payload: CentreBookIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    """201 with the code and the secret token (both in the letter too); 409 `slot_taken` with the
    next free slots, `limit_reached`; 422 field errors (`slot_unavailable` too); 429 too many."""
    service = _service(service_id)
    ip = limits.check_booking(request, payload.email or payload.phone)
    booking = services.book_centre_visit(
        service=service,
        day=payload.day,
        starts=payload.starts,
        full_name=payload.full_name,
        phone=payload.phone,
        email=payload.email,
    )
    limits.hit_booking(ip, payload.email or payload.phone)
    response["Cache-Control"] = "no-store"
    return Status(201, {"code": booking.code, "token": booking.token, "booking": _booking_out(booking)})


def _by_token(token: str) -> CentreBooking:
    booking = selectors.booking_by_token(token)
    if booking is None:
        raise NotFound(_("The booking is not found."), field="token")
    return booking


@public_router.get(
    "/centre/bookings/{token}",
    response={200: CentreBookingOut, **PUBLIC_READ},
    summary="A centre booking by its token",
    operation_id="receptions_centre_booking_by_token",
)
def booking_by_token(
    request: HttpRequest, token: Annotated[Token, Path()], response: HttpResponse
) -> dict[str, Any]:
    limits.lookup(request)
    response["Cache-Control"] = "no-store"
    return _booking_out(_by_token(token))


@public_router.post(
    "/centre/bookings/{token}/cancel",
    response={200: CentreBookingOut, **PUBLIC_WRITE},
    summary="Cancel a centre booking by its token",
    operation_id="receptions_centre_cancel_by_token",
)
def cancel_by_token(request: HttpRequest, token: Annotated[Token, Path()]) -> dict[str, Any]:
    """Frees the slot; 409 `wrong_status` once the visit has begun or is not booked any more."""
    limits.lookup(request)
    services.cancel_centre_booking(token=token)
    return _booking_out(_by_token(token))


# --- Staff ----------------------------------------------------------------------------------------


@router.get(
    "/centre/bookings",
    response={200: CentreStaffDayOut, **STAFF},
    summary="The centre's bookings of a day (staff)",
    operation_id="receptions_centre_day_bookings",
)
def day_bookings(request: ApiRequest, query: Query[CentreStaffDayQuery]) -> dict[str, Any]:
    """Every booking of the day but the cancelled ones, by time and window."""
    centre_worker(request.auth)
    day = query.day or clock.today()
    rows = (
        CentreBooking.objects.filter(day=day)
        .exclude(status=CentreBookingStatus.CANCELLED)
        .select_related("service", "window")
        .order_by("starts", "window__number")
    )
    return {
        "day": day,
        "bookings": [
            {
                "id": b.pk,
                "code": b.code,
                "service_id": b.service_id,
                "service_name": b.service.name,
                "window": b.window.number,
                "starts": b.starts.strftime("%H:%M"),
                "ends": b.ends.strftime("%H:%M"),
                "status": b.status,
                "status_label": str(b.get_status_display()),
                "full_name": b.full_name,
                "phone": b.phone,
                "email": b.email,
            }
            for b in rows
        ],
    }
