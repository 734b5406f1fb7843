"""Staff pages of receptions (namespace "receptions", under /staff/receptions/): personal receptions,
the centre's booking and its hall."""

from hromada.receptions import staff_urls_centre, staff_urls_personal, staff_urls_queue

app_name = "receptions"

urlpatterns = [
    *staff_urls_personal.urlpatterns,
    *staff_urls_centre.urlpatterns,
    *staff_urls_queue.urlpatterns,
]
