"""Administration of public questions and legal consultations. The workflow runs in the services (the
staff pages); here an administrator may look and correct a text, while who-and-when stays read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from hromada.core import clock
from hromada.core.textsearch import search_key
from hromada.questions.models import LegalConsultation, Question, QuestionEvent


class QuestionEventInline(admin.TabularInline):
    model = QuestionEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "action", "actor", "data")

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("id", "status", "topic", "department", "asked_at", "answered_at")
    list_filter = ("status", "topic", "department")
    date_hierarchy = "asked_at"
    inlines = [QuestionEventInline]
    readonly_fields = (
        "status",
        "author_initials",
        "asked_at",
        "moderated_at",
        "moderated_by",
        "published_at",
        "answered_at",
        "answered_by",
        "answer_signature",
        "answer_corrected_at",
        "answer_corrected_by",
        "search_text",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # questions come from residents through the public form

    def save_model(self, request: Any, obj: Question, form: Any, change: bool) -> None:
        obj.search_text = search_key(obj.published_text, obj.answer)
        super().save_model(request, obj, form, change)


@admin.register(LegalConsultation)
class LegalConsultationAdmin(admin.ModelAdmin):
    list_display = ("title", "topic", "is_published", "published_at", "updated_at")
    list_filter = ("is_published", "topic")
    search_fields = ("title",)
    readonly_fields = (
        "published_at",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "search_text",
    )

    def save_model(self, request: Any, obj: LegalConsultation, form: Any, change: bool) -> None:
        now = clock.now()
        if not change:
            obj.created_at, obj.created_by = now, request.user
        obj.updated_at, obj.updated_by = now, request.user
        if obj.is_published and obj.published_at is None:
            obj.published_at = now
        obj.search_text = search_key(obj.title, obj.question, obj.answer)
        super().save_model(request, obj, form, change)
