"""The centre's hall in public (portal namespace): the kiosk, the ticket, the hall display and
"how many are ahead of me"."""

from django.urls import URLPattern, URLResolver, path

from hromada.receptions.views import queue_public as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("cnap/kiosk/", views.centre_kiosk, name="centre-kiosk"),
    path("cnap/talon/<str:code>/", views.centre_ticket_page, name="centre-ticket-page"),
    path("cnap/zal/", views.centre_hall, name="centre-hall"),
    path("cnap/zal/tablo/", views.centre_hall_board, name="centre-hall-board"),
    path("cnap/cherha/", views.centre_ahead, name="centre-ahead"),
]
