"""Public pages of receptions, in the portal's namespace at the site root: personal receptions
(/pryiom/), the centre's booking (/cnap/) and its hall (/cnap/zal/…)."""

from hromada.receptions import public_urls_centre, public_urls_personal, public_urls_queue

urlpatterns = [
    *public_urls_personal.urlpatterns,
    *public_urls_centre.urlpatterns,
    *public_urls_queue.urlpatterns,
]
