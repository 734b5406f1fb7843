from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from hromada.accounts.access import role_required


@role_required()
def appeal_list(request: HttpRequest) -> HttpResponse:  # placeholder: the lists brief replaces it
    return HttpResponse("")


urlpatterns: list[URLPattern] = [path("", appeal_list, name="list")]
