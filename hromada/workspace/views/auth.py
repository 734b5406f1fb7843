"""Sign-in (with lock-out after repeated failures), sign-out and password change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.accounts import signin
from hromada.core.audit import record_audit


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the web server saw it (set X-Forwarded-For handling in the proxy)."""
    return request.META.get("REMOTE_ADDR") or None


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": gettext_lazy("Wrong username or password."),
        "inactive": gettext_lazy("This account is disabled."),
        "locked": gettext_lazy(
            "Too many failed attempts. Signing in is locked for %(minutes)s minutes; try later "
            "or ask the administrator."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "") or ""
        ip = client_ip(self.request) if self.request else None
        if username and signin.is_locked_out(username=username, ip=ip):
            from django.conf import settings

            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.HROMADA_SIGN_IN_WINDOW_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            signin.record_failure(username=username, ip=ip)
            if signin.is_locked_out(username=username, ip=ip):
                record_audit(actor=None, action="accounts.sign_in_locked", username=username, ip=ip)
            raise
        signin.clear_failures(username=username)
        return cleaned


class SignInView(auth_views.LoginView):
    template_name = "workspace/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), back to the sign-in page (LOGOUT_REDIRECT_URL)."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "workspace/password_change.html"
    success_url = reverse_lazy("workspace:dashboard")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response
