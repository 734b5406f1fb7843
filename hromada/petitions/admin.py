"""Адміністрування е-петицій: the charter's petition rules are edited here; petitions and their
journal are only read (every change goes through the services, with its event and e-mails)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from hromada.core.admin import ReadOnlyAdmin
from hromada.petitions.models import CharterSettings, Petition, PetitionEvent


@admin.register(CharterSettings)
class CharterSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "threshold", "collection_days", "min_signer_age", "residence_required")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not CharterSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class PetitionEventInline(admin.TabularInline):
    model = PetitionEvent
    fields = ("at", "action", "actor", "data")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ("pk", "title", "status", "signature_count", "paper_count", "deadline", "answer_due")
    list_filter = ("status",)
    search_fields = ("title", "author_name")
    date_hierarchy = "created_at"
    exclude = ("search_text",)
    inlines = [PetitionEventInline]


@admin.register(PetitionEvent)
class PetitionEventAdmin(ReadOnlyAdmin):
    """Журнал петицій: who did what and when."""

    list_display = ("at", "petition", "action", "actor")
    list_filter = ("action",)
    search_fields = ("petition__title", "actor__username")
    date_hierarchy = "at"
    list_select_related = ("petition", "actor")
