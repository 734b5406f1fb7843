"""Staff pages of e-petitions, mounted at /staff/petitions/ (namespace "petitions")."""

from hromada.petitions.views import fraud, staff

app_name = "petitions"

urlpatterns = [
    *staff.urlpatterns,
    *fraud.urlpatterns,
]
