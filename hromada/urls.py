from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

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
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", health),
]
