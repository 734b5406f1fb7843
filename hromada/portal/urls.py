from django.urls import include, path

from hromada.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("hromada.appeals.public_urls")),
    path("", include("hromada.questions.public_urls")),
    path("", include("hromada.petitions.public_urls")),
    path("", include("hromada.receptions.public_urls")),
    path("", include("hromada.kindergarten.public_urls")),
    path("kabinet/", include("hromada.portal.account_urls")),
]
