from django.contrib import admin

from hromada.core.models import CouncilSettings


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return not CouncilSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
