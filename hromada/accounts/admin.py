from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.utils.translation import gettext_lazy as _

from hromada.accounts.models import ApiToken, Department, User


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")


class UserCreationForm(AdminUserCreationForm):
    """The role is chosen with the password, so that the role-aware password rules (12+ characters
    for staff: AUTH_PASSWORD_VALIDATORS) know whose password it is."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "role", "department")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "department", "is_active")
    list_filter = ("role", "department", "is_active")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), (_("Role"), {"fields": ("role", "department")}))
    add_form = UserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "role", "department", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "prefix", "created_at", "is_active")
    readonly_fields = ("user", "prefix", "digest", "created_at")
