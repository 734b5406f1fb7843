"""Open data of the kindergarten queue (annex 42 of resolution 835), in the portal's namespace: the whole
community's set and each group's (next to its public list /dytsadok/cherga/<id>/), CSV and JSON.
Included by public_urls.py."""

from django.urls import URLPattern, URLResolver, path

from hromada.kindergarten import opendata

urlpatterns: list[URLPattern | URLResolver] = [
    path("dytsadok/open-data/queue.csv", opendata.queue_csv, name="kindergarten-queue-csv"),
    path("dytsadok/open-data/queue.json", opendata.queue_json, name="kindergarten-queue-json"),
    path("dytsadok/cherga/<int:age_group_id>.csv", opendata.group_csv, name="kindergarten-group-csv"),
    path("dytsadok/cherga/<int:age_group_id>.json", opendata.group_json, name="kindergarten-group-json"),
]
