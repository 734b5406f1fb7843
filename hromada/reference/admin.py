from django.contrib import admin
from django.http import HttpRequest

from hromada.reference.models import VOCABULARIES, ReferenceItem


class ReferenceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "classifier", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")

    def get_readonly_fields(self, request: HttpRequest, obj: ReferenceItem | None = None) -> tuple[str, ...]:
        return ("code",) if obj else ()

    def has_delete_permission(self, request: HttpRequest, obj: ReferenceItem | None = None) -> bool:
        return False  # deactivate instead: appeals keep pointing at old codes


for model in VOCABULARIES.values():
    admin.site.register(model, ReferenceAdmin)
