"""Public pages of the ЦНАП's e-booking (/cnap/…) and its open data set (annex 38 of resolution 835),
in the portal's namespace. The letters link to `cnap/skasuvaty/<token>/` (notify_centre.cancel_path)."""

from django.urls import URLPattern, URLResolver, path

from hromada.receptions import opendata
from hromada.receptions.views import centre_public

urlpatterns: list[URLPattern | URLResolver] = [
    path("cnap/", centre_public.catalogue, name="centre"),
    path("cnap/posluha/<int:service_id>/", centre_public.service, name="centre-service"),
    path("cnap/zapys/", centre_public.find, name="centre-find"),
    path("cnap/zapys/<str:token>/", centre_public.booking, name="centre-booking"),
    path("cnap/skasuvaty/<str:token>/", centre_public.cancel, name="centre-cancel"),
    path("cnap/open-data/services.csv", opendata.services_csv, name="centre-services-csv"),
    path("cnap/open-data/services.json", opendata.services_json, name="centre-services-json"),
]
