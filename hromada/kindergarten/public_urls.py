"""Public pages of the kindergarten queue (/dytsadok/…, namespace "portal"): the queue and its
institutions, the public lists (and their open data, public_urls_opendata.py), the lookup, and the
parent's application. The status page's path is printed in the letters: keep it."""

from django.urls import URLPattern, URLResolver, include, path

from hromada.kindergarten.views import public, public_application

urlpatterns: list[URLPattern | URLResolver] = [
    path("dytsadok/", public.index, name="kindergarten"),
    path("dytsadok/zaklady/<int:institution_id>/", public.institution, name="kindergarten-institution"),
    path("dytsadok/cherga/<int:age_group_id>/", public.queue, name="kindergarten-queue"),
    path("dytsadok/perevirka/", public.lookup, name="kindergarten-lookup"),
    path("dytsadok/zaiava/", public_application.apply, name="kindergarten-apply"),
    path("dytsadok/zaiava/podano/", public_application.filed, name="kindergarten-filed"),
    path("dytsadok/zaiava/<str:number>/", public_application.application, name="kindergarten-application"),
    path(
        "dytsadok/zaiava/<str:number>/zaklady/",
        public_application.preferences,
        name="kindergarten-preferences",
    ),
    path("dytsadok/zaiava/<str:number>/skasuvaty/", public_application.cancel, name="kindergarten-cancel"),
    path("dytsadok/zaiava/<str:number>/pryiniaty/", public_application.accept, name="kindergarten-accept"),
    path(
        "dytsadok/zaiava/<str:number>/vidmovytysia/",
        public_application.decline,
        name="kindergarten-decline",
    ),
    path("", include("hromada.kindergarten.public_urls_opendata")),
]
