"""Answers every public page shares: private (never cached) responses and the 429 of a rate limit
(rendered by core.middleware.RateLimitedMiddleware for any page whose view lets RateLimited out).

Here, not in the portal, because each domain app renders its own public pages (the portal is only
their layout and home page).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from hromada.core.errors import RateLimited


def private(response: HttpResponse) -> HttpResponse:
    """A page with a person's data or a form's token: no cache anywhere (includes no-store)."""
    add_never_cache_headers(response)
    return response


def too_many(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    """429 with Retry-After and the minutes to wait, in the portal's layout."""
    response = render(request, "portal/too_many.html", {"minutes": -(-exc.retry_after // 60)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return private(response)
