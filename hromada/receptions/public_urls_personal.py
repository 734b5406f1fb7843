"""Public pages of personal receptions (/pryiom/…, namespace "portal"). The booking and cancellation
paths are printed in the letters (templates/notifications/reception_*.txt): keep them."""

from django.urls import URLPattern, URLResolver, path

from hromada.receptions.views import personal_public as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("pryiom/", views.receptions, name="receptions"),
    path("pryiom/<int:official_id>/", views.official, name="reception-official"),
    path("pryiom/<int:official_id>/calendar.ics", views.official_ics, name="reception-official-ics"),
    path("pryiom/zapys/<str:token>/", views.booking, name="reception-booking"),
    path("pryiom/zapys/<str:token>/calendar.ics", views.booking_ics, name="reception-booking-ics"),
    path("pryiom/skasuvaty/<str:token>/", views.cancel, name="reception-cancel"),
]
