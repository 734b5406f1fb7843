"""The project's URLs plus views that fail in each way, for the error-page tests (ROOT_URLCONF)."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from hromada.urls import handler400, handler403, handler404, handler500, urlpatterns as site


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


urlpatterns = [*_failing("staff/test-errors/"), *_failing("test-errors/"), *site]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
