"""Публічний API: file an e-appeal and follow it, without an account (rate-limited like the site).

The tracking code may come as `?code=` (as the spec has it) or, preferably, in the `X-Tracking-Code`
header, which proxies and servers do not write to their access logs.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from hromada.appeals.public_schemas import EAppealFiled, EAppealIn, PublicStatusOut
from hromada.appeals.selectors import public_status
from hromada.appeals.services import file_e_appeal, find_by_tracking
from hromada.core import ratelimit
from hromada.core.api_types import ErrorOut, Text
from hromada.core.errors import NotFound

router = Router(tags=["public"], auth=None)

#: The operation ids the API has published since this router lived in the portal (ninja derives them
#: from the module's path): clients and the contract tests know them by these names.
_OPERATION_ID = "hromada_portal_api_{}"


@router.post(
    "/appeals",
    response={201: EAppealFiled, 429: ErrorOut},
    summary="File an e-appeal",
    operation_id=_OPERATION_ID.format("create_appeal"),
)
def create_appeal(request: HttpRequest, payload: EAppealIn, response: HttpResponse) -> Status[EAppealFiled]:
    """Registers an e-appeal (channel `web`); answers the registration number and the tracking code.
    The same code and number are e-mailed to the author. 422 lists field errors; 429 when too many."""
    ip = ratelimit.client_ip(request)
    ratelimit.check(ratelimit.filing_limit(), ip, payload.email)  # RateLimited: 429 (hromada.api)
    appeal, code = file_e_appeal(payload)
    ratelimit.hit(ratelimit.filing_limit(), ip, payload.email)
    response["Cache-Control"] = "no-store"
    return Status(201, EAppealFiled(number=appeal.number, tracking_code=code))


@router.get(
    "/appeals/{number}",
    response={200: PublicStatusOut, 429: ErrorOut},
    summary="Status of an e-appeal",
    operation_id=_OPERATION_ID.format("appeal_status"),
)
def appeal_status(
    request: HttpRequest,
    number: Annotated[Text, Path(max_length=40)],
    response: HttpResponse,
    code: Text = Query("", max_length=64),  # noqa: B008 (ninja reads the default only here)
) -> dict[str, Any]:
    """Give the code in the `X-Tracking-Code` header (preferred) or `?code=`. A wrong number or code
    answers the same 404."""
    ip = ratelimit.client_ip(request)
    ratelimit.check(ratelimit.tracking_limit(), ip)
    ratelimit.hit(ratelimit.tracking_limit(), ip)
    appeal = find_by_tracking(number, request.headers.get("X-Tracking-Code", "") or code)
    if appeal is None:
        raise NotFound(_("No appeal with this number and code."), field="number")
    response["Cache-Control"] = "no-store"
    s = public_status(appeal)
    return {
        **s,
        "registered_on": s["registered_on"].isoformat(),
        "due_date": s["due_date"].isoformat() if s["due_date"] else None,
        "events": [{**e, "at": e["at"].isoformat()} for e in s["events"]],
        "answers": [{**a, "at": a["at"].isoformat()} for a in s["answers"]],
    }
