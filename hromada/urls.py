from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from hromada.api import api


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", include("hromada.portal.urls")),
    path("staff/", include("hromada.workspace.urls")),
    path("staff/appeals/", include("hromada.appeals.urls")),
    path("staff/reports/", include("hromada.reports.urls")),
    path("staff/questions/", include("hromada.questions.urls")),
    path("staff/petitions/", include("hromada.petitions.urls")),
    path("staff/receptions/", include("hromada.receptions.urls")),
    path("staff/kindergarten/", include("hromada.kindergarten.urls")),
    # The language switch needs no CSRF token: the worst a forged request can do is change a
    # visitor's language, and without a token in the footer a public page holds nothing per visitor
    # (so it can be cached for anonymous readers: see petitions.views.public.petition).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", health),
]

# The site's own error pages, in the portal's or the staff layout by path (core/error_pages.py).
handler400 = "hromada.core.error_pages.bad_request"
handler403 = "hromada.core.error_pages.permission_denied"
handler404 = "hromada.core.error_pages.page_not_found"
handler500 = "hromada.core.error_pages.server_error"
