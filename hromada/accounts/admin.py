from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hromada.accounts import selectors
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


class StandingFilter(admin.SimpleListFilter):
    """What the administrator's dashboard counts: accounts locked out of signing in now, staff who
    must have a second factor and have none (accounts.selectors)."""

    title = _("needs attention")
    parameter_name = "standing"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("locked", _("sign-in locked now")), ("no_second_factor", _("no second factor yet"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> QuerySet[User]:
        if self.value() == "locked":
            return queryset.filter(pk__in=selectors.locked_accounts().values("pk"))
        if self.value() == "no_second_factor":
            return queryset.filter(pk__in=selectors.staff_without_second_factor().values("pk"))
        return queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "department", "is_active")
    list_filter = ("role", "department", "is_active", StandingFilter)
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
