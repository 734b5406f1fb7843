"""The one place a page answers a rate limit: a view (or the service it calls) raises RateLimited and
this middleware renders the portal's too-many page, 429 with Retry-After. The API answers the same
error with its own handler in hromada.api (ninja catches it before any middleware sees it)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from hromada.core.errors import RateLimited
from hromada.core.pages import too_many


class RateLimitedMiddleware:
    """Last in MIDDLEWARE, so that the answer still passes every other middleware's headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            return too_many(request, exception)
        return None
