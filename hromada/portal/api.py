"""Публічний API: file an e-appeal and follow it, without an account (rate-limited like the site).

The tracking code may come as `?code=` (as the spec has it) or, preferably, in the `X-Tracking-Code`
header, which proxies and servers do not write to their access logs.
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from hromada.appeals.services import find_by_tracking
from hromada.core import ratelimit
from hromada.core.api_types import ErrorOut, Text
from hromada.core.errors import NotFound
from hromada.portal.schemas import EAppealFiled, EAppealIn, PublicStatusOut
from hromada.portal.selectors import public_status
from hromada.portal.services import file_e_appeal

router = Router(tags=["public"], auth=None)


def _limited(request: HttpRequest, exc: ratelimit.RateLimited) -> HttpResponse:
    from hromada.api import api

    body = {"code": "rate_limited", "message": _("Too many attempts. Try again later."), "field": ""}
    response = api.create_response(request, body, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@router.post("/appeals", response={201: EAppealFiled, 429: ErrorOut}, summary="File an e-appeal")
def create_appeal(request: HttpRequest, payload: EAppealIn, response: HttpResponse):  # type: ignore[no-untyped-def]
    """Registers an e-appeal (channel `web`); answers the registration number and the tracking code.
    The same code and number are e-mailed to the author. 422 lists field errors; 429 when too many."""
    ip = ratelimit.client_ip(request)
    try:
        ratelimit.check(ratelimit.filing_limit(), ip, payload.email)
    except ratelimit.RateLimited as exc:
        return _limited(request, exc)
    appeal, code = file_e_appeal(payload)
    ratelimit.hit(ratelimit.filing_limit(), ip, payload.email)
    response["Cache-Control"] = "no-store"
    return Status(201, EAppealFiled(number=appeal.number, tracking_code=code))


@router.get(
    "/appeals/{number}", response={200: PublicStatusOut, 429: ErrorOut}, summary="Status of an e-appeal"
)
def appeal_status(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    number: Annotated[Text, Path(max_length=40)],
    response: HttpResponse,
    code: Text = Query("", max_length=64),  # type: ignore[type-arg]  # noqa: B008 (ninja reads the default only here)
):
    """Give the code in the `X-Tracking-Code` header (preferred) or `?code=`. A wrong number or code
    answers the same 404."""
    ip = ratelimit.client_ip(request)
    try:
        ratelimit.check(ratelimit.tracking_limit(), ip)
    except ratelimit.RateLimited as exc:
        return _limited(request, exc)
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
