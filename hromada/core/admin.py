"""Admin of core's tables, and ReadOnlyAdmin: the base of every admin over a record that only the
services write (the audit log, the letters sent, the jobs run)."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from hromada.core.models import AuditEntry, CouncilSettings


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read here; written only by the services and the worker, never added, edited or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return not CouncilSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log is read here, never written or edited."""

    list_display = ("at", "actor", "action", "object_type", "object_id")
    list_filter = ("action",)
    search_fields = ("action", "object_id", "actor__username")
    date_hierarchy = "at"
    readonly_fields = ("at", "actor", "action", "object_type", "object_id", "details")
