"""Staff pages of the register, mounted at /staff/appeals/ (namespace "appeals")."""

from hromada.appeals.views import card, files, imports, letters, lists, registration

app_name = "appeals"

urlpatterns = [
    *lists.urlpatterns,
    *registration.urlpatterns,
    *imports.urlpatterns,
    *card.urlpatterns,
    *files.urlpatterns,
    *letters.urlpatterns,
]
