"""The centre's hall for its administrators, under /staff/receptions/centre/ (namespace receptions)."""

from django.urls import URLPattern, URLResolver, path

from hromada.receptions.views import centre_staff as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("centre/", views.centre_desk, name="centre-desk"),
    path("centre/check-in/", views.centre_check_in, name="centre-check-in"),
    path("centre/ticket/", views.centre_ticket, name="centre-ticket"),
    path("centre/windows/<int:window_id>/", views.centre_window, name="centre-window"),
    path("centre/windows/<int:window_id>/call/", views.centre_call, name="centre-call"),
    path("centre/tickets/<int:ticket_id>/finish/", views.centre_finish, name="centre-finish"),
    path("centre/statistics/", views.centre_statistics, name="centre-statistics"),
]
