from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import path

from hromada.api import api


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", health),
]
