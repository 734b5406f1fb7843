"""Public pages of the e-appeal (електронне звернення) and its tracking (namespace "portal")."""

from django.urls import path

from hromada.appeals.views import public as views

urlpatterns = [
    path("zvernennia/nove/", views.new_appeal, name="new"),
    path("zvernennia/otrymano/", views.filed, name="filed"),
    path("zvernennia/stan/", views.track, name="track"),
]
