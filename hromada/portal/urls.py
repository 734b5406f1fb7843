from django.urls import path

from hromada.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("zvernennia/nove/", views.new_appeal, name="new"),
    path("zvernennia/stan/", views.track, name="track"),
]
