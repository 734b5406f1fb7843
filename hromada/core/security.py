"""Заголовки безпеки: the headers every dynamic response carries.

- One Content-Security-Policy for the whole site, staff pages and the administration included:
  scripts and styles only from our own origin, nothing inline, no eval (htmx runs with
  `allowEval: false`; behaviour lives in static files). The API docs page (Swagger UI, which loads
  its own scripts) is the one exception.
- `Cache-Control: no-store` unless the view said otherwise: staff pages, the cabinet and API answers
  carry personal data, and a shared or back-button cache must not keep them. A public view that may be
  cached says so itself (e.g. `public, max-age=300` on open data).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
NO_CSP_PREFIXES = ("/api/v1/docs",)


def content_security_policy() -> str:
    """The policy in force: HROMADA_CSP from the environment, or the strict default."""
    return getattr(settings, "HROMADA_CSP", "") or POLICY


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and not request.path.startswith(NO_CSP_PREFIXES):
            response["Content-Security-Policy"] = content_security_policy()
        if "Cache-Control" not in response:
            patch_cache_control(response, no_store=True, private=True)
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Referrer-Policy", "same-origin")
        response.setdefault("X-Frame-Options", "DENY")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
