"""Staff pages of the kindergarten queue (namespace "kindergarten", under /staff/kindergarten/): the
applications, the paper filing, the card and its actions, the institutions and their age groups, a
group's queue with "offer the free place". The queue's managers only (permissions.QUEUE_ROLES)."""

from django.urls import URLPattern, URLResolver, path

from hromada.kindergarten.views import staff_applications as applications
from hromada.kindergarten.views import staff_institutions as institutions

app_name = "kindergarten"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", applications.applications, name="applications"),
    path("applications/new/", applications.new_application, name="application-new"),
    path("applications/<int:application_id>/", applications.card, name="card"),
    path("applications/<int:application_id>/benefit/", applications.benefit, name="benefit"),
    path("applications/<int:application_id>/cancel/", applications.cancel, name="cancel"),
    path("applications/<int:application_id>/accept/", applications.accept, name="accept"),
    path("applications/<int:application_id>/decline/", applications.decline, name="decline"),
    path("institutions/", institutions.institutions, name="institutions"),
    path("institutions/new/", institutions.institution_new, name="institution-new"),
    path("institutions/<int:institution_id>/", institutions.institution, name="institution"),
    path("institutions/<int:institution_id>/groups/new/", institutions.group_new, name="group-new"),
    path("groups/<int:age_group_id>/", institutions.group, name="group"),
    path("groups/<int:age_group_id>/edit/", institutions.group_edit, name="group-edit"),
    path("groups/<int:age_group_id>/offer/", institutions.offer, name="offer"),
]
