"""The project's URLs plus views that fail in each way, for the error-page tests (ROOT_URLCONF)."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

# The site's own handlers, as hromada/urls.py names them (test_error_pages checks those on the real URLs).
handler400 = "hromada.core.error_pages.bad_request"
handler403 = "hromada.core.error_pages.permission_denied"
handler404 = "hromada.core.error_pages.page_not_found"
handler500 = "hromada.core.error_pages.server_error"


def bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("unreadable")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def missing(request: HttpRequest) -> HttpResponse:
    raise Http404("no such thing")


@require_POST
def post_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse("posted")


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


def _failing(prefix: str) -> list:
    return [
        path(f"{prefix}bad/", bad),
        path(f"{prefix}forbidden/", forbidden),
        path(f"{prefix}missing/", missing),
        path(f"{prefix}post-only/", post_only),
        path(f"{prefix}boom/", boom),
    ]


# The project's URLs by name, not by import: core may not import the layers above it.
# The project's URLs by name, not by import: core may not import the layers above it.
urlpatterns = [*_failing("staff/test-errors/"), *_failing("test-errors/"), path("", include("hromada.urls"))]
