"""Staff pages of personal receptions (namespace "receptions", under /staff/receptions/): the
officials, the reception day with its actions, and the printable journal."""

from django.urls import URLPattern, URLResolver

from hromada.receptions.views import personal_journal, personal_staff

urlpatterns: list[URLPattern | URLResolver] = [
    *personal_staff.urlpatterns,
    *personal_journal.urlpatterns,
]
