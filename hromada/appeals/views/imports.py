from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from hromada.accounts.access import role_required


@role_required()
def import_cards(request: HttpRequest) -> HttpResponse:  # placeholder: the registration brief replaces it
    return HttpResponse("")


urlpatterns: list[URLPattern] = [path("import/", import_cards, name="import")]
