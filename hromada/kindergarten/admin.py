"""Administration of the kindergarten queue: read-only. Institutions, groups and applications change
through the services (the staff pages), which keep the positions exact and the history complete;
a change here would bypass both."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from hromada.kindergarten.models import AgeGroup, Application, Institution, PositionChange


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Institution)
class InstitutionAdmin(ReadOnlyAdmin):
    list_display = ("name", "edrpou", "district", "active")
    search_fields = ("name", "edrpou")


@admin.register(AgeGroup)
class AgeGroupAdmin(ReadOnlyAdmin):
    list_display = ("institution", "school_year", "age", "name", "capacity")
    list_filter = ("school_year", "age")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("number", "status", "benefit", "benefit_status", "school_year", "filed_at")
    list_filter = ("status", "benefit_status", "school_year")
    search_fields = ("number",)
    exclude = ("code_hash",)


@admin.register(PositionChange)
class PositionChangeAdmin(ReadOnlyAdmin):
    list_display = ("application", "age_group", "old_position", "new_position", "reason", "at")
    list_filter = ("reason",)
