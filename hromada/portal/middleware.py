"""Заголовки безпеки for every response.

The public portal gets a strict Content-Security-Policy (scripts and styles only from our own
origin, nothing inline). The staff workspace and the admin keep working pages that use inline
handlers (`onclick`, htmx `hx-on`, which htmx evaluates) and `style` attributes, so they get a policy
that still forbids other origins, framing and plugins but allows inline code and styles.
The API docs (Swagger UI from a CDN) are left without a CSP.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
STAFF = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
RELAXED_PREFIXES = ("/staff/", "/admin/")
NO_CSP_PREFIXES = ("/api/v1/docs",)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        path = request.path
        if "Content-Security-Policy" not in response and not path.startswith(NO_CSP_PREFIXES):
            relaxed = path.startswith(RELAXED_PREFIXES)
            response["Content-Security-Policy"] = (
                getattr(settings, "HROMADA_CSP_STAFF", STAFF)
                if relaxed
                else getattr(settings, "HROMADA_CSP_PUBLIC", STRICT)
            )
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Referrer-Policy", "same-origin")
        response.setdefault("X-Frame-Options", "DENY")
        return response
