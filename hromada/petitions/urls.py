"""Staff pages of e-petitions, mounted at /staff/petitions/ (namespace "petitions")."""

from hromada.petitions.views import fraud, pages

app_name = "petitions"

urlpatterns = [
    *pages.urlpatterns,
    *fraud.urlpatterns,
]
