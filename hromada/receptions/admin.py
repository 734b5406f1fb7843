"""Administration of receptions: the officials and the centre's catalogue and windows may also be kept
here; bookings and tickets are read-only (their steps run in the services)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from hromada.receptions.models import (
    CentreBooking,
    CentreService,
    Official,
    QueueTicket,
    ReceptionBooking,
    ReceptionHours,
    ReceptionSettings,
    ScheduleException,
    Window,
    WindowHours,
)


class ReceptionHoursInline(admin.TabularInline):
    model = ReceptionHours
    extra = 0


class ScheduleExceptionInline(admin.TabularInline):
    model = ScheduleException
    extra = 0


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ("full_name", "position", "place", "is_published", "is_suspended")
    list_filter = ("is_published", "is_suspended")
    search_fields = ("full_name", "position")
    inlines = [ReceptionHoursInline, ScheduleExceptionInline]


class WindowHoursInline(admin.TabularInline):
    model = WindowHours
    extra = 0


@admin.register(Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = ("number", "administrator", "is_active")
    filter_horizontal = ("services",)
    inlines = [WindowHoursInline]


@admin.register(CentreService)
class CentreServiceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "group", "minutes", "fee", "is_bookable", "is_active")
    list_filter = ("group", "is_bookable", "is_active")
    search_fields = ("code", "name")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ReceptionBooking)
class ReceptionBookingAdmin(ReadOnlyAdmin):
    list_display = ("day", "starts", "official", "status", "channel")
    list_filter = ("status", "channel", "official")
    exclude = ("token",)


@admin.register(CentreBooking)
class CentreBookingAdmin(ReadOnlyAdmin):
    list_display = ("code", "day", "starts", "service", "window", "status")
    list_filter = ("status", "service")
    exclude = ("token",)


@admin.register(QueueTicket)
class QueueTicketAdmin(ReadOnlyAdmin):
    list_display = ("day", "number", "service", "status", "window")
    list_filter = ("status", "service")


admin.site.register(ReceptionSettings)
