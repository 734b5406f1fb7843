"""Сторінки помилок: 400, 403, 404, 405, 500 and a refused CSRF token as pages of the site — the
portal's layout on public paths, the staff layout under /staff/ and /admin/ — with a way home and, on
403 for someone who is not signed in as staff, the sign-in link.

Django's handlers (`handler404`… in hromada/urls.py, CSRF_FAILURE_VIEW) render them in production.
Under DEBUG Django shows its technical pages instead; ErrorPagesMiddleware (HROMADA_DEBUG_ERROR_PAGES,
on by default with DEBUG) renders these for a missing page, a bad request and a refused method there
too, so that `make run` shows what residents see. A server error keeps its debug page under DEBUG:
the traceback is what the developer needs then. PermissionDenied goes to handler403 even under DEBUG.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.template import loader
from django.urls import Resolver404, get_resolver, reverse
from django.utils.http import urlencode

logger = logging.getLogger(__name__)

#: Paths served in the staff layout; every other page is the portal's.
STAFF_PREFIXES = ("/staff/", "/admin/")
#: Paths that answer in JSON (ninja's own handlers): never an HTML page.
API_PREFIX = "/api/"


def is_staff_path(path: str) -> bool:
    return path.startswith(STAFF_PREFIXES)


def _is_staff_user(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and getattr(user, "role", ""))


def _links(request: HttpRequest, status: int) -> dict[str, Any]:
    """Where the page sends the reader: home (the dashboard for staff, the portal for everyone else)
    and, on 403 for someone not signed in as staff, the sign-in page that leads back here."""
    staff_path = is_staff_path(request.path)
    staff_user = _is_staff_user(request)
    home_url = reverse("workspace:dashboard") if staff_path and staff_user else reverse("portal:home")
    sign_in_url, sign_in_staff = "", False
    if status == 403 and not staff_user:
        user = getattr(request, "user", None)
        # A resident following a staff link, or anyone refused under /staff/: the staff door; an
        # anonymous visitor of a public page: the resident's cabinet. Either leads back here.
        sign_in_staff = staff_path or bool(user is not None and user.is_authenticated)
        door = "workspace:sign-in" if sign_in_staff else "portal:sign-in"
        sign_in_url = f"{reverse(door)}?{urlencode({'next': request.get_full_path()})}"
    return {
        "error_layout": "workspace/layout.html" if staff_path else "portal/layout.html",
        "home_url": home_url,
        "home_is_dashboard": staff_path and staff_user,
        "sign_in_url": sign_in_url,
        "sign_in_staff": sign_in_staff,
    }


def error_page(request: HttpRequest, status: int, template: str = "") -> HttpResponse:
    """The page for `status` in the layout of the path; never cached by a proxy."""
    context = {"status": status, **_links(request, status)}
    body = loader.render_to_string(template or f"{status}.html", context, request=request)
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's layout; when that cannot be drawn (the database may be what
    failed: the layout reads the council's name), the plain page that needs nothing."""
    try:
        return error_page(request, 500)
    except Exception:
        logger.exception("The 500 page could not be rendered in the layout; the plain one is sent.")
        return HttpResponse(loader.render_to_string("500_plain.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form's token was missing or stale (a page open too long, cookies off)."""
    return error_page(request, 403, "403_csrf.html")


def _not_allowed(request: HttpRequest, response: HttpResponseBase) -> HttpResponse:
    page = error_page(request, 405)
    if response.has_header("Allow"):
        page["Allow"] = response["Allow"]
    return page


class ErrorPagesMiddleware:
    """After CommonMiddleware (so that APPEND_SLASH still redirects first). A bare 405 of
    `require_http_methods` becomes the page always; under DEBUG (HROMADA_DEBUG_ERROR_PAGES) a path
    that resolves nowhere and an Http404 or BadRequest of a view get the site's page instead of the
    technical one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.debug_pages = bool(getattr(settings, "HROMADA_DEBUG_ERROR_PAGES", settings.DEBUG))

    def _instead_of_debug(self, request: HttpRequest) -> bool:
        """Whether this request gets the site's page where DEBUG would show the technical one."""
        return self.debug_pages and settings.DEBUG and not request.path.startswith(API_PREFIX)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if self._instead_of_debug(request) and not self._resolves(request):
            return page_not_found(request)
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not request.path.startswith(API_PREFIX)
            and isinstance(response, HttpResponse)
            and not response.content
        ):
            return _not_allowed(request, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not self._instead_of_debug(request):
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, BadRequest):
            return bad_request(request, exception)
        return None

    @staticmethod
    def _resolves(request: HttpRequest) -> bool:
        try:
            get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
        except Resolver404:
            return False
        return True
