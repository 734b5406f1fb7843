from django.contrib import admin

from hromada.reference.models import VOCABULARIES


class ReferenceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "classifier", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return ("code",) if obj else ()

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False  # deactivate instead: appeals keep pointing at old codes


for model in VOCABULARIES.values():
    admin.site.register(model, ReferenceAdmin)
