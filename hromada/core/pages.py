"""Answers every public page shares: private (never cached) responses and the 429 of a rate limit
(rendered by core.middleware.RateLimitedMiddleware for any page whose view lets RateLimited out).

Here, not in the portal, because each domain app renders its own public pages (the portal is only
their layout and home page).
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.core import clock
from hromada.core.errors import RateLimited
from hromada.core.models import CouncilSettings

_R = TypeVar("_R", bound=HttpResponseBase)


def private(response: _R) -> _R:
    """A page with a person's data or a form's token: no cache anywhere (includes no-store)."""
    add_never_cache_headers(response)
    return response


def retry_at(retry_after: int) -> dt.datetime:
    """The local time from which one more attempt is allowed."""
    return timezone.localtime(clock.now() + dt.timedelta(seconds=retry_after))


def rate_limit_body(exc: RateLimited) -> dict[str, object]:
    """The API's 429 body: the error, the seconds and the time to retry, and the other ways to reach
    the council (in the language of the request, as every API message)."""
    council = CouncilSettings.load()
    at = retry_at(exc.retry_after)
    minutes = -(-exc.retry_after // 60)
    message = ngettext(
        "Too many attempts. Try again in %(minutes)s minute (at %(time)s).",
        "Too many attempts. Try again in %(minutes)s minutes (at %(time)s).",
        minutes,
    ) % {"minutes": minutes, "time": at.strftime("%H:%M")}
    alternatives = [
        _("by post: %(address)s") % {"address": council.letterhead_address}
        if council.letterhead_address
        else _("by post to the council's address"),
        *(
            [_("by phone: %(phone)s") % {"phone": council.letterhead_phone}]
            if council.letterhead_phone
            else []
        ),
        _("at a reception of citizens on a working day, %(start)s–%(end)s")
        % {
            "start": council.working_day_start.strftime("%H:%M"),
            "end": council.working_day_end.strftime("%H:%M"),
        },
    ]
    return {
        **exc.as_dict(),
        "message": message,
        "retry_after": exc.retry_after,
        "retry_at": at.isoformat(timespec="minutes"),
        "alternatives": alternatives,
    }


def too_many(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    """429 with Retry-After: when to try again (in minutes and as a time of day) and what else the
    resident can do meanwhile — send the appeal by post, call, or come to the reception — with the
    council's address, phone and working hours from its settings (Налаштування ради)."""
    council = CouncilSettings.load()
    context = {
        "minutes": -(-exc.retry_after // 60),
        "retry_at": retry_at(exc.retry_after),
        "address": council.letterhead_address,
        "phone": council.letterhead_phone,
        "email": council.letterhead_email,
        "hours_from": council.working_day_start,
        "hours_to": council.working_day_end,
    }
    response = render(request, "portal/too_many.html", context, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return private(response)
