from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from hromada.accounts.access import role_required


@role_required()
def card(request: HttpRequest, appeal_id: int) -> HttpResponse:  # placeholder: the card brief replaces it
    return HttpResponse("")


urlpatterns: list[URLPattern] = [path("<int:appeal_id>/", card, name="card")]
