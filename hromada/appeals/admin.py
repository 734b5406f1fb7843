"""The register's imports in the admin, read-only: the administrator's dashboard links to the queued,
running and failed ones (the import itself is the registrar's page, appeals.views.imports)."""

from django.contrib import admin

from hromada.appeals.models import ImportJob
from hromada.core.admin import ReadOnlyAdmin


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = (
        "file_name",
        "state",
        "lines_done",
        "lines_total",
        "created_by",
        "created_at",
        "finished_at",
    )
    list_filter = ("state", "format")
    search_fields = ("file_name",)
    exclude = ("file",)
