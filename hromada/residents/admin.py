from django.contrib import admin

from hromada.residents.models import ExternalIdentity, Resident


class ExternalIdentityInline(admin.TabularInline):
    model = ExternalIdentity
    extra = 0
    readonly_fields = ("provider", "subject", "verified_name", "birth_date", "verified_at")
    can_delete = True


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    """Support only: an administrator may find an account, see whether it is confirmed, or unlink it."""

    list_display = ("full_name", "email", "email_confirmed_at", "created_at")
    search_fields = ("email",)
    readonly_fields = ("user", "created_at", "email_confirmed_at")
    inlines = [ExternalIdentityInline]
