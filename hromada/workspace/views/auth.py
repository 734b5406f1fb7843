"""The staff door: sign-in (password, then a code from the second factor when the account has one),
sign-out and password change. /admin/login/ is this same door (workspace/admin_site.py).

Every attempt goes through the one policy of hromada.accounts.signin: failures counted per account
and per address; the account lock is passed by a known device or by a second-factor code given with
the password.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp.models import Device

from hromada.accounts import known_devices, second_factor, signin
from hromada.accounts.access import second_factor_step
from hromada.accounts.models import User
from hromada.core import clock

#: The session key of a sign-in that has passed the password and waits for the code.
PENDING_KEY = "_hromada_pending_sign_in"
#: Seconds the code step waits after the password; wrong codes before it starts over.
PENDING_SECONDS = 300
PENDING_MAX_CODES = 5


def client_ip(request: HttpRequest) -> str | None:
    return signin.client_address(request)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _locked_message() -> str:
    return _(
        "Too many failed attempts. Signing in is locked for %(minutes)s minutes; try later "
        "or ask the administrator."
    ) % {"minutes": settings.HROMADA_SIGN_IN_WINDOW_MINUTES}


class SignInForm(AuthenticationForm):
    """Username and password; while the account is locked, also a second-factor code."""

    code = forms.CharField(label=gettext_lazy("Code from the app or a recovery code"), required=False)

    error_messages = {
        "invalid_login": gettext_lazy("Wrong username or password."),
        "inactive": gettext_lazy("This account is disabled."),
    }

    def __init__(self, *args: Any, door: str = "staff", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.door = door
        self.offer_code = False
        self.device: Device | None = None
        self.how = "password"

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "") or ""
        code = (self.data.get("code", "") or "").strip()
        ip = client_ip(self.request) if self.request else None
        account = User._default_manager.filter(username=username).first() if username else None
        known = self.request is not None and known_devices.recognises(self.request, account)
        verdict = signin.check_attempt(username=username, ip=ip, known_device=known)
        if verdict is signin.Verdict.ADDRESS_LOCKED:
            # Counted too: a lock-out lasts while the attack goes on, not 15 minutes from its start.
            signin.record_failure(username=username, ip=ip, door=self.door)
            raise forms.ValidationError(_locked_message(), code="locked")
        if verdict is signin.Verdict.ACCOUNT_LOCKED and not code:
            signin.record_failure(username=username, ip=ip, door=self.door)
            self.offer_code = True
            raise forms.ValidationError(
                _locked_message()
                + " "
                + _("If you have a second factor, enter your password and a code to sign in now."),
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            signin.record_failure(username=username, ip=ip, door=self.door)
            self.offer_code = verdict is signin.Verdict.ACCOUNT_LOCKED
            raise
        if verdict is signin.Verdict.ACCOUNT_LOCKED:
            user = self.get_user()
            self.device = second_factor.verify(user, code)
            if self.device is None:
                signin.record_failure(username=username, ip=ip, door=self.door)
                self.offer_code = True
                raise forms.ValidationError(_locked_message(), code="locked")
            self.how = "second_factor"
        elif known:
            self.how = "known_device"
        return cleaned


def complete_sign_in(
    request: HttpRequest, user: User, *, device: Device | None, door: str, how: str, next_url: str
) -> HttpResponse:
    """Sign in, mark the session verified if a device took part, forget the account's failures and
    remember this browser as a known device of the account."""
    backend = getattr(user, "backend", None) or settings.AUTHENTICATION_BACKENDS[0]
    login(request, user, backend=backend)
    if device is not None:
        second_factor.mark_verified(request, device)
    signin.record_success(user=user, username=user.get_username(), ip=client_ip(request), door=door, how=how)
    response = redirect(next_url)
    known_devices.remember(request, response, user)
    return response


@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest, door: str = "staff") -> HttpResponse:
    next_url = _next_url(request)
    user = request.user
    if request.method != "POST":
        if user.is_authenticated and user.role:
            if not second_factor.is_satisfied(request):
                return second_factor_step(request)
            return redirect(next_url)
        form = SignInForm(request)
        return render(request, "workspace/sign_in.html", {"form": form, "next": next_url})
    form = SignInForm(request, data=request.POST, door=door)
    if not form.is_valid():
        context = {"form": form, "next": next_url, "offer_code": form.offer_code}
        return render(request, "workspace/sign_in.html", context, status=200)
    user = form.get_user()
    if form.device is None and second_factor.has_device(user):
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": int(clock.now().timestamp()),
            "wrong": 0,
            "door": door,
            "how": form.how,
        }
        return redirect(f"{reverse('workspace:second-factor-verify')}?{urlencode({'next': next_url})}")
    return complete_sign_in(request, user, device=form.device, door=door, how=form.how, next_url=next_url)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the app or a recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        error_messages={"required": gettext_lazy("Enter the code.")},
    )


def _pending_user(request: HttpRequest) -> tuple[User | None, dict[str, Any] | None]:
    """The user waiting for the code step: a sign-in that passed the password (not yet signed in), or
    a signed-in session not yet verified (a session from before the device was confirmed)."""
    pending = request.session.get(PENDING_KEY)
    if isinstance(pending, dict):
        if int(clock.now().timestamp()) - int(pending.get("at", 0)) <= PENDING_SECONDS:
            # The session keeps JSON, untyped; sign_in wrote both keys.
            user = User._default_manager.filter(pk=pending.get("user"), is_active=True).first()  # type: ignore[misc]
            if user is not None:
                user.backend = pending.get("backend")  # type: ignore[assignment]
                return user, pending
        del request.session[PENDING_KEY]
    current = request.user
    if current.is_authenticated and current.role and not second_factor.is_verified(request):
        return current, None
    return None, None


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second step: a TOTP code or a recovery code. Wrong codes count in the sign-in policy."""
    next_url = _next_url(request)
    user, pending = _pending_user(request)
    if user is None or not second_factor.has_device(user):
        return redirect(f"{reverse('workspace:sign-in')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        username = user.get_username()
        if signin.check_attempt(username=username, ip=ip, known_device=True) is signin.Verdict.ADDRESS_LOCKED:
            form.add_error(None, _locked_message())
        else:
            device = second_factor.verify(user, form.cleaned_data["code"])
            if device is not None:
                if pending is None:  # already signed in: only the verification was missing
                    second_factor.mark_verified(request, device)
                    signin.record_success(user=user, username=username, ip=ip, door="staff", how="code")
                    return redirect(next_url)
                del request.session[PENDING_KEY]
                return complete_sign_in(
                    request, user, device=device, door=pending["door"], how=pending["how"], next_url=next_url
                )
            signin.record_failure(username=username, ip=ip, door="second_factor")
            form.add_error("code", _("This code is not valid. Check the app and try again."))
            if pending is not None:
                pending["wrong"] = int(pending.get("wrong", 0)) + 1
                if pending["wrong"] >= PENDING_MAX_CODES:
                    del request.session[PENDING_KEY]
                    messages.error(request, _("Too many wrong codes. Sign in again."))
                    return redirect(f"{reverse('workspace:sign-in')}?{urlencode({'next': next_url})}")
                request.session[PENDING_KEY] = pending
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "next": next_url}
    return render(request, "workspace/sign_in_code.html", context, status=status)


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), back to the sign-in page (LOGOUT_REDIRECT_URL)."""


def _second_factor_satisfied(view: Any) -> Any:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not second_factor.is_satisfied(request):
            return second_factor_step(request)
        return view(request, *args, **kwargs)

    return wrapped


@method_decorator(_second_factor_satisfied, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    """The role-aware AUTH_PASSWORD_VALIDATORS apply (12+ characters for staff)."""

    template_name = "workspace/password_change.html"
    success_url = reverse_lazy("workspace:dashboard")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        # The known-device cookie is bound to the password: this browser stays known.
        known_devices.remember(self.request, response, form.user)
        messages.success(self.request, _("Your password has been changed."))
        return response
