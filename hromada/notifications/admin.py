"""Records of what was sent and which daily jobs ran: read here, written only by the services and
the worker."""

from django.contrib import admin

from hromada.core.admin import ReadOnlyAdmin
from hromada.notifications.models import Notification, ScheduledRun


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "kind",
        "recipient",
        "subject",
        "status",
        "attempts",
        "sent_at",
        "next_attempt_at",
    )
    list_filter = ("status", "kind")
    search_fields = ("recipient", "subject", "object_id")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    readonly_fields = [f.name for f in Notification._meta.fields]


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ("day", "job", "performed", "queued", "started_at")
    list_filter = ("job",)
    readonly_fields = [f.name for f in ScheduledRun._meta.fields]
