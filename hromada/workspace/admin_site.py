"""Django's admin under the one sign-in policy: /admin/login/ is the staff sign-in (a POST there is
counted and locked out exactly like one to /staff/sign-in/; a GET goes to the staff sign-in page), and
the admin requires a session verified by the second factor when the account needs one."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _


class AdminConfig(DjangoAdminConfig):
    """In INSTALLED_APPS instead of "django.contrib.admin"."""

    default_site = "hromada.workspace.admin_site.HromadaAdminSite"


class HromadaAdminSite(admin.AdminSite):
    """Адміністрування: the platform's own name instead of Django's, and "view site" leads to the
    staff workspace."""

    site_header = _("Hromada — administration")
    site_title = _("Hromada administration")
    index_title = _("Council platform settings")
    site_url = "/staff/"

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        # Imported here: this module is named in INSTALLED_APPS, before the models are ready.
        from hromada.accounts import second_factor
        from hromada.accounts.access import second_factor_step
        from hromada.workspace.views.auth import sign_in

        if request.method == "POST":
            return sign_in(request, door="admin")
        user = request.user
        if user.is_authenticated:
            if not second_factor.is_satisfied(request):
                return second_factor_step(request)
            if not (user.is_active and user.is_staff):
                raise PermissionDenied  # signed in, but the admin is not theirs (no redirect loop)
        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("admin:index", current_app=self.name)
        return redirect(f"{reverse('workspace:sign-in')}?{urlencode({'next': target})}")

    def has_permission(self, request: HttpRequest) -> bool:
        from hromada.accounts import second_factor

        return super().has_permission(request) and second_factor.is_satisfied(request)
