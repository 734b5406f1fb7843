from django.urls import include, path

from hromada.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("zvernennia/nove/", views.new_appeal, name="new"),
    path("zvernennia/stan/", views.track, name="track"),
    path("", include("hromada.portal.questions_urls")),
    path("", include("hromada.petitions.public_urls")),
    path("kabinet/", include("hromada.portal.account_urls")),
]
